/**
 * Checks a saved Terraform plan (`terraform show -json tfplan`) against a migration's report
 * before anyone applies it. Pure: parsed JSON in, violations out.
 *
 * Safe means: every legacy key is forgotten (or deleted, only when the report says the keys are
 * revoked), every planned account and token is created (adopted accounts imported), no service
 * account or token is deleted or replaced, and every other change is an in-place update of a
 * resource that referenced a legacy key.
 */

/** The parts of migration-report.json that verify reads. */
export interface VerifiableReport {
  readonly keys: ReadonlyArray<{ readonly legacy: string; readonly token: string; readonly account: string; readonly legacyKeyFate: string }>;
  readonly accounts: ReadonlyArray<{ readonly address: string; readonly adopt?: unknown }>;
  /** Addresses of the resources whose expressions the migration rewrote. */
  readonly referencing?: readonly string[];
}

/** One entry of the plan's resource_changes. */
export interface ResourceChange {
  readonly address: string;
  readonly mode?: string;
  readonly type?: string;
  readonly change: { readonly actions: readonly string[]; readonly importing?: unknown };
}

export interface Violation {
  readonly address: string;
  readonly actions: readonly string[];
  readonly why: string;
}

export interface Verification {
  readonly violations: Violation[];
  /** Legacy keys the plan does not hold: not in state (already gone, or converted by Grafana). */
  readonly absentKeys: string[];
  readonly checked: number;
}

const ACCOUNT_TYPES = new Set(["grafana_service_account", "grafana_cloud_stack_service_account"]);
const TOKEN_TYPES = new Set([
  "grafana_service_account_token",
  "grafana_cloud_stack_service_account_token",
  "grafana_service_account_rotating_token",
  "grafana_cloud_stack_service_account_rotating_token",
]);

/** `grafana_api_key.x["a"]` and `grafana_api_key.x[0]` are instances of `grafana_api_key.x`. */
export function resourceOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

const is = (actions: readonly string[], ...expected: string[]) => actions.length === expected.length && actions.every((a, i) => a === expected[i]);
const quiet = (actions: readonly string[]) => is(actions, "no-op") || is(actions, "read");

/** Reads `terraform show -json` output: its resource_changes, or a message saying what is wrong. */
export function planChanges(plan: unknown): ResourceChange[] | string {
  if (typeof plan !== "object" || plan === null || !("format_version" in plan)) return "not the JSON of a saved plan: run `terraform show -json tfplan > plan.json`";
  const changes = (plan as { resource_changes?: unknown }).resource_changes ?? [];
  if (!Array.isArray(changes)) return "resource_changes is not a list";
  for (const c of changes) {
    if (typeof c?.address !== "string" || !Array.isArray(c?.change?.actions)) return "a resource_changes entry has no address or actions";
  }
  return changes as ResourceChange[];
}

export function verifyPlan(changes: readonly ResourceChange[], report: VerifiableReport): Verification {
  const keys = new Map(report.keys.map((k) => [k.legacy, k]));
  const created = new Set([...report.keys.map((k) => k.token), ...report.accounts.filter((a) => !a.adopt).map((a) => a.address)]);
  const adopted = new Set(report.accounts.filter((a) => a.adopt).map((a) => a.address));
  const referencing = report.referencing ? new Set(report.referencing) : undefined;
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const flag = (c: ResourceChange, why: string) => violations.push({ address: c.address, actions: c.change.actions, why });

  for (const c of changes) {
    if (c.mode === "data") continue;
    const { actions } = c.change;
    const resource = resourceOf(c.address);
    seen.add(resource);
    const key = keys.get(resource);
    const type = c.type ?? resource.split(".").slice(-2)[0];
    if (key) {
      const revoke = key.legacyKeyFate.startsWith("revoked");
      if (revoke ? !is(actions, "delete") : !is(actions, "forget")) {
        flag(c, revoke ? "the report revokes this key, but the plan does not delete it" : actions.includes("delete") ? "the plan deletes (revokes) this legacy key; the migration only forgets it (removed block, destroy = false)" : "the plan does not forget this legacy key: is the generated removed block in the module?");
      }
    } else if (created.has(resource)) {
      // no-op: the report's targeted apply (a provider's token, or every token with --revoke-legacy) created it already.
      if (!is(actions, "create") && !is(actions, "no-op")) flag(c, `the migration creates ${resource}, but the plan does ${actions.join(" and ")}`);
    } else if (adopted.has(resource)) {
      if (!c.change.importing) flag(c, "the migration adopts this account with an import block, but the plan does not import it");
      else if (!quiet(actions) && !is(actions, "update")) flag(c, `an adopted account must be imported, never ${actions.join(" and ")}: deleting it deletes the old key's secret with it`);
    } else if (ACCOUNT_TYPES.has(type) || TOKEN_TYPES.has(type)) {
      if (actions.includes("delete")) flag(c, `${is(actions, "delete") ? "deletes" : "replaces"} a service account or token the migration does not own (deleting an account deletes all its tokens)`);
    } else if (!quiet(actions)) {
      const safeUpdate = is(actions, "update") && (!referencing || referencing.has(resource));
      if (!safeUpdate) flag(c, is(actions, "update") ? "an in-place update of a resource that did not reference a legacy key" : `${actions.join(" and ")} of a resource the migration does not touch`);
    }
  }
  for (const address of created) {
    if (!seen.has(address)) violations.push({ address, actions: [], why: "the migration creates it, but the plan does not" });
  }
  const absentKeys = [...keys.keys()].filter((k) => !seen.has(k));
  return { violations, absentKeys, checked: changes.length };
}
