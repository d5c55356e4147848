/** grafana-sa revert: emergency only, tokens back to API keys (planRevert + RevertStack). */
import { planRevert } from "../../planning/plan-revert";
import type { CommandContext } from "../command-types";
import { EXIT, inputError } from "../errors";
import { readInputs } from "../read-inputs";
import { readVersion } from "../../report/package-info";
import { checkOutputFlags, layout, outputTarget, resolveFormat, writtenFiles } from "../layout";
import { renderDiagnostics, renderFailed } from "../diagnostics";
import { renderRevert, revertReport } from "../../report/revert-report";
import { checkTarget, commit, synth } from "./shared";

const BASE = "grafana-api-keys";
const REPORT = "REVERT-REPORT.md";

export async function run(ctx: CommandContext): Promise<number> {
  const { values } = ctx;
  checkOutputFlags(values);
  const force = values.force === true;
  const inputs = await readInputs(ctx.positionals, ctx.cwd);
  const target = outputTarget(values, inputs, ctx.cwd);
  const format = resolveFormat(values, inputs);
  const plan = planRevert(inputs.sources, { tokens: values.token as string[] | undefined, wholeAccounts: values["whole-accounts"] === true });
  if (plan.diagnostics.some((d) => d.level === "error")) {
    ctx.stderr(renderFailed(plan.diagnostics));
    throw inputError("revert refused; nothing was written.");
  }
  if (plan.reverted.length === 0) {
    ctx.stdout("No grafana_service_account_token in the inputs; nothing to revert.\n");
    return EXIT.ok;
  }
  const build = (generated: { hcl: string; json: string }, report = "") => layout(target, inputs.files, plan.files, { base: BASE, ...generated }, format, [{ name: REPORT, content: report }]);
  const paths = build({ hcl: "", json: "" });
  if (target.mode !== "none") checkTarget(target, paths, inputs, ctx.cwd, force);
  if (values["dry-run"] || target.mode === "none") {
    ctx.stdout(renderRevert(plan, writtenFiles(paths), paths.removed));
    return EXIT.ok;
  }
  ctx.stderr(renderDiagnostics(plan.diagnostics, ["warning"]));
  const { RevertStack } = await import("../../constructs/revert-stack");
  const generated = await synth((app) => new RevertStack(app, "revert", { plan }), format);
  const files = build(generated, revertReport(plan, { version: readVersion(), written: writtenFiles(paths), moduleDirs: paths.moduleDirs, removed: paths.removed }));
  await commit(target, files, ctx.cwd, force);
  ctx.stdout(renderRevert(plan, writtenFiles(files), files.removed));
  ctx.stdout(`Next: read ${files.files.find((f) => f.rel === REPORT)?.display}, then run \`terraform init && terraform plan\` in ${files.moduleDirs.join(" and ")}.\n`);
  return EXIT.ok;
}
