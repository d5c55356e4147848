/**
 * The file `grafana-sa migrate` adds to a module, straight from the plan: the same resources,
 * imports and removed blocks as MigrationStack synthesizes (a test holds the two equal), laid
 * out the way the Terraform style guide writes them. The CLI renders it without cdktf: a cdktf
 * synth of 10,000 keys alone takes longer than the whole migration may.
 */
import { Attribute, bare, ConfigBlock, ConfigValue } from "../hcl/config-blocks";
import { removedForm } from "./engine";
import type { CarriedComments } from "../hcl/comments";
import type { MetaArguments } from "./legacy";
import type { MigrationPlan, PlannedAccount, PlannedToken } from "./plan";
import { PROVIDER_SOURCE } from "./provider-pin";
import { isObject, TfObject, TfValue } from "../hcl/tf-json";

/** A sensitive output for a token's secret. */
export interface SecretOutput {
  readonly name: string;
  /** A Terraform expression, written bare. */
  readonly expression: string;
  readonly description: string;
}

const TYPES = {
  oss: { account: "grafana_service_account", token: "grafana_service_account_token" },
  "cloud-stack": { account: "grafana_cloud_stack_service_account", token: "grafana_cloud_stack_service_account_token" },
} as const;

export { PROVIDER_SOURCE } from "./provider-pin";

/** Blocks in reading order: settings, then each account with its lookup, import and tokens, then outputs and removed blocks. */
export function migrationConfig(plan: MigrationPlan, outputs: readonly SecretOutput[]): ConfigBlock[] {
  return [...migrationBlocks(plan, outputs)];
}

/**
 * The same blocks one at a time, for a caller that renders each as it comes: at 10,000 keys
 * they are 40,000 blocks, which held all at once outlive several garbage collections.
 */
export function* migrationBlocks(plan: MigrationPlan, outputs: readonly SecretOutput[]): Generator<ConfigBlock> {
  const settings = terraformSettings(plan);
  if (settings) yield settings;
  const tokensByAccount = new Map<string, PlannedToken[]>();
  for (const t of plan.tokens) {
    const list = tokensByAccount.get(t.account) ?? [];
    list.push(t);
    tokensByAccount.set(t.account, list);
  }
  for (const account of plan.accounts) {
    yield* accountBlocks(account);
    for (const token of tokensByAccount.get(account.address) ?? []) yield tokenBlock(token, account);
    tokensByAccount.delete(account.address);
  }
  if (tokensByAccount.size > 0) throw new Error(`plan inconsistency: tokens for ${[...tokensByAccount.keys()].join(", ")}, which the plan does not create`);
  for (const o of outputs) yield block("output", [o.name], [[attr("value", expression(o.expression)), attr("description", o.description), attr("sensitive", true)]]);
  const { lifecycle } = removedForm(plan.engine, plan.removals);
  for (const r of plan.removals) yield block("removed", [], [[attr("from", bare(r.from))], ...(lifecycle ? [[block("lifecycle", [], [[attr("destroy", r.destroy)]])]] : [])]);
}

function terraformSettings(plan: MigrationPlan): ConfigBlock | undefined {
  const items: (Attribute | ConfigBlock)[] = [];
  if (plan.requiredVersion) items.push(attr("required_version", plan.requiredVersion));
  // A module may list its providers once: only when no input does.
  if (!plan.declaresRequiredProviders) items.push(block("required_providers", [], [[attr("grafana", { source: PROVIDER_SOURCE, ...(plan.providerVersion ? { version: plan.providerVersion } : {}) })]]));
  return items.length === 0 ? undefined : block("terraform", [], [items]);
}

function accountBlocks(a: PlannedAccount): ConfigBlock[] {
  const type = TYPES[a.kind].account;
  const scope = a.kind === "cloud-stack" ? [attr("stack_slug", a.stackSlug as string)] : a.orgId !== undefined ? [attr("org_id", a.orgId)] : [];
  const out: ConfigBlock[] = [];
  const lookup = a.adopt?.lookup;
  if (lookup) {
    const meta = lookup.provider ? [[attr("provider", bare(lookup.provider))]] : [];
    const scoped = lookup.orgId !== undefined ? [attr("org_id", lookup.orgId)] : [];
    out.push(block("data", ["grafana_service_account", lookup.resourceName], [...meta, [...scoped, attr("name", lookup.name)]]));
  }
  out.push(resource(type, a.resourceName, a.meta, [...scope, attr("name", a.name), attr("role", a.role)], a.comments));
  if (a.adopt?.importId !== undefined) out.push(block("import", [], [[attr("to", bare(a.address)), attr("id", a.adopt.importId)]]));
  else if (lookup) out.push(block("import", [], [[attr("to", bare(a.address)), attr("id", expression(`${lookup.address}.id`))]]));
  return out;
}

