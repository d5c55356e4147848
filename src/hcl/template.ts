/**
 * Terraform JSON strings are templates: literal text with `${...}` and `%{...}` sequences of
 * expression code. What the planner and the renderers ask of one.
 */
import { sequenceEnd } from "./scan";

/**
 * `"${expr}"` alone in a string: the expression, else undefined.
 *
 * Where the sequence ends is scan.ts's walk (issue #14). Its own scan, before, differed on text
 * Terraform rejects anyway: a comment or heredoc inside `${...}` now counts (a `#` there starts
 * a comment, as in hclsyntax), and a quoted string in the expression ends at a line break.
 */
export function soleExpression(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith("${") || sequenceEnd(value, 2) !== value.length) return undefined;
  const inner = value.slice(2, -1);
  // `${~ x ~}` strips whitespace around it: a template, not an expression alone.
  return inner.startsWith("~") || inner.endsWith("~") ? undefined : inner.trim();
}

/** True when a string holds a template expression Terraform evaluates. */
export function isDynamic(value: unknown): boolean {
  return typeof value === "string" && /(^|[^$])\$\{|(^|[^%])%\{/.test(value);
}
