import { TerraformBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import type { ServiceAccountRole } from "../model/role";
import { Engine, removedForm } from "../planning/engine";
import type { MigrationPlan, PlannedAccount, PlannedToken } from "../planning/plan";
import { CloudStackServiceAccount, CloudStackServiceAccountToken } from "./cloud-stack-service-account";
import { applyMeta, expression, ProviderRequirement } from "./plan-rendering";
import { requireTerraformVersion } from "./removed";
import { RemovedBlock, RemovedList } from "./removed-blocks";
import { withoutNameClaims } from "./naming";
import { ServiceAccount } from "./service-account";
import { ServiceAccountToken } from "./service-account-token";

export interface MigrationStackProps {
  readonly plan: MigrationPlan;
  /**
   * The tool that runs the stack. "opentofu" writes removed blocks OpenTofu 1.7+ accepts (no
   * lifecycle when they only forget; 1.10+ when one destroys), as `grafana-sa migrate --engine
   * opentofu` does. @default the plan's engine (planMigration's `engine` option), else "terraform"
   */
  readonly engine?: Engine;
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
    new ProviderRequirement(this, "grafana", props.plan.declaresRequiredProviders, props.plan.providerVersion ?? null);
    const byAddress = new Map<string, ServiceAccount | CloudStackServiceAccount>();
    // The first planned account of each address, looked up per token (a find per token is O(n^2)).
    const plannedByAddress = new Map<string, PlannedAccount>();
    for (const account of props.plan.accounts) {
      byAddress.set(account.address, this.renderAccount(account));
      if (!plannedByAddress.has(account.address)) plannedByAddress.set(account.address, account);
    }
    for (const token of props.plan.tokens) {
      const account = byAddress.get(token.account);
      if (!account) throw new Error(`plan inconsistency: ${token.address} points at ${token.account}, which the plan does not create`);
      this.renderToken(account, token, plannedByAddress.get(token.account) as PlannedAccount);
    }
    const form = removedForm(props.engine ?? props.plan.engine, props.plan.removals);
    if (props.plan.removals.length > 0) new RemovedList(this, "removed blocks", removedBlocks(props.plan, form.lifecycle), form.requiredVersion);
    // The plan's constraint, or the engine's when the stack is given one of its own.
    const required = props.engine !== undefined && props.plan.removals.length > 0 ? form.requiredVersion : props.plan.requiredVersion;
    if (required) requireTerraformVersion(this, required);
  }

  /** The input configuration keeps its own backend; the migration never adds one. */
  ensureBackendExists(): TerraformBackend {
    return undefined as unknown as TerraformBackend;
  }

  private renderAccount(a: PlannedAccount): ServiceAccount | CloudStackServiceAccount {
    const role = expression(a.role) as ServiceAccountRole;
    const account = planChecked(a.meta.provider, () =>
      a.kind === "cloud-stack"
        ? new CloudStackServiceAccount(this, a.address, { name: a.name, role, stackSlug: expression(a.stackSlug as string) })
        : new ServiceAccount(this, a.address, { name: a.name, role, orgId: a.orgId === undefined ? undefined : expression(a.orgId) }),
    );
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

  private renderToken(account: ServiceAccount | CloudStackServiceAccount, t: PlannedToken, planned: PlannedAccount): void {
    const secondsToLive = t.secondsToLive === undefined || t.secondsToLive === 0 ? undefined : (expression(t.secondsToLive) as number);
    // The plan fixes the account's address, so the token names it as a Terraform expression, as
    // the plan gives its other values. account.serviceAccountId, a cdktf reference, would be the
    // same string in the document (account and token share this stack), but cdktf records a full
    // stack trace in every reference: about 2.5 KB of heap per token, kept for the life of the
    // process, and the time to capture and format it.
    const serviceAccountId = `\${${account.resource.terraformResourceType}.${account.resource.friendlyUniqueId}.id}`;
    const options = { name: t.name, secondsToLive };
    const token = planChecked(t.meta.provider, () =>
      account instanceof CloudStackServiceAccount
        ? new CloudStackServiceAccountToken(account, t.address, { ...options, serviceAccount: { stackSlug: account.stackSlug, role: account.role, tokenDefaults: account.tokenDefaults, serviceAccountId } })
        : new ServiceAccountToken(account, t.address, { ...options, serviceAccount: { orgId: account.orgId, role: account.role, tokenDefaults: account.tokenDefaults, serviceAccountId } }),
    );
    token.resource.overrideLogicalId(t.resourceName);
    applyMeta(token.resource, t.meta);
    // An account with count/for_each (per key, like its token) is a list or map of instances:
    // each token instance takes the account instance with the same key.
    const instance = planned.meta.count !== undefined ? "[count.index]" : planned.meta.forEach !== undefined ? "[each.key]" : undefined;
    if (instance) token.resource.addOverride("service_account_id", `\${${planned.address}${instance}.id}`);
  }
}

/**
 * The constructs' duplicate-name check scopes names by TerraformProvider object, but the plan
 * gives the provider as an override ("grafana.org2"), which that check cannot see: it would
 * take a name on grafana.org2 and the same name on the default provider for a clash. The
 * plan has checked names per provider already, so a construct on an aliased provider is built
 * without claiming its name. (Not with an unresolved name, which the check also skips: a
 * token per name costs a stack trace, about 0.1 ms, and more again to resolve at synth.)
 */
function planChecked<T>(provider: string | undefined, build: () => T): T {
  return provider === undefined ? build() : withoutNameClaims(build);
}

/**
 * The plan's removed blocks, for one element: a Removed construct per key would add n
 * constructs that cdktf visits, merges and validates at every synth. The id ("removed blocks")
 * cannot clash with an output's, which must be an identifier.
 */
function removedBlocks(plan: MigrationPlan, lifecycle: boolean): RemovedBlock[] {
  const seen = new Set<string>();
  return plan.removals.map(({ from, destroy }) => {
    if (seen.has(from)) throw new Error(`plan inconsistency: two removed blocks for ${from}`);
    seen.add(from);
    return lifecycle ? { from, destroy } : { from, destroy, lifecycle };
  });
}
