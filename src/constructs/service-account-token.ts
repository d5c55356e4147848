import { TerraformMetaArguments, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import { LifetimeProps, resolveSecondsToLive } from "./lifetime";
import { claimName, useReadableLogicalId } from "./naming";
import { sensitiveOutput } from "./outputs";
import type { IServiceAccount } from "./service-account-ref";

export interface ServiceAccountTokenProps extends LifetimeProps, TerraformMetaArguments {
  readonly serviceAccount: IServiceAccount;
  /** Unique in the org among tokens and API keys. */
  readonly name: string;
}

/** A token of a Grafana service account (`grafana_service_account_token`). */
export class ServiceAccountToken extends Construct {
  readonly resource: gen.serviceAccountToken.ServiceAccountToken;
  readonly name: string;
  readonly serviceAccount: IServiceAccount;

  constructor(scope: Construct, id: string, props: ServiceAccountTokenProps) {
    super(scope, id);
    const { serviceAccount, name, ttl, secondsToLive, ...meta } = props;
    const seconds = resolveSecondsToLive(this, { ttl, secondsToLive }, { kind: "token" });
    this.name = name;
    this.serviceAccount = serviceAccount;
    this.resource = new gen.serviceAccountToken.ServiceAccountToken(this, "Resource", {
      ...serviceAccount.tokenDefaults,
      ...meta,
      name,
      serviceAccountId: serviceAccount.serviceAccountId,
      secondsToLive: seconds,
    });
    useReadableLogicalId(this.resource, this);
    claimName(this, { kind: "credential", name, org: serviceAccount.orgId, provider: meta.provider ?? serviceAccount.tokenDefaults?.provider });
  }

  /** The secret. Terraform treats it as sensitive; output it only with `outputKey()`. */
  get key(): string {
    return this.resource.key;
  }

  get expiration(): string {
    return this.resource.expiration;
  }

  outputKey(id: string, description?: string): TerraformOutput {
    return sensitiveOutput(this, id, this.key, description ?? `Secret of token ${this.node.path}`);
  }
}
