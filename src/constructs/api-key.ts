import { Annotations, TerraformMetaArguments, TerraformOutput, Token } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import { ApiKeyRole, parseApiKeyRole } from "../model/role";
import { Ttl } from "../model/ttl";
import { apiKeyCap, inScope, LifetimeProps, resolveSecondsToLive } from "./lifetime";
import { claimName, useReadableLogicalId } from "./naming";
import { sensitiveOutput } from "./outputs";
import { recordCreationSite } from "./creation-site";

export interface ApiKeyProps extends LifetimeProps, TerraformMetaArguments {
  /** Name of the key, unique in its org among keys and service account tokens. */
  readonly name: string;
  /** Viewer, Editor or Admin. */
  readonly role: ApiKeyRole;
  /** @default the provider's org */
  readonly orgId?: string;
  /**
   * Provider 1.x only: create the key inside this Grafana Cloud stack.
   * @default none
   */
  readonly cloudStackSlug?: string;
  /**
   * Longest lifetime allowed. Grafana's UI allows at most one month; raise it only on purpose.
   * @default Ttl.months(1)
   */
  readonly maxTtl?: Ttl | string;
}

/**
 * A legacy Grafana API key (`grafana_api_key`). Deprecated by Grafana: it cannot be created on
 * current Grafana and provider 3.0 removed it. Use `ServiceAccount` with `addToken()`.
 */
export class ApiKey extends Construct {
  readonly resource: gen.apiKey.ApiKey;
  readonly name: string;
  readonly role: ApiKeyRole;

  constructor(scope: Construct, id: string, props: ApiKeyProps) {
    super(scope, id);
    recordCreationSite(this);
    const { name, role, orgId, cloudStackSlug, maxTtl, ttl, secondsToLive, ...meta } = props;
    this.role = checkKeyRole(this, role);
    this.name = name;
    const seconds = resolveSecondsToLive(this, { ttl, secondsToLive }, { kind: "API key", maxSeconds: apiKeyCap(maxTtl, this.node.path), raiseCapHint: "raise maxTtl explicitly" });
    Annotations.of(this).addWarning(
      `GRAFANA-DEPRECATED-API-KEY: ${this.node.path} is a legacy API key. Grafana no longer creates API keys and provider 3.0 removed grafana_api_key: use ServiceAccount with addToken(), or migrate with grafana-sa migrate.`,
    );
    this.resource = new gen.apiKey.ApiKey(this, "Resource", { ...meta, name, role, orgId, cloudStackSlug, secondsToLive: seconds });
    useReadableLogicalId(this.resource, this);
    claimName(this, { kind: "credential", name, org: orgId, stackSlug: cloudStackSlug, provider: meta.provider });
  }

  /** The secret. Terraform treats it as sensitive; output it only with `outputKey()`. */
  get key(): string {
    return this.resource.key;
  }

  get expiration(): string {
    return this.resource.expiration;
  }

  /** An output holding the key, always marked sensitive. */
  outputKey(id: string, description?: string): TerraformOutput {
    return sensitiveOutput(this, id, this.key, description ?? `Secret of API key ${this.node.path}`);
  }
}

export interface CloudStackApiKeyProps extends LifetimeProps, TerraformMetaArguments {
  readonly stackSlug: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  /** @default Ttl.months(1) */
  readonly maxTtl?: Ttl | string;
}

/**
 * A legacy API key of a Grafana Cloud stack (`grafana_cloud_stack_api_key`). Deprecated:
 * use `CloudStackServiceAccount` with `addToken()`.
 */
export class CloudStackApiKey extends Construct {
  readonly resource: gen.cloudStackApiKey.CloudStackApiKey;
  readonly name: string;
  readonly role: ApiKeyRole;

  constructor(scope: Construct, id: string, props: CloudStackApiKeyProps) {
    super(scope, id);
    recordCreationSite(this);
    const { stackSlug, name, role, maxTtl, ttl, secondsToLive, ...meta } = props;
    this.role = checkKeyRole(this, role);
    this.name = name;
    const seconds = resolveSecondsToLive(this, { ttl, secondsToLive }, { kind: "API key", maxSeconds: apiKeyCap(maxTtl, this.node.path), raiseCapHint: "raise maxTtl explicitly" });
    Annotations.of(this).addWarning(
      `GRAFANA-DEPRECATED-API-KEY: ${this.node.path} is a legacy Cloud stack API key. Provider 3.0 removed grafana_cloud_stack_api_key: use CloudStackServiceAccount with addToken().`,
    );
    this.resource = new gen.cloudStackApiKey.CloudStackApiKey(this, "Resource", { ...meta, stackSlug, name, role, secondsToLive: seconds });
    useReadableLogicalId(this.resource, this);
    claimName(this, { kind: "credential", name, stackSlug, provider: meta.provider });
  }

  get key(): string {
    return this.resource.key;
  }

  outputKey(id: string, description?: string): TerraformOutput {
    return sensitiveOutput(this, id, this.key, description ?? `Secret of Cloud stack API key ${this.node.path}`);
  }
}

function checkKeyRole(scope: Construct, role: ApiKeyRole): ApiKeyRole {
  if (Token.isUnresolved(role)) return role;
  return inScope(scope.node.path, () => parseApiKeyRole(role, "API key role"));
}
