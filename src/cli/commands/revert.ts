/** grafana-sa revert: emergency only, tokens back to API keys (planRevert + RevertStack). */
import { planRevert } from "../../planning/plan-revert";
import type { CarriedComments } from "../../hcl/comments";
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
  const comments = plan.comments ?? {};
  const uncarried = format === "json" ? Object.keys(comments).map((name) => ({ level: "warning" as const, code: "GRAFANA-REVERT-COMMENTS", message: `grafana_api_key.${name}: its account and token have comments, which Terraform JSON output does not carry; pass --format hcl to keep them.` })) : [];
  ctx.stderr(renderDiagnostics([...plan.diagnostics, ...uncarried], ["warning"]));
  const { RevertStack } = await import("../../constructs/revert-stack");
  const generated = await withKeyComments(await synth((app) => new RevertStack(app, "revert", { plan }), format), comments);
  const files = build(generated, revertReport(plan, { version: readVersion(), written: writtenFiles(paths), moduleDirs: paths.moduleDirs, removed: paths.removed }));
  await commit(target, files, ctx.cwd, force);
  ctx.stdout(renderRevert(plan, writtenFiles(files), files.removed));
  ctx.stdout(`Next: read ${files.files.find((f) => f.rel === REPORT)?.display}, then run \`terraform init && terraform plan\` in ${files.moduleDirs.join(" and ")}.\n`);
  return EXIT.ok;
}

/** The keys' HCL with the comments of their accounts and tokens written back, formatted by hclwrite. */
async function withKeyComments(generated: { hcl: string; json: string }, comments: Record<string, CarriedComments>): Promise<{ hcl: string; json: string }> {
  if (generated.hcl === "" || Object.keys(comments).length === 0) return generated;
  const [{ HclFile }, { formatHcl }] = await Promise.all([import("../../hcl/file"), import("../../hcl/format")]);
  const file = HclFile.of(generated.hcl);
  const edits = new Map(file.find("resource", "grafana_api_key").flatMap((b) => (comments[b.labels[1]] ? [[b, comments[b.labels[1]]] as const] : [])));
  return { ...generated, hcl: await formatHcl(file.withComments(edits)) };
}
