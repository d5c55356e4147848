/** grafana-sa migrate: read, plan, render, write. Each step lives elsewhere; this wires them. */
import { join, relative, resolve, sep } from "path";
import { LEGACY_KEY_TYPES } from "../../planning/legacy";
import { hasErrors, MigrationOptions, SourceFile } from "../../planning/plan";
import { migrationBlocks } from "../../planning/generated-config";
import { templateProblem } from "../../planning/names";
import { planMigration } from "../../planning/plan-migration";
import { resourceLines } from "../../planning/source-lines";
import { declaresBackend, LOCK_FILE, lockedGrafanaVersion } from "../../planning/terraform-files";
import { Engine, engineFromLock, ENGINES } from "../../planning/engine";
import { checkOutput, LegacyKeyFinding, renderCheckReport } from "../check-report";
import type { CommandContext } from "../command-types";
import { EXIT, inputError, usageError } from "../errors";
import { renderChanges } from "../dry-run-diff";
import { renderGenerated } from "../generated";
import { hasLocalState, readAdoptIds, readOptionalText } from "../read-files";
import { readInputs } from "../read-inputs";
import { readVersion } from "../../report/package-info";
import { checkOutputFlags, generatedName, layout, Layout, MIGRATION_BASE, outputTarget, resolveFormat, writtenFiles } from "../layout";
import { PRINT_LIMIT, renderDiagnostics, renderFailed, renderWarnings } from "../diagnostics";
import { EngineChoice, RenderContext, renderPlan, renderSummary, reportJson, reportMarkdown } from "../../report/render";
import { tokenOutputs } from "../../report/token-outputs";
import { phaseSteps, ShownPaths } from "../../report/phase-steps";
import { checkTarget, commit, startCommit } from "./shared";

const BASE = MIGRATION_BASE;

