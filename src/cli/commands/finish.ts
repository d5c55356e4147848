/** grafana-sa finish: phase 2 of a migration, once phase 1 is applied (planFinish does the planning). */
import { readdirSync } from "fs";
import { basename, join, resolve } from "path";
import { LEGACY_KEY_TYPES } from "../../planning/legacy";
import { FinishFile, FinishPlan, FinishReport, planFinish } from "../../planning/plan-finish";
import { LOCK_FILE } from "../../planning/terraform-files";
import type { CommandContext } from "../command-types";
import { EXIT, inputError, usageError } from "../errors";
import type { Inputs } from "../read-inputs";
import { readJsonFile, readOptionalText } from "../read-files";
import { checkOutputFlags, isMigrationFile, Layout, outputTarget, PlannedFile } from "../layout";
import { checkTarget, commit } from "./shared";

const REPORT = "FINISH-REPORT.md";

export async function run(ctx: CommandContext): Promise<number> {
  const { values } = ctx;
  if (ctx.positionals.length !== 1) throw usageError("finish takes one directory: the migrated module (grafana-sa finish migrated/ --in-place).");
  checkOutputFlags(values);
  const force = values.force === true;
  const dir = ctx.positionals[0];
  const abs = resolve(ctx.cwd, dir);
  const show = (name: string) => join(dir, name);
  const report = readJsonFile(show("migration-report.json"), ctx.cwd, `finish needs the migration-report.json that grafana-sa migrate wrote beside the module: run it on the directory migrate wrote (--out DIR, or the inputs with --in-place).`) as FinishReport;
  if (!Array.isArray(report?.keys) || !Array.isArray(report?.accounts)) throw inputError(`${show("migration-report.json")}: not a grafana-sa migration report (no keys and accounts).`);
  const names = readdirSync(abs).filter((n) => /\.tf(\.json)?$/.test(n)).sort();
  const files: FinishFile[] = names.map((name) => {
    const format = name.endsWith(".json") ? "json" : "hcl";
    if (format === "json") readJsonFile(show(name), ctx.cwd); // invalid JSON: one message with its line and column
    return { path: show(name), format, text: readOptionalText(abs, name, show(name)) ?? "", generated: isMigrationFile(name) };
  });
  const plan = planFinish(files, report, { providerVersion: typeof values["provider-version"] === "string" ? values["provider-version"] : undefined });
  const stateKeys = typeof values.state === "string" ? legacyInState(values.state, ctx.cwd) : [];
  if (plan.legacyKeys.length > 0 || stateKeys.length > 0) {
    const lines = [
      ...plan.legacyKeys.map((k) => `${k.file}${k.line ? `:${k.line}` : ""}: ${k.address} is still declared`),
      ...stateKeys.map((a) => `${values.state}: ${a} is still in the state`),
    ];
    throw inputError(`finish refused: legacy keys remain, and provider 3.0 and later cannot read them.\n${lines.map((l) => `  ${l}`).join("\n")}\nFinish phase 1 first: migrate the keys (grafana-sa migrate), apply, and check the state no longer holds them.`);
  }
  if (plan.files.length === 0) {
    ctx.stdout(`Nothing to finish in ${dir}: no removed or import block of the migration is left, and the grafana provider constraint is ${plan.constraint ? `"${plan.constraint.constraint}" already (${plan.constraint.file}:${plan.constraint.line})` : "not declared in the module"}.\n`);
    for (const line of changes(plan).filter((l) => l.startsWith("! provider"))) ctx.stdout(`  ${line}\n`);
    return EXIT.ok;
  }
  const inputs: Inputs = { sources: [], files: names.map((n) => ({ display: show(n), abs: join(abs, n), rel: n, format: n.endsWith(".json") ? "json" : "hcl" })), root: abs, guarded: { dirs: [abs], files: [] } };
  const target = outputTarget(values, inputs, ctx.cwd);
  const summary = renderFinish(plan, dir);
  if (values["dry-run"] || target.mode === "none") {
    ctx.stdout(summary);
    return EXIT.ok;
  }
  const changed = new Map(plan.files.map((f) => [f.path, f.content]));
  const out = (rel: string) => (target.display && target.display !== "." ? join(target.display, rel) : rel);
  const planned: PlannedFile[] = [];
  for (const f of inputs.files) {
    const content = changed.get(f.display);
    // --out writes the whole module; in place only what changes.
    if (content !== undefined || target.mode === "out") planned.push({ rel: f.rel, display: out(f.rel), content: content ?? files.find((x) => x.path === f.display)?.text ?? "", kind: "input", source: f.display });
  }
  const lock = target.mode === "out" ? readOptionalText(abs, LOCK_FILE, show(LOCK_FILE)) : undefined;
  if (lock !== undefined) planned.push({ rel: LOCK_FILE, display: out(LOCK_FILE), content: lock, kind: "copied" });
  planned.push({ rel: REPORT, display: out(REPORT), content: finishReport(plan, dir), kind: "report" });
  const paths: Layout = { files: planned, moduleDirs: [target.display || "."], removed: [] };
  checkTarget(target, paths, inputs, ctx.cwd, force);
  await commit(target, paths, ctx.cwd, force);
  ctx.stdout(`${summary}Wrote ${planned.map((f) => f.display).join(", ")}.\n`);
  return EXIT.ok;
}