function tokenBlock(t: PlannedToken, account: PlannedAccount): ConfigBlock {
  // An account with count/for_each is a list or map of instances: each token instance takes the account instance with its key.
  const instance = account.meta.count !== undefined ? "[count.index]" : account.meta.forEach !== undefined ? "[each.key]" : "";
  const scope = t.kind === "cloud-stack" ? [attr("stack_slug", t.stackSlug as string)] : [];
  const ttl = t.secondsToLive === undefined || t.secondsToLive === 0 ? [] : [attr("seconds_to_live", t.secondsToLive)];
  return resource(TYPES[t.kind].token, t.resourceName, t.meta, [...scope, attr("name", t.name), attr("service_account_id", expression(`${t.account}${instance}.id`)), ...ttl], t.comments);
}

/** A resource in style-guide order: count/for_each and provider, arguments, depends_on, lifecycle. */
function resource(type: string, name: string, meta: MetaArguments, args: Attribute[], comments?: CarriedComments): ConfigBlock {
  const first = [
    ...(meta.count !== undefined ? [attr("count", meta.count)] : []),
    ...(meta.forEach !== undefined ? [attr("for_each", meta.forEach)] : []),
    ...(meta.provider !== undefined ? [attr("provider", bare(meta.provider))] : []),
  ];
  const dependsOn = meta.dependsOn?.length ? [[attr("depends_on", meta.dependsOn.map(bare))]] : [];
  const lifecycle = meta.lifecycle ? [[block("lifecycle", [], [lifecycleItems(meta.lifecycle)])]] : [];
  const groups = [first, args, ...dependsOn, ...lifecycle];
  return comments ? withComments(block("resource", [type, name], groups), comments) : block("resource", [type, name], groups);
}

/**
 * A key's comments on the block that replaces it: each next to the argument it was written on
 * when the block has that argument, the others above the block, so none is lost.
 */
function withComments(b: ConfigBlock, comments: CarriedComments): ConfigBlock {
  const above = [...comments.above];
  const names = new Set(b.groups.flat().map((item) => ("groups" in item ? item.type : item.name)));
  for (const [name, c] of Object.entries(comments.args)) if (!names.has(name)) above.push(...c.above, ...(c.trailing ? [c.trailing] : []));
  const groups = b.groups.map((g) => g.map((item) => {
    const c = comments.args["groups" in item ? item.type : item.name];
    return c ? { ...item, comments: { above: c.above, trailing: c.trailing } } : item;
  }));
  return { ...b, groups, ...(above.length > 0 ? { comments: { above } } : {}) };
}

/** Arguments, and precondition/postcondition blocks (objects in Terraform JSON). */
function lifecycleItems(lifecycle: TfObject): (Attribute | ConfigBlock)[] {
  return Object.entries(lifecycle).flatMap(([k, v]): (Attribute | ConfigBlock)[] => {
    const nested = isObject(v) ? [v] : Array.isArray(v) && v.length > 0 && v.every(isObject) ? (v as TfObject[]) : undefined;
    if (nested) return nested.map((body) => block(k, [], [Object.entries(body).map(([n, x]) => attr(n, x))]));
    return [attr(k, lifecycleValue(k, v))];
  });
}

/** ignore_changes and replace_triggered_by name attributes and addresses: bare in HCL. */
function lifecycleValue(name: string, value: TfValue): ConfigValue {
  if (name !== "ignore_changes" && name !== "replace_triggered_by") return value;
  const named = (v: TfValue): ConfigValue => (typeof v === "string" && !v.startsWith("${") ? bare(v) : v);
  return Array.isArray(value) ? value.map(named) : named(value);
}

/** An expression as Terraform JSON writes it; HCL writes it bare. */
const expression = (text: string): string => "${" + text + "}";
const attr = (name: string, value: ConfigValue): Attribute => ({ name, value });
const block = (type: string, labels: string[], groups: (Attribute | ConfigBlock)[][]): ConfigBlock => ({ type, labels, groups });
