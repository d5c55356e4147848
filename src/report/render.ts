/**
 * Pure rendering: plans in, text out. No file system, no process. A plan holds no key or
 * token values, and nothing here reads any: secrets appear only as references (`x.key`).
 */
import { amount, hasInstances, InstanceTally, instanceCounts, resourceInstances, staticInstances } from "../planning/instances";
import type { Engine } from "../planning/engine";
import type { Diagnostic, MigrationPlan } from "../planning/plan";
import { referencingResources } from "../planning/rewrite-sites";
import type { TokenOutput } from "./token-outputs";
import { constraintLines, constraintReports, phaseSteps, ShownPaths, Step, stepLines } from "./phase-steps";
import { removedLine, section } from "./sections";

export { amount };

/** Where the CLI writes, for the texts that mention it. */
export interface RenderContext {
  readonly version: string;
  readonly format: "hcl" | "json" | "both";
  /** Display paths of every file written (or that would be). */
  readonly written: string[];
  /** Display paths of the Terraform module directories to run terraform in. */
  readonly moduleDirs: string[];
  readonly outputs: TokenOutput[];
  /** Inputs left empty by the rewrite (held only what it takes out): not written, or deleted in place. */
  readonly removed?: readonly string[];
  /** The grafana release in the carried .terraform.lock.hcl; undefined: unknown (or no lock file). */
  readonly lockedGrafanaVersion?: string;
  /** Where inputs and the generated file are written, to name the file that holds the provider constraint. */
  readonly shown?: ShownPaths;
  /** The commands to run, when not the CLI's: a cdktf app finishes in its code (migrateLegacyKeys). */
  readonly steps?: readonly Step[];
  /** The cdktf constructs that declare the legacy keys, for a migration of a cdktf stack in place. */
  readonly constructs?: readonly LegacyConstruct[];
  /** The engine the module runs with, and why (the plan's engine, as migrate chose it). */
  readonly engine?: EngineChoice;
}

/** A construct that declares a legacy key: what a cdktf app replaces in its code in phase 2. */
export interface LegacyConstruct {
  readonly address: string;
  /** The construct path: "grafana/ci". */
  readonly path: string;
  /** Where the code creates it, when cdktf or the construct recorded it: "main.ts:12". */
  readonly createdAt?: string;
}

/** terraform or opentofu, and how migrate came to it (chosen, detected from the lock file, default). */
export interface EngineChoice {
  readonly name: Engine;
  readonly reason: string;
}

/** The report's line on the engine, with what OpenTofu's removed blocks need. */
export function engineLine(plan: MigrationPlan, engine: EngineChoice): string {
  const tofu = engine.name === "opentofu";
  const revokes = plan.removals.some((r) => r.destroy);
  const need = !tofu
    ? "removed blocks need Terraform >= 1.7"
    : revokes
      ? "--revoke-legacy needs removed blocks with lifecycle { destroy = true }, which only OpenTofu 1.10 and later accept (1.7 to 1.9 reject lifecycle there): required_version >= 1.10"
      : "the removed blocks only forget, so they are written without lifecycle, which OpenTofu 1.7 to 1.9 reject there (1.10 warns that it is missing; the default is still to forget): required_version >= 1.7";
  return `Engine: ${engine.name} (${engine.reason}); ${need}. The steps run \`${tofu ? "tofu" : "terraform"}\`.`;
}

/** The first item of each key, as `find` would give it, in one pass (a find per item is O(n^2)). */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

const where = (s: { file: string; line?: number }) => `${s.file}${s.line ? `:${s.line}` : ""}`;

/** "" for a resource without count or for_each; else how many instances it has. */
function instancesNote(meta: Parameters<typeof staticInstances>[0]): string {
  if (meta.count === undefined && meta.forEach === undefined) return "";
  const n = staticInstances(meta);
  return n === null ? "  [count/for_each: instances known only when Terraform runs]" : `  [count/for_each: ${n} instance(s)]`;
}

/** A section's count: the blocks, and with count or for_each the instances Terraform counts. */
function blocksAndInstances(blocks: number, instances: InstanceTally | undefined): string | undefined {
  return instances ? `${blocks} block(s); instances: ${amount(instances)}` : undefined;
}

