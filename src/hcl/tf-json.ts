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
