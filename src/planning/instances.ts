/**
 * How many instances Terraform manages for each resource of a plan. A key with count or
 * for_each is several keys to Terraform, and so are its token and (per key) its account: the
 * report's numbers must be Terraform's. The configuration alone tells the number only for a
 * literal count, or a for_each over a literal map, set or list (toset([...]) of literals);
 * anything else (a variable, a reference) is known only when Terraform runs, and is counted
 * as unknown rather than guessed.
 */
import type { MetaArguments } from "./legacy";
import type { MigrationPlan } from "./plan";
import { isObject, TfValue } from "../hcl/tf-json";
import { isDynamic, soleExpression } from "../hcl/template";

/** 1 without count or for_each; null when only Terraform knows. */
export function staticInstances(meta: Pick<MetaArguments, "count" | "forEach">): number | null {
  if (meta.count !== undefined) return countOf(meta.count);
  if (meta.forEach !== undefined) return forEachOf(meta.forEach);
  return 1;
}

function countOf(value: TfValue): number | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? (soleExpression(value) ?? value) : "";
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

function forEachOf(value: TfValue): number | null {
  // hcl2json gives a literal map as an object; a key written as an expression stays "${...}".
  if (isObject(value)) return Object.keys(value).some(isDynamic) ? null : Object.keys(value).length;
  if (Array.isArray(value)) return distinct(value);
  const list = /^toset\(\s*(\[[\s\S]*\])\s*\)$/.exec(soleExpression(value) ?? "");
  if (!list) return null;
  try {
    // Literal strings and numbers read the same in HCL and JSON; anything else fails to parse.
    return distinct(JSON.parse(list[1].replace(/,\s*\]$/, "]")));
  } catch {
    return null;
  }
}

/** A set's size: its elements as Terraform's strings, once each (toset(["a", "a"]) is one). */
function distinct(items: unknown): number | null {
  if (!Array.isArray(items)) return null;
  const literal = (i: unknown) => (typeof i === "string" ? !isDynamic(i) : typeof i === "number" || typeof i === "boolean");
  return items.every(literal) ? new Set(items.map(String)).size : null;
}

/** Instances of some resources: those the configuration tells, and the resources it does not. */
export interface InstanceTally {
  readonly known: number;
  /** Addresses whose number of instances is known only when Terraform runs. */
  readonly unknown: string[];
}

/** What Terraform counts when the migration is applied, per instance. */
export interface InstanceCounts {
  /** The legacy keys. */
  readonly keys: InstanceTally;
  /** New service accounts and tokens. */
  readonly toAdd: InstanceTally;
  /** Adopted accounts (import blocks). */
  readonly toImport: InstanceTally;
  /** Legacy keys that Terraform destroys (revokes). */
  readonly toDestroy: InstanceTally;
  /** Legacy keys that Terraform forgets; they keep working. */
  readonly toForget: InstanceTally;
}

export function instanceCounts(plan: Pick<MigrationPlan, "accounts" | "tokens" | "removals" | "entries">): InstanceCounts {
  const instancesOfKey = new Map(plan.entries.map((e) => [e.legacy, e.instances]));
  const keyInstances = (from: string) => (instancesOfKey.has(from) ? (instancesOfKey.get(from) as number | null) : 1);
  return {
    keys: tally(plan.entries.map((e) => [e.legacy, e.instances])),
    toAdd: resourceInstances([...plan.accounts.filter((a) => !a.adopt), ...plan.tokens]),
    toImport: resourceInstances(plan.accounts.filter((a) => a.adopt)),
    toDestroy: tally(plan.removals.filter((r) => r.destroy).map((r) => [r.from, keyInstances(r.from)])),
    toForget: tally(plan.removals.filter((r) => !r.destroy).map((r) => [r.from, keyInstances(r.from)])),
  };
}

/** The instances of planned resources (accounts, tokens), from their count or for_each. */
export function resourceInstances(resources: readonly { readonly address: string; readonly meta: Pick<MetaArguments, "count" | "forEach"> }[]): InstanceTally {
  return tally(resources.map((r) => [r.address, staticInstances(r.meta)]));
}

function tally(items: readonly (readonly [string, number | null])[]): InstanceTally {
  let known = 0;
  const unknown: string[] = [];
  for (const [address, n] of items) {
    if (n === null) unknown.push(address);
    else known += n;
  }
  return { known, unknown };
}

/** True when some count differs from the number of resource blocks: the plan has count or for_each. */
export function hasInstances(plan: Pick<MigrationPlan, "entries">): boolean {
  return plan.entries.some((e) => e.instancedBy !== null);
}

/**
 * A number of instances as Terraform counts them: "6", or "at least 4 (plus the instances of
 * x, ...)" when some count or for_each is known only when Terraform runs.
 */
export function amount(t: InstanceTally): string {
  if (t.unknown.length === 0) return String(t.known);
  const shown = t.unknown.length > 3 ? `${t.unknown.slice(0, 3).join(", ")} and ${t.unknown.length - 3} more` : t.unknown.join(", ");
  return `at least ${t.known} (plus the instances of ${shown}, whose count or for_each only Terraform knows)`;
}
