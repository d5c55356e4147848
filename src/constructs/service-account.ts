import { ITerraformIterator, TerraformMetaArguments, Token } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import { parseServiceAccountRole, ServiceAccountRole } from "../model/role";
import { inScope, LifetimeProps } from "./lifetime";
import { claimName, useReadableLogicalId } from "./naming";
import type { IServiceAccount } from "./service-account-ref";
import { ServiceAccountToken } from "./service-account-token";

export interface ServiceAccountProps extends TerraformMetaArguments {
  /** Unique among the org's service accounts. */
  readonly name: string;
  /** Basic role: None, Viewer, Editor or Admin. Tokens get exactly this role. */
  readonly role: ServiceAccountRole;
  /** @default false */
  readonly isDisabled?: boolean;
  /** @default the provider's org */
  readonly orgId?: string;
}

export interface AddTokenOptions extends LifetimeProps, TerraformMetaArguments {
  /** Unique in the org among tokens and API keys. */
  readonly name: string;
}

export interface FromServiceAccountIdOptions {
  readonly orgId?: string;
  readonly role?: ServiceAccountRole;
  /** Provider alias and other meta-arguments for tokens added to it. */
  readonly tokenDefaults?: TerraformMetaArguments;
}

class ImportedServiceAccount extends Construct implements IServiceAccount {
  constructor(
    scope: Construct,
    id: string,
    readonly serviceAccountId: string,
    private readonly options: FromServiceAccountIdOptions,
  ) {
    super(scope, id);
  }
  get orgId() {
    return this.options.orgId;
  }
  get role() {
    return this.options.role;
  }
  get tokenDefaults() {
    return this.options.tokenDefaults;
  }
}

/** A Grafana service account (`grafana_service_account`): a machine identity with one role. */
export class ServiceAccount extends Construct implements IServiceAccount {
  /** An account that exists already, to add tokens to or reference. */
  static fromServiceAccountId(scope: Construct, id: string, serviceAccountId: string, options: FromServiceAccountIdOptions = {}): IServiceAccount {
    return new ImportedServiceAccount(scope, id, serviceAccountId, options);
  }

  readonly resource: gen.serviceAccount.ServiceAccount;
  readonly name: string;
  readonly role: ServiceAccountRole;
  readonly orgId?: string;
  readonly tokenDefaults: TerraformMetaArguments;
  private idToken?: string;
  private idTokenForEach?: ITerraformIterator;

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    const { name, role, isDisabled, orgId, ...meta } = props;
    this.role = Token.isUnresolved(role) ? role : inScope(this.node.path, () => parseServiceAccountRole(role));
    this.name = name;
    this.orgId = orgId;
    this.tokenDefaults = { provider: meta.provider };
    this.resource = new gen.serviceAccount.ServiceAccount(this, "Resource", { ...meta, name, role, isDisabled, orgId });
    useReadableLogicalId(this.resource, this);
    claimName(this, { kind: "service account", name, org: orgId, provider: meta.provider });
  }

  get serviceAccountId(): string {
    // Each `.id` read makes a new cdktf token that keeps a full stack trace; all of them name
    // the same address (cdktf fixes the logical ID at the first read), so one is kept.
    if (this.idToken === undefined || this.idTokenForEach !== this.resource.forEach) {
      this.idToken = this.resource.id;
      this.idTokenForEach = this.resource.forEach;
    }
    return this.idToken;
  }

  /** Adds a token of this account; it holds the account's role. */
  addToken(id: string, options: AddTokenOptions): ServiceAccountToken {
    return new ServiceAccountToken(this, id, { ...options, serviceAccount: this });
  }
}
