/**
 * Diagnostics as a run prints them: pure, and light to load (read-inputs.ts uses it, and `--help`
 * must load no planner), so it stands apart from render.ts.
 */
import type { Diagnostic } from "../planning/plan";

export function renderDiagnostics(diagnostics: readonly Diagnostic[], levels: Diagnostic["level"][] = ["error", "warning"]): string {
  return diagnostics
    .filter((d) => levels.includes(d.level))
    .map((d) => `${d.level}: ${d.message}\n`)
    .join("");
}

/** How many errors, or warnings, a run prints; thousands of keys can have thousands of each. */
export const PRINT_LIMIT = 20;

/**
 * The warnings of a run that writes a report: the first `limit`, then a count per code. A
 * migration of thousands of keys has thousands of warnings; the report lists every one.
 */
export function renderWarnings(diagnostics: readonly Diagnostic[], report: string, limit = PRINT_LIMIT): string {
  const warnings = diagnostics.filter((d) => d.level === "warning");
  if (warnings.length <= limit) return renderDiagnostics(warnings, ["warning"]);
  return `${renderDiagnostics(warnings.slice(0, limit), ["warning"])}... and ${warnings.length - limit} more warning(s) (${countByCode(warnings.slice(limit))}); ${report} lists every one.\n`;
}

/**
 * The errors and warnings of a run that fails, which writes no report: in order, at most
 * `limit` of each level, then a count of the rest.
 */
export function renderFailed(diagnostics: readonly Diagnostic[], limit = PRINT_LIMIT): string {
  const shown = { error: 0, warning: 0 };
  const rest: Record<"error" | "warning", Diagnostic[]> = { error: [], warning: [] };
  let out = "";
  for (const d of diagnostics) {
    if (d.level === "info") continue;
    if (shown[d.level] < limit) {
      shown[d.level]++;
      out += `${d.level}: ${d.message}\n`;
    } else rest[d.level].push(d);
  }
  if (rest.error.length > 0) out += `... and ${rest.error.length} more error(s) (${countByCode(rest.error)}).\n`;
  if (rest.warning.length > 0) out += `... and ${rest.warning.length} more warning(s) (${countByCode(rest.warning)}).\n`;
  return out;
}

/** Lines as they are, or the first `limit` and a line that counts the rest. */
export function capLines(lines: readonly string[], noun: string, limit = PRINT_LIMIT): string[] {
  return lines.length <= limit ? [...lines] : [...lines.slice(0, limit), `... and ${lines.length - limit} more ${noun}(s).`];
}

/** "CODE_A 12, CODE_B 3": the most frequent first. */
function countByCode(diagnostics: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => `${code} ${n}`)
    .join(", ");
}