export async function run(ctx: CommandContext): Promise<number> {
  const { values } = ctx;
  if (values.check) {
    const clash = ["out", "in-place", "dry-run"].find((o) => values[o] !== undefined);
    if (clash) throw usageError(`--check writes nothing and cannot be combined with --${clash}.`);
  } else {
    if (values.output !== undefined) throw usageError("--output sets the form of the --check report; it needs --check.");
    checkOutputFlags(values);
  }
  const output = checkOutput(values.output);
  const options = migrationOptions(ctx);
  const worker = await import("../worker");
  worker.startWorker(); // started already when the command was loaded; here for callers of run()
  const inputs = await readInputs(ctx.positionals, ctx.cwd, values.definitions as string | undefined);
  if (!values.check && values.format !== "json") worker.prepareFormatter();
  if (values.check) {
    const remaining = legacyKeys(inputs.sources, ctx.cwd);
    ctx.stdout(renderCheckReport(remaining, output, readVersion()));
    return remaining.length > 0 ? EXIT.legacyKeysRemain : EXIT.ok;
  }
  const target = outputTarget(values, inputs, ctx.cwd);
  const format = resolveFormat(values, inputs);
  // The lock file pins the provider release phase 1 runs on: DIR gets it, and the report its
  // grafana version. Its registry host also tells which engine wrote it.
  const lock = readOptionalText(inputs.root, LOCK_FILE, join(relative(ctx.cwd, inputs.root), LOCK_FILE));
  const engine = chooseEngine(values.engine as string | undefined, lock);
  const plan = planMigration(inputs.sources, { ...options, engine: engine.name });
  if (hasErrors(plan)) {
    ctx.stderr(renderFailed(plan.diagnostics));
    throw inputError(`${plan.diagnostics.filter((d) => d.level === "error").length} error(s) in the inputs; nothing was written.`);
  }
  if (plan.entries.length === 0 && plan.ignored.length === 0) {
    ctx.stderr(renderDiagnostics(plan.diagnostics));
    ctx.stdout("No legacy API keys (grafana_api_key, grafana_cloud_stack_api_key) in the inputs; nothing to migrate.\n");
    return EXIT.ok;
  }
  const outputs = tokenOutputs(plan, inputs.sources);
  if (target.mode === "out" && !declaresBackend(inputs.sources) && hasLocalState(inputs.root)) plan.diagnostics.push(noStateWarning(target.display));
  const reportNames = ["MIGRATION-REPORT.md", "migration-report.json"];
  // Only keys left to the user (grafana_cloud_api_key): nothing to rewrite or generate, but the reports say what to do.
  const reportsOnly = plan.entries.length === 0;
  const build = (generated: { hcl: string; json: string }, reports: string[]): Layout =>
    layout(target, inputs.files, reportsOnly ? [] : plan.files, reportsOnly ? undefined : { base: BASE, ...generated }, format, reportNames.map((name, i) => ({ name, content: reports[i] ?? "" })), lock === undefined ? [] : [{ name: LOCK_FILE, content: lock }]);
  const paths = build({ hcl: "", json: "" }, []);
  const rctx: RenderContext = { version: readVersion(), format, written: writtenFiles(paths), moduleDirs: paths.moduleDirs, outputs, removed: paths.removed, shown: shownPaths(paths), engine, ...(lock === undefined ? {} : { lockedGrafanaVersion: lockedGrafanaVersion(lock) }) };
  if (target.mode === "none" || values["dry-run"]) {
    if (target.mode !== "none") checkTarget(target, paths, inputs, ctx.cwd, values.force === true);
    // The generated file as a real run writes it, for the diff.
    const files = build(await renderGenerated(migrationBlocks(plan, outputs), format), []);
    const originals = new Map(inputs.sources.map((s) => [s.path, s.text]));
    ctx.stdout(`${renderPlan(plan, rctx)}\n${renderChanges(files.files, originals, ctx.color, paths.removed)}`);
    return EXIT.ok;
  }
  checkTarget(target, paths, inputs, ctx.cwd, values.force === true);
  ctx.stderr(renderWarnings(plan.diagnostics, paths.files.find((f) => f.rel === reportNames[0])?.display ?? reportNames[0]));
  if (reportsOnly) {
    await commit(target, build({ hcl: "", json: "" }, [reportMarkdown(plan, rctx), reportJson(plan, rctx)]), ctx.cwd, values.force === true);
    ctx.stdout(
      `No grafana_api_key or grafana_cloud_stack_api_key to migrate; nothing was rewritten. ${plan.ignored.length} grafana_cloud_api_key(s) (organization-level Cloud keys) must be replaced by hand.\n` +
        `Wrote ${rctx.written.join(", ")}; ${rctx.written[0]} says what to do for each.\n`,
    );
    return EXIT.ok;
  }
  if (new Set(inputs.files.map((f) => f.rel.split(/[\\/]/).slice(0, -1).join("/"))).size > 1) {
    ctx.stderr(`warning: the inputs come from several directories; ${generatedName(BASE, format === "json" ? "json" : "hcl")} goes to the top of the output, and Terraform reads each directory as its own module.\n`);
  }
  // The rewritten inputs are final already: they are written while the rest is rendered.
  const writing = startCommit(target, ctx.cwd, values.force === true, worker.workerWrite);
  let files: Layout;
  try {
    writing.add(paths.files.filter((f) => f.kind === "input"));
    const generated = await renderGenerated(migrationBlocks(plan, outputs), format);
    files = build(generated, [reportMarkdown(plan, rctx), reportJson(plan, rctx)]);
    writing.add(files.files.filter((f) => f.kind !== "input"));
  } catch (err) {
    await writing.abort();
    throw err;
  }
  await writing.finish();
  ctx.stdout(
    renderSummary(plan) +
      `Wrote ${namesUpTo(writtenFiles(files), PRINT_LIMIT)}.\n` +
      (files.removed.length > 0 ? `${target.mode === "in-place" ? "Deleted (backup kept)" : "Left out"}: ${files.removed.join(", ")} (only legacy keys).\n` : "") +
      `Next: read ${files.files.find((f) => f.rel === reportNames[0])?.display}, then run its steps in ${files.moduleDirs.join(" and ")}, from phase 1 (\`${phaseSteps(plan, rctx)[0]?.command}\`) to phase 2.\n`,
  );
  return EXIT.ok;
}

/**
 * --out of a module whose state is the local terraform.tfstate beside it: DIR has no state, so
 * Terraform there knows no legacy key, and the removed and import blocks do nothing.
 */
