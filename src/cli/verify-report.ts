/**
 * What `grafana-sa verify` prints, in the forms of check-report.ts (human, json, sarif, github).
 * Pure: a verification in, text out. A plan's entries are named by address and planned actions
 * only; no attribute value of the plan (it holds secrets) reaches this module.
 */
import type { Verification } from "../planning/verify-plan";
import { Annotation, CheckOutput, githubAnnotations, sarifLog } from "./check-report";

/** The plan and report as shown (display) and as CI tools resolve them (relative to the working directory). */
export interface VerifyFiles {
  readonly plan: { readonly display: string; readonly file: string };
  readonly report: { readonly display: string; readonly file: string };
}

const TITLE = "Unsafe change in a migration's plan";
const RULE = {
  id: "GRAFANA-UNSAFE-PLAN",
  name: "UnsafeMigrationPlan",
  title: TITLE,
  description: "A saved Terraform plan does more than a grafana-sa migration's phase 1: it deletes or replaces a legacy key, service account or token, misses a planned account or token, or changes resources the migration did not touch.",
  fix: "Read the plan (terraform show tfplan), fix the configuration or the migration's inputs, plan again and run grafana-sa verify on the new plan before applying it (grafana-sa help verify).",
};

const actionsText = (actions: readonly string[]) => (actions.length === 0 ? "no change planned" : actions.join(", "));
const absentNote = (address: string) => `${address} is not in the plan: not in state (already gone, or converted by Grafana), so there is nothing to forget.`;

export function renderVerification(v: Verification, output: CheckOutput, files: VerifyFiles, version: string): string {
  const safe = v.violations.length === 0;
  switch (output) {
    case "human": {
      const lines = [`Checked ${v.checked} planned change(s) in ${files.plan.display} against ${files.report.display}.`, ""];
      if (!safe) lines.push(`Unsafe (${v.violations.length}):`, ...v.violations.map((x) => `  ${x.address}  [${actionsText(x.actions)}]  ${x.why}`), "");
      if (v.absentKeys.length > 0) lines.push(`Note (${v.absentKeys.length}):`, ...v.absentKeys.map((k) => `  ${absentNote(k)}`), "");
      lines.push(safe ? "Safe to apply: the plan does only what the migration's phase 1 needs." : "Not safe to apply: fix the configuration, plan again and verify the new plan.");
      return `${lines.join("\n")}\n`;
    }
    case "json":
      return `${JSON.stringify({ safe, plan: files.plan.file, report: files.report.file, checked: v.checked, violations: v.violations, absentKeys: v.absentKeys }, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(sarifLog(RULE, annotations(v, files), version), null, 2)}\n`;
    case "github":
      return githubAnnotations(annotations(v, files));
  }
}

/** Violations point at the plan, notes at the report: a plan's entries have no source line, so neither has a line. */
function annotations(v: Verification, files: VerifyFiles): Annotation[] {
  return [
    ...v.violations.map((x): Annotation => ({ file: files.plan.file, level: "error", title: TITLE, message: `${x.address} [${actionsText(x.actions)}]: ${x.why}` })),
    ...v.absentKeys.map((k): Annotation => ({ file: files.report.file, level: "note", title: "Legacy key not in state", message: absentNote(k) })),
  ];
}
