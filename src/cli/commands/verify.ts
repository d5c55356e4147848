/** grafana-sa verify: a saved plan checked against the migration report before anyone applies it. */
import { relative, resolve, sep } from "path";
import { planChanges, VerifiableReport, verifyPlan } from "../../planning/verify-plan";
import { checkOutput } from "../check-report";
import type { CommandContext } from "../command-types";
import { EXIT, inputError, usageError } from "../errors";
import { readJsonFile } from "../read-files";
import { readVersion } from "../../report/package-info";
import { renderVerification } from "../verify-report";

export const DEFAULT_REPORT = "migration-report.json";

export async function run(ctx: CommandContext): Promise<number> {
  const { values } = ctx;
  if (ctx.positionals.length !== 1) throw usageError("verify takes one saved plan as JSON: grafana-sa verify plan.json (from `terraform show -json tfplan > plan.json`).");
  if (values.json && values.output !== undefined && values.output !== "json") throw usageError(`--json is --output json; it cannot be combined with --output ${String(values.output)}.`);
  const output = checkOutput(values.json ? "json" : values.output);
  const planPath = ctx.positionals[0];
  const reportPath = typeof values.report === "string" ? values.report : DEFAULT_REPORT;
  const changes = planChanges(readJsonFile(planPath, ctx.cwd));
  if (typeof changes === "string") throw inputError(`${planPath}: ${changes}.`);
  const report = readReport(reportPath, ctx.cwd);
  const verification = verifyPlan(changes, report);
  const file = (p: string) => relative(ctx.cwd, resolve(ctx.cwd, p)).split(sep).join("/");
  ctx.stdout(renderVerification(verification, output, { plan: { display: planPath, file: file(planPath) }, report: { display: reportPath, file: file(reportPath) } }, readVersion()));
  return verification.violations.length > 0 ? EXIT.unsafePlan : EXIT.ok;
}

/** The parts of migration-report.json verify needs, or one message saying what is wrong. */
export function readReport(display: string, cwd: string): VerifiableReport {
  const fix = `Pass the migration-report.json that grafana-sa migrate wrote with --report FILE, or run verify in the directory that holds it.`;
  const report = readJsonFile(display, cwd, fix) as Partial<VerifiableReport> | null;
  const ok = typeof report === "object" && report !== null && Array.isArray(report.keys) && Array.isArray(report.accounts) && report.keys.every((k) => typeof k?.legacy === "string" && typeof k.token === "string" && typeof k.legacyKeyFate === "string");
  if (!ok) throw inputError(`${display}: not a grafana-sa migration report (no keys and accounts). ${fix}`);
  return report as VerifiableReport;
}
