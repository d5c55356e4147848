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
  if (typeof value !== "string") return undefined;
  const m = /^\$\{([^]*)\}$/.exec(value);
  if (!m) return undefined;
  // "${a}-${b}" also matches the regex; only a single balanced interpolation counts.
  return value.indexOf("${", 2) === -1 ? m[1].trim() : undefined;
}

/** True when a string holds a template expression Terraform evaluates. */
export function isDynamic(value: unknown): boolean {
  return typeof value === "string" && /(^|[^$])\$\{|(^|[^%])%\{/.test(value);
}
