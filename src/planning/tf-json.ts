/**
 * A Terraform configuration in JSON syntax: the shape of *.tf.json, of cdk.tf.json and of
 * @cdktf/hcl2json's output once normalized. Blocks may be one object or a list of them.
 */
export type TfValue = string | number | boolean | null | TfValue[] | { [key: string]: TfValue };
export type TfObject = { [key: string]: TfValue };

export interface TfDocument {
  terraform?: TfObject | TfObject[];
  provider?: Record<string, TfObject | TfObject[]>;
  resource?: Record<string, Record<string, TfObject | TfObject[]>>;
  data?: Record<string, Record<string, TfObject | TfObject[]>>;
  module?: Record<string, TfObject | TfObject[]>;
  output?: Record<string, TfObject | TfObject[]>;
  locals?: TfObject | TfObject[];
  variable?: Record<string, TfObject | TfObject[]>;
  [other: string]: unknown;
}

export function isObject(value: unknown): value is TfObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A block written once or several times, as a list. */
export function blocks(value: unknown): TfObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

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