/** The --dry-run text. */
export function renderPlan(plan: MigrationPlan, ctx: RenderContext): string {
  const entryByToken = firstBy(plan.entries, (e) => e.token);
  const counts = hasInstances(plan) ? instanceCounts(plan) : undefined;
  // Array literals, not push(...): a spread call argument list overflows at about 100,000 items.
  const lines = [
    `Migration plan: ${plan.entries.length} legacy key(s), strategy ${plan.strategy}.`,
    ...(counts ? [`With count/for_each, Terraform counts instances: legacy keys ${amount(counts.keys)}; to add ${amount(counts.toAdd)}; to import ${amount(counts.toImport)}; to destroy ${amount(counts.toDestroy)}; to forget ${amount(counts.toForget)}.`] : []),
    "",
    ...section(
      "Service accounts",
      plan.accounts.map((a) => `${a.adopt ? "= adopt " : "+ "}${a.address}  name "${a.name}"  role ${a.role}  (for ${a.fromKeys.join(", ")})${instancesNote(a.meta)}`),
      blocksAndInstances(plan.accounts.length, counts && resourceInstances(plan.accounts)),
    ),
    ...section(
      "Tokens",
      plan.tokens.map((t) => {
        const e = entryByToken.get(t.address);
        return `+ ${t.address}  name "${t.name}"  ttl ${e?.ttl ?? "never"}  on ${t.account}  (replaces ${t.fromKey})${instancesNote(t.meta)}`;
      }),
      blocksAndInstances(plan.tokens.length, counts && resourceInstances(plan.tokens)),
    ),
    ...section(
      "Removed blocks",
      plan.removals.map((r) => `${r.from}  destroy = ${r.destroy}  (${r.destroy ? "Terraform revokes the key" : "the key keeps working; Terraform forgets it"})`),
    ),
    ...section(
      "Import blocks",
      plan.accounts.filter((a) => a.adopt).map((a) => `${a.address}  from ${a.adopt?.importId !== undefined ? `id "${a.adopt.importId}"` : `${a.adopt?.lookup?.address} (looks up "${a.adopt?.lookup?.name}")`}`),
    ),
    ...section("Sensitive outputs", ctx.outputs.map((o) => `${o.name} = ${o.expression}`)),
    ...section("Reference rewrites", plan.rewrites.map((r) => `${r.file}: ${r.from} -> ${r.to}`)),
    ...section("Ignored", plan.ignored.map((i) => `${i.address} (${where(i.source)}): ${i.reason}`)),
    ...section("Diagnostics", plan.diagnostics.map((d) => `${d.level}: ${d.message}`)),
    ...section("Would write", ctx.written),
    ...section("Would remove (held only legacy keys)", [...(ctx.removed ?? [])]),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The CLI's closing summary of a written migration. */
export function renderSummary(plan: MigrationPlan): string {
  const blocks = `Migrated ${plan.entries.length} legacy key(s) to ${plan.accounts.length} service account(s) and ${plan.tokens.length} token(s).\n`;
  if (!hasInstances(plan)) return blocks;
  const counts = instanceCounts(plan);
  return `${blocks}With count/for_each, Terraform counts instances: legacy keys ${amount(counts.keys)}; to add ${amount(counts.toAdd)}; to destroy ${amount(counts.toDestroy)}.\n`;
}

/** What --check prints: the legacy keys still in the inputs. */
export function renderRemaining(remaining: { address: string; file: string }[]): string {
  if (remaining.length === 0) return "No legacy API keys (grafana_api_key, grafana_cloud_stack_api_key) in the inputs.\n";
  return `${remaining.length} legacy API key(s) remain; migrate them with grafana-sa migrate:\n${remaining.map((r) => `  ${r.address} (${r.file})\n`).join("")}`;
}

/** Organization-level Cloud keys are left to the user: the report says so in its steps too. */
const CLOUD_ORG_STEP =
  "Replace each grafana_cloud_api_key listed under Ignored keys by hand, as its entry says (a grafana_cloud_access_policy and a grafana_cloud_access_policy_token); this migration leaves them as they are.";

const reviewStep = (ctx: RenderContext) => `Review the rewritten files and the generated file: ${ctx.written.filter((w) => !/MIGRATION-REPORT\.md|migration-report\.json/.test(w)).join(", ")}.`;

/** The report's next steps as sentences: review, each command with why (phaseSteps), and what is left to do by hand. */
export function nextSteps(plan: MigrationPlan, ctx: RenderContext): string[] {
  if (plan.entries.length === 0) return ignoredOnlySteps(plan);
  const steps = stepsOf(plan, ctx).map((s) => `Phase ${s.phase}: \`${s.command}\` in ${ctx.moduleDirs.join(" and in ")}. ${s.why}`);
  return [reviewStep(ctx), ...steps, ...(plan.ignored.length > 0 ? [CLOUD_ORG_STEP] : [])];
}

/** No key to migrate, only Cloud organization keys to replace by hand: nothing was rewritten. */
function ignoredOnlySteps(plan: MigrationPlan): string[] {
  return [
    `Nothing was rewritten or generated: the inputs hold no grafana_api_key or grafana_cloud_stack_api_key, only ${plan.ignored.length} grafana_cloud_api_key(s), which the migration does not replace automatically.`,
    "For each key under Ignored keys, add a grafana_cloud_access_policy and a grafana_cloud_access_policy_token as its entry says, on a provider that authenticates with cloud_access_policy_token, and apply.",
    "Move every consumer of the key to the new token (`terraform output -raw` on a sensitive output of its .token), then take the key out of the configuration: deleting its block makes the next apply revoke it; a removed block with destroy = false only forgets it, and you revoke it in Grafana Cloud once nothing uses it. Do this with the provider version you use today (2.x): 3.0 and later no longer know grafana_cloud_api_key.",
  ];
}

/**
 * The diagnostics the reports list under Diagnostics: each warning appears once in a report, so
 * those already listed with their key (a key's warnings, an ignored key's reason) are left out.
 */
function reportDiagnostics(plan: MigrationPlan): Diagnostic[] {
  const shown = new Set<string>();
  for (const e of plan.entries) for (const w of e.warnings) shown.add(`${e.legacy}\n${w}`);
  for (const i of plan.ignored) shown.add(`${i.address}\nGRAFANA-CLOUD-ORG-KEY: ${i.address}: ${i.reason}`);
  return plan.diagnostics.filter((d) => d.address === undefined || !shown.has(`${d.address}\n${d.code}: ${d.message}`));
}

/** What the report says of a key Grafana may have converted already (most have: every Cloud stack, self-hosted Grafana since 2025). */
const convertedLine = (c: MigrationPlan["entries"][number]["ifConverted"]) =>
  `- If Grafana has already converted the key (Grafana Cloud stacks, self-hosted Grafana 12 and later at start-up): the next refresh drops it from the state, so its removed block has nothing to forget and --revoke-legacy revokes nothing; the old secret lives on as the token \`${c.token}\` of the service account \`${c.account}\`. Once nothing uses it, revoke that token with \`${c.revoke}\`${c.findIds ? ` (\`${c.findIds}\` lists both IDs, with GRAFANA_AUTH set)` : ""}.`;

/** MIGRATION-REPORT.md */
export function reportMarkdown(plan: MigrationPlan, ctx: RenderContext): string {
  const out = [`# Grafana API key migration report`, "", `Generated by grafana-sa ${ctx.version}; strategy ${plan.strategy}, format ${ctx.format}. No key or token values appear here.`, ""];
  if (ctx.engine && plan.entries.length > 0) out.push(engineLine(plan, ctx.engine), "");
  const removed = removedLine(ctx.removed, "legacy keys");
  if (removed) out.push(removed, "");
  const counts = hasInstances(plan) ? instanceCounts(plan) : undefined;
  out.push(`## Legacy keys (${plan.entries.length}${counts ? `; instances: ${amount(counts.keys)}` : ""})`, "");
  const outputByToken = firstBy(ctx.outputs, (o) => o.token);
  for (const e of plan.entries) {
    const output = outputByToken.get(e.token);
    out.push(
      `### ${e.legacy}`,
      "",
      `- Declared in: ${where(e.source)}`,
      `- Key name: \`${e.keyName}\`, role ${e.role}, time to live ${e.ttl}`,
      `- Service account: \`${e.account}\` named \`${e.accountName}\``,
      `- Token: \`${e.token}\` named \`${e.tokenName}\`${output ? `; secret in the sensitive output \`${output.name}\`` : ""}`,
      `- Legacy key: ${e.legacyKeyFate}`,
      convertedLine(e.ifConverted),
      ...(e.instancedBy === null ? [] : [`- Instances (${e.instancedBy}): ${e.instances ?? "known only when Terraform runs"}; each instance gets its own token`]),
      ...e.warnings.map((w) => `- Warning: ${w}`),
      "",
    );
  }
  const list = (title: string, items: string[], intro?: string) => {
    out.push(`## ${title} (${items.length})`, "", ...(intro ? [intro, ""] : []));
    // One push per item: push(...items) overflows the call stack at about 100,000 items.
    for (const item of items) out.push(`- ${item}`);
    out.push(...(items.length ? [] : ["None."]), "");
  };
  list("Ignored keys", plan.ignored.map((i) => `\`${i.address}\` (${where(i.source)}): ${i.reason}`));
  list("Reference rewrites", plan.rewrites.map((r) => `${r.file}: \`${r.from}\` -> \`${r.to}\``));
  const diagnostics = reportDiagnostics(plan);
  const elsewhere = diagnostics.length < plan.diagnostics.length ? "Warnings about one key are listed with that key above." : undefined;
  list("Diagnostics", diagnostics.map((d) => `${d.level} ${d.code}: ${d.message}`), elsewhere);
  if (plan.entries.length === 0) out.push("## Next steps", "", ...nextSteps(plan, ctx).map((s, i) => `${i + 1}. ${s}`), "");
  else {
    out.push("## Provider version", "", ...constraintLines(constraintReports(plan, ctx.shown ?? { inputs: new Map() })).map((l) => `- ${l}`), "");
    if (ctx.constructs) out.push(`## Constructs to replace in phase 2 (${ctx.constructs.length})`, "", ...ctx.constructs.map(constructLine), "");
    out.push("## Next steps", "", reviewStep(ctx), "", ...stepLines(stepsOf(plan, ctx), ctx.moduleDirs));
    if (plan.ignored.length > 0) out.push(CLOUD_ORG_STEP, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

const stepsOf = (plan: MigrationPlan, ctx: RenderContext): readonly Step[] => ctx.steps ?? phaseSteps(plan, ctx);
const constructLine = (c: LegacyConstruct) => `- \`${c.path}\`${c.createdAt ? ` (${c.createdAt})` : ""}: \`${c.address}\``;

/** migration-report.json: the same facts as the markdown, for tools. */
export function reportJson(plan: MigrationPlan, ctx: RenderContext): string {
  const constraints = constraintReports(plan, ctx.shown ?? { inputs: new Map() });
  const outputByToken = firstBy(ctx.outputs, (o) => o.token);
  const report = {
    tool: "grafana-sa",
    version: ctx.version,
    strategy: plan.strategy,
    format: ctx.format,
    requiredTerraformVersion: plan.requiredVersion ?? null,
    ...(ctx.engine ? { engine: { name: ctx.engine.name, reason: ctx.engine.reason, note: plan.entries.length > 0 ? engineLine(plan, ctx.engine) : null } } : {}),
    files: ctx.written,
    ...(ctx.removed?.length ? { removedFiles: ctx.removed } : {}),
    keys: plan.entries.map((e) => ({ ...e, output: outputByToken.get(e.token)?.name ?? null })),
    accounts: plan.accounts.map((a) => ({ address: a.address, name: a.name, role: a.role, fromKeys: a.fromKeys, adopt: a.adopt ?? null })),
    ignored: plan.ignored,
    rewrites: plan.rewrites.map((r) => ({ file: r.file, from: r.from, to: r.to })),
    referencing: referencingResources(plan.rewrites),
    diagnostics: reportDiagnostics(plan),
    instanceCounts: instanceCounts(plan),
    providerConstraint: constraints[0] ?? null,
    ...(constraints.length > 1 ? { providerConstraints: constraints } : {}),
    ...(ctx.constructs ? { constructs: ctx.constructs } : {}),
    steps: stepsOf(plan, ctx),
    nextSteps: nextSteps(plan, ctx),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
