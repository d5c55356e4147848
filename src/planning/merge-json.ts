/**
 * Two Terraform JSON files of one module as one document, as Terraform reads them: the
 * rewritten cdk.tf.json and the generated .tf.json of `grafana-sa migrate --format json`.
 * A cdktf stack synthesizes one document, so the in-place migration writes their merge. Pure.
 */
import { isObject, TfObject, TfValue } from "../hcl/tf-json";

/** Sections whose names are two levels deep (type, then name). */
const TYPED = new Set(["resource", "data"]);

/**
 * `b`'s sections added to `a`'s. Lists (removed, import, moved, check) are concatenated;
 * named blocks are merged by name, and a name both declare is a bug of the caller (Terraform
 * would reject the two files too). terraform settings merge; two required_version
 * constraints both hold, so they are joined.
 */
export function mergeTerraformJson(a: TfObject, b: TfObject): TfObject {
  const out: TfObject = { ...a };
  for (const [section, value] of Object.entries(b)) {
    const earlier = out[section];
    if (earlier === undefined) out[section] = value;
    else if (Array.isArray(earlier) && Array.isArray(value)) out[section] = [...earlier, ...value];
    else if (section === "terraform" && isObject(earlier) && isObject(value)) out[section] = terraformSettings(earlier, value);
    else if (isObject(earlier) && isObject(value)) out[section] = named(section, earlier, value, TYPED.has(section) ? 2 : 1);
    else throw new Error(`cannot merge the "${section}" sections of two Terraform JSON files: one is a list, the other an object`);
  }
  return out;
}

function named(path: string, a: TfObject, b: TfObject, depth: number): TfObject {
  const out: TfObject = { ...a };
  for (const [name, value] of Object.entries(b)) {
    const earlier = out[name];
    if (earlier === undefined) out[name] = value;
    else if (depth > 1 && isObject(earlier) && isObject(value)) out[name] = named(`${path}.${name}`, earlier, value, depth - 1);
    else throw new Error(`${path}.${name} is declared in both Terraform JSON files`);
  }
  return out;
}

function terraformSettings(a: TfObject, b: TfObject): TfObject {
  const out: TfObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const earlier = out[k];
    if (earlier === undefined) out[k] = v;
    else if (k === "required_version" && typeof earlier === "string" && typeof v === "string") out[k] = joinConstraints(earlier, v);
    else if (isObject(earlier) && isObject(v)) out[k] = named(`terraform.${k}`, earlier, v, 1);
    else if (JSON.stringify(earlier) !== JSON.stringify(v as TfValue)) throw new Error(`terraform.${k} is set differently in both Terraform JSON files`);
  }
  return out;
}

function joinConstraints(a: string, b: string): string {
  const parts = a.split(/\s*,\s*/);
  return b.split(/\s*,\s*/).every((p) => parts.includes(p)) ? a : `${a}, ${b}`;
}
