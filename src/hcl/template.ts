/**
 * Terraform JSON strings are templates: literal text with `${...}` and `%{...}` sequences of
 * expression code. What the planner and the renderers ask of one.
 */
/** `"${expr}"` alone in a string: the expression, else undefined. */
export function soleExpression(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith("${") || sequenceEnd(value, 2) !== value.length) return undefined;
  const inner = value.slice(2, -1);
  // `${~ x ~}` strips whitespace around it: a template, not an expression alone.
  return inner.startsWith("~") || inner.endsWith("~") ? undefined : inner.trim();
}

/** Index just past the `}` closing a template sequence (`${` or `%{`) whose body starts at `start`. */
export function sequenceEnd(s: string, start: number): number {
  let depth = 1;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') i = quotedEnd(s, i) - 1;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return s.length + 1;
}

/** Index just past the closing quote of a string literal inside an expression. */
function quotedEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if ((s[i] === "$" || s[i] === "%") && s[i + 1] === "{") i = sequenceEnd(s, i + 2) - 1;
    else if (s[i] === '"') return i + 1;
  }
  return s.length;
}

/** True when a string holds a template expression Terraform evaluates. */
export function isDynamic(value: unknown): boolean {
  return typeof value === "string" && /(^|[^$])\$\{|(^|[^%])%\{/.test(value);
}