/** Legacy key addresses in a state (`terraform show -json`): addresses and types only, never values. */
function legacyInState(display: string, cwd: string): string[] {
  const state = readJsonFile(display, cwd) as { values?: { root_module?: StateModule } } | null;
  if (typeof state !== "object" || state === null || !("format_version" in state)) throw inputError(`${display}: not the JSON of a state: run \`terraform show -json > state.json\` in the module.`);
  const types = new Set<string>(LEGACY_KEY_TYPES);
  const found: string[] = [];
  const walk = (m: StateModule | undefined) => {
    for (const r of m?.resources ?? []) if (types.has(r.type) && r.mode !== "data") found.push(r.address);
    for (const child of m?.child_modules ?? []) walk(child);
  };
  walk(state.values?.root_module);
  return found;
}

interface StateModule {
  readonly resources?: { readonly address: string; readonly type: string; readonly mode?: string }[];
  readonly child_modules?: StateModule[];
}

const UPGRADE_NOTE = "Raising the provider to 4.x may also change other grafana resources of the module (renamed or removed arguments, new defaults): run `terraform init -upgrade && terraform plan` and read the whole plan before you apply it.";

function changes(plan: FinishPlan): string[] {
  const c = plan.constraint;
  return [
    ...plan.removedBlocks.map((b) => `- ${b.kind} block for ${b.address} (${b.file})`),
    ...plan.renamedArguments.map((r) => `~ provider "grafana" argument ${r.from} -> ${r.to}, its value kept (${r.file}:${r.line}): 3.0 removed ${r.from}`),
    ...plan.bothArguments.map((r) => `! provider "grafana" at ${r.file}:${r.line} sets both ${r.from} and ${r.to}: remove ${r.from} yourself (3.0 removed it; ${r.to} already took precedence)`),
    c ? (c.changed ? `~ grafana provider constraint ${c.previous === undefined ? "(none)" : `"${c.previous}"`} -> "${c.constraint}" (${c.file}:${c.line})` : `= grafana provider constraint "${c.constraint}" already (${c.file}:${c.line})`) : "! no required_providers entry for grafana in the module: set its version to the 4.x line yourself",
  ];
}

function renderFinish(plan: FinishPlan, dir: string): string {
  return [`Finishing the migration of ${dir} (phase 2):`, ...changes(plan).map((l) => `  ${l}`), "", UPGRADE_NOTE, ""].join("\n");
}

function finishReport(plan: FinishPlan, dir: string): string {
  return [`# Grafana migration: phase 2 (finish)`, "", `What grafana-sa finish changed in ${basename(dir) || dir}. No key or token values appear here.`, "", "## Changes", "", ...changes(plan), "", "## Next steps", "", `1. ${UPGRADE_NOTE}`, "2. Apply only once the plan holds no change you did not expect (grafana-sa verify checks phase 1 plans only).", ""].join("\n");
}

