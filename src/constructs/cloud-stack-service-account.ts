import { ITerraformIterator, TerraformMetaArguments, TerraformOutput, Token } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import { parseServiceAccountRole, ServiceAccountRole } from "../model/role";
import { inScope, LifetimeProps, resolveSecondsToLive } from "./lifetime";
import { claimName, useReadableLogicalId } from "./naming";
import { sensitiveOutput } from "./outputs";
import type { AddTokenOptions } from "./service-account";

/** A service account inside a Grafana Cloud stack, made here or already existing. */
export interface ICloudStackServiceAccount {
  readonly stackSlug: string;
  readonly serviceAccountId: string;
  readonly role?: ServiceAccountRole;
  readonly tokenDefaults?: TerraformMetaArguments;
}

export interface CloudStackServiceAccountProps extends TerraformMetaArguments {
  readonly stackSlug: string;
  readonly name: string;
  readonly role: ServiceAccountRole;
  /** @default false */
  readonly isDisabled?: boolean;
}

/**
 * A service account of a Grafana Cloud stack (`grafana_cloud_stack_service_account`), managed
 * through the Cloud API: the provider needs `cloud_access_policy_token`.
 */
export class CloudStackServiceAccount extends Construct implements ICloudStackServiceAccount {
  readonly resource: gen.cloudStackServiceAccount.CloudStackServiceAccount;
  readonly stackSlug: string;
  readonly name: string;
  readonly role: ServiceAccountRole;
  readonly tokenDefaults: TerraformMetaArguments;
  private idToken?: string;
  private idTokenForEach?: ITerraformIterator;

  constructor(scope: Construct, id: string, props: CloudStackServiceAccountProps) {
    super(scope, id);
    const { stackSlug, name, role, isDisabled, ...meta } = props;
    this.role = Token.isUnresolved(role) ? role : inScope(this.node.path, () => parseServiceAccountRole(role));
    this.stackSlug = stackSlug;
    this.name = name;
    this.tokenDefaults = { provider: meta.provider };
    this.resource = new gen.cloudStackServiceAccount.CloudStackServiceAccount(this, "Resource", { ...meta, stackSlug, name, role, isDisabled });
    useReadableLogicalId(this.resource, this);
    claimName(this, { kind: "service account", name, stackSlug, provider: meta.provider });
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

  addToken(id: string, options: AddTokenOptions): CloudStackServiceAccountToken {
    return new CloudStackServiceAccountToken(this, id, { ...options, serviceAccount: this });
  }
}

export interface CloudStackServiceAccountTokenProps extends LifetimeProps, TerraformMetaArguments {
  readonly serviceAccount: ICloudStackServiceAccount;
  readonly name: string;
}

/** A token of a Cloud stack service account (`grafana_cloud_stack_service_account_token`). */
export class CloudStackServiceAccountToken extends Construct {
  readonly resource: gen.cloudStackServiceAccountToken.CloudStackServiceAccountToken;
  readonly name: string;

  constructor(scope: Construct, id: string, props: CloudStackServiceAccountTokenProps) {
    super(scope, id);
    const { serviceAccount, name, ttl, secondsToLive, ...meta } = props;
    const seconds = resolveSecondsToLive(this, { ttl, secondsToLive }, { kind: "token" });
    this.name = name;
    this.resource = new gen.cloudStackServiceAccountToken.CloudStackServiceAccountToken(this, "Resource", {
      ...serviceAccount.tokenDefaults,
      ...meta,
      stackSlug: serviceAccount.stackSlug,
      name,
      serviceAccountId: serviceAccount.serviceAccountId,
      secondsToLive: seconds,
    });
    useReadableLogicalId(this.resource, this);
    claimName(this, { kind: "credential", name, stackSlug: serviceAccount.stackSlug, provider: meta.provider ?? serviceAccount.tokenDefaults?.provider });
  }

  get key(): string {
    return this.resource.key;
  }

  outputKey(id: string, description?: string): TerraformOutput {
    return sensitiveOutput(this, id, this.key, description ?? `Secret of Cloud stack token ${this.node.path}`);
  }
}