function noStateWarning(dir: string) {
  return {
    level: "warning" as const,
    code: "GRAFANA-OUT-NO-STATE",
    message: `the inputs keep their state in a local terraform.tfstate (no backend is configured), and ${dir} has none: Terraform run there starts from an empty state, so the removed and import blocks do nothing and every resource would be created anew. Migrate with --in-place instead, or move the state beside the output (or configure a backend both directories share) before running terraform in ${dir}.`,
  };
}

/** Where each input and the generated file are written (the first of each, with --format both). */
function shownPaths(paths: Layout): ShownPaths {
  const inputs = new Map<string, string>();
  for (const f of paths.files) if (f.kind === "input" && f.source !== undefined && !inputs.has(f.source)) inputs.set(f.source, f.display);
  return { inputs, generated: paths.files.find((f) => f.kind === "generated")?.display };
}

/** --engine, else the engine the inputs' lock file was written by, else terraform; with why. */
function chooseEngine(option: string | undefined, lock: string | undefined): EngineChoice {
  if (option !== undefined) return { name: option as Engine, reason: `chosen with --engine ${option}` };
  const detected = lock === undefined ? undefined : engineFromLock(lock);
  if (detected === "opentofu") return { name: detected, reason: `detected: ${LOCK_FILE} locks providers from registry.opentofu.org (OpenTofu's registry); --engine terraform overrides` };
  return { name: "terraform", reason: `${lock === undefined ? `no ${LOCK_FILE} in the inputs` : `${LOCK_FILE} locks providers from registry.terraform.io`}, so terraform; --engine opentofu overrides` };
}

function migrationOptions(ctx: CommandContext): MigrationOptions {
  const { values } = ctx;
  const engine = values.engine;
  if (engine !== undefined && !(ENGINES as readonly unknown[]).includes(engine)) throw usageError(`--engine must be ${ENGINES.join(" or ")}, not "${engine}".`);
  const strategy = values.strategy;
  if (strategy !== undefined && strategy !== "per-key" && strategy !== "per-role") throw usageError(`--strategy must be per-key or per-role, not "${strategy}".`);
  // Checked before the inputs are read: a bad template is one usage error, not one per key.
  for (const [option, of] of [["account-name", "account"], ["token-name", "token"]] as const) {
    const template = values[option];
    const problem = typeof template === "string" ? templateProblem(template, of) : undefined;
    if (problem) throw usageError(`--${option} ${JSON.stringify(template)} ${problem} See grafana-sa help templates.`);
  }
  const ids = typeof values["adopt-ids"] === "string" ? readAdoptIds(values["adopt-ids"], ctx.cwd) : undefined;
  return {
    strategy,
    accountName: values["account-name"] as string | undefined,
    tokenName: values["token-name"] as string | undefined,
    revokeLegacy: values["revoke-legacy"] === true,
    adopt: ids ? { ids, file: values["adopt-ids"] as string } : values.adopt === true ? true : undefined,
  };
}

/** Legacy keys declared in the inputs, found by resource type alone (no validation). */
function legacyKeys(sources: SourceFile[], cwd: string): LegacyKeyFinding[] {
  const found: LegacyKeyFinding[] = [];
  for (const source of sources) {
    const resources = (source.doc.resource ?? {}) as Record<string, Record<string, unknown>>;
    const lines = resourceLines(source);
    // Keys from --definitions have no line of their own: the file's first line stands for them.
    const at = (address: string) => lines.get(address) ?? 1;
    const file = relative(cwd, resolve(cwd, source.path)).split(sep).join("/");
    for (const type of LEGACY_KEY_TYPES) {
      for (const name of Object.keys(resources[type] ?? {})) found.push({ address: `${type}.${name}`, type, display: source.path, file, line: at(`${type}.${name}`) });
    }
  }
  return found;
}

/** The first `limit` names, then how many more: a migration of a thousand files names them all in its report. */
function namesUpTo(names: readonly string[], limit: number): string {
  return names.length <= limit ? names.join(", ") : `${names.slice(0, limit).join(", ")} and ${names.length - limit} more file(s) (migration-report.json lists them all)`;
}
