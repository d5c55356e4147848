import { Lazy, TerraformBackend, TerraformResource, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import type { ServiceAccountRole } from "../model/role";
import type { MetaArguments } from "../planning/legacy";
import type { MigrationPlan, PlannedAccount, PlannedToken } from "../planning/plan";
import { isDynamic } from "../planning/tf-json";
import { CloudStackServiceAccount } from "./cloud-stack-service-account";
import { Removed, requireTerraformVersion } from "./removed";
import { ServiceAccount } from "./service-account";

export interface MigrationStackProps {
  readonly plan: MigrationPlan;
}

/**
 * Renders a migration plan: the service accounts and tokens that replace legacy keys, the
 * `removed` blocks that keep (or revoke) the keys, and `import` blocks for adopted accounts.
 * It holds only what the migration adds; the rewritten input files carry the rest.
 */
export class MigrationStack extends TerraformStack {
  readonly plan: MigrationPlan;

  constructor(scope: Construct, id: string, props: MigrationStackProps) {
    super(scope, id);
    this.plan = props.plan;
    new ProviderRequirement(this, "grafana", props.plan.declaresRequiredProviders);
    const byAddress = new Map<string, ServiceAccount | CloudStackServiceAccount>();
    for (const account of props.plan.accounts) byAddress.set(account.address, this.renderAccount(account));
    for (const token of props.plan.tokens) {
      const account = byAddress.get(token.account);
      if (!account) throw new Error(`plan inconsistency: ${token.address} points at ${token.account}, which the plan does not create`);
      this.renderToken(account, token);
    }
    props.plan.removals.forEach((r) => new Removed(this, `removed-${r.from}`, r));
    if (props.plan.requiredVersion) requireTerraformVersion(this, props.plan.requiredVersion);
  }

  /** The input configuration keeps its own backend; the migration never adds one. */
  ensureBackendExists(): TerraformBackend {
    return undefined as unknown as TerraformBackend;
  }

  private renderAccount(a: PlannedAccount): ServiceAccount | CloudStackServiceAccount {
    const role = expression(a.role) as ServiceAccountRole;
    const account =
      a.kind === "cloud-stack"
        ? new CloudStackServiceAccount(this, a.address, { name: a.name, role, stackSlug: expression(a.stackSlug as string) })
        : new ServiceAccount(this, a.address, { name: a.name, role, orgId: a.orgId === undefined ? undefined : expression(a.orgId) });
    account.resource.overrideLogicalId(a.resourceName);
    applyMeta(account.resource, a.meta);
    if (a.adopt?.importId !== undefined) account.resource.importFrom(a.adopt.importId);
    if (a.adopt?.lookup) {
      const { lookup } = a.adopt;
      const data = new gen.dataGrafanaServiceAccount.DataGrafanaServiceAccount(this, lookup.address, { name: lookup.name, orgId: lookup.orgId });
      data.overrideLogicalId(lookup.resourceName);
      if (lookup.provider) data.addOverride("provider", lookup.provider);
      account.resource.importFrom(data.id);
    }
    return account;
  }

  private renderToken(account: ServiceAccount | CloudStackServiceAccount, t: PlannedToken): void {
    const secondsToLive = t.secondsToLive === undefined || t.secondsToLive === 0 ? undefined : (expression(t.secondsToLive) as number);
    const token = account.addToken(t.address, { name: t.name, secondsToLive });
    token.resource.overrideLogicalId(t.resourceName);
    applyMeta(token.resource, t.meta);
  }
}

/**
 * The grafana provider as the migrated module already configures it: the generated file adds
 * no provider block, and lists the provider requirement only when the input has none (a
 * module may have only one required_providers list).
 */
class ProviderRequirement extends gen.provider.GrafanaProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly inputListsProviders: boolean,
  ) {
    super(scope, id, {});
  }

  toTerraform(): Record<string, unknown> {
    const { terraform } = super.toTerraform() as { terraform: unknown };
    return this.inputListsProviders ? {} : { terraform };
  }

  toHclTerraform(): Record<string, unknown> {
    const { terraform } = super.toHclTerraform() as { terraform: unknown };
    return this.inputListsProviders ? {} : { terraform };
  }
}

/** Meta-arguments come from the plan as Terraform JSON values, so they are set as such. */
function applyMeta(resource: TerraformResource, meta: MetaArguments): void {
  if (meta.count !== undefined) resource.addOverride("count", meta.count);
  if (meta.forEach !== undefined) resource.addOverride("for_each", meta.forEach);
  if (meta.provider !== undefined) resource.addOverride("provider", meta.provider);
  if (meta.dependsOn !== undefined) resource.addOverride("depends_on", meta.dependsOn);
  if (meta.lifecycle !== undefined) resource.addOverride("lifecycle", meta.lifecycle);
}

/**
 * A Terraform expression ("${each.value}") as an unresolved cdktf value, so construct checks
 * that cannot judge it statically skip it; literals pass through.
 */
function expression<T extends string | number>(value: T): T {
  if (!isDynamic(value)) return value;
  return Lazy.stringValue({ produce: () => String(value) }) as T;
}
