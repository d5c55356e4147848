/**
 * Terraform configuration as plain data, written as Terraform JSON or as HCL. Pure: the CLI
 * formats the HCL with hclwrite afterwards, so this only decides content, order and grouping.
 */
import { isObject, TfObject, TfValue } from "./tf-json";
import { IgnoredEvents, walkTemplate } from "./scan";
import { soleExpression } from "./template";

/**
 * A name or address that Terraform JSON writes as a plain string and HCL bare: provider,
 * depends_on, from, to, ignore_changes. (Other expressions are "${...}" strings.)
 */
export interface Bare {
  readonly bare: string;
}

export type ConfigValue = TfValue | Bare | ConfigValue[];

/** A user's comments, as written (`# ...`, `// ...`, `/* ... *\/`): lines above, and one at the line's end. */
export interface Comments {
  readonly above?: readonly string[];
  readonly trailing?: string;
}

export interface Attribute {
  readonly name: string;
  readonly value: ConfigValue;
  readonly comments?: Comments;
}

export interface ConfigBlock {
  readonly type: string;
  readonly labels: string[];
  /** Groups of attributes and nested blocks; HCL puts a blank line between groups. */
  readonly groups: (Attribute | ConfigBlock)[][];
  /** Above the block (and, as for attributes, at the end of its header line). */
  readonly comments?: Comments;
}

export const bare = (text: string): Bare => ({ bare: text });

const isBare = (v: unknown): v is Bare => isObject(v as TfValue) && typeof (v as Bare).bare === "string" && Object.keys(v as object).length === 1;
const isBlock = (item: Attribute | ConfigBlock): item is ConfigBlock => "groups" in item;

/** Block types Terraform JSON writes as a list (they have no labels to key them by). */
const LISTED = new Set(["removed", "import", "moved", "check"]);

/** The Terraform JSON document (what a .tf.json file holds). */
export function toTerraformJson(blocks: Iterable<ConfigBlock>): TfObject {
  const doc: TfObject = {};
  for (const block of blocks) {
    const body = jsonBody(block);
    if (LISTED.has(block.type)) {
      const list = (doc[block.type] ??= []) as TfValue[];
      list.push(body);
      continue;
    }
    let at = doc;
    const path = [block.type, ...block.labels];
    path.slice(0, -1).forEach((key) => (at = (at[key] ??= {}) as TfObject));
    const last = path[path.length - 1];
    at[last] = isObject(at[last]) && block.labels.length === 0 ? { ...at[last], ...body } : body;
  }
  return doc;
}

function jsonBody(block: ConfigBlock): TfObject {
  const body: TfObject = {};
  // Terraform JSON has no comments; it ignores a "//" property, which holds them instead.
  const text = [block, ...block.groups.flat().filter((item) => !isBlock(item))].flatMap((item) => [...(item.comments?.above ?? []), ...(item.comments?.trailing ? [item.comments.trailing] : [])]).map(commentText);
  if (text.length > 0) body["//"] = text.join("\n");
  for (const item of block.groups.flat()) {
    if (!isBlock(item)) body[item.name] = jsonValue(item.value);
    // A nested block type written more than once (precondition) is a list.
    else if (body[item.type] === undefined) body[item.type] = jsonBody(item);
    else body[item.type] = [...(Array.isArray(body[item.type]) ? (body[item.type] as TfValue[]) : [body[item.type]]), jsonBody(item)];
  }
  return body;
}

function jsonValue(value: ConfigValue): TfValue {
  if (isBare(value)) return value.bare;
  if (Array.isArray(value)) return value.map(jsonValue);
  return value as TfValue;
}

/**
 * HCL text, blocks separated by one blank line. Unformatted: run it through hclwrite.
 * `token` sees each label, each whole value and each comment as written, and may write
 * something else there.
 */
export function toHcl(blocks: readonly ConfigBlock[], token: (text: string) => string = (text) => text): string {
  return blocks.map((b) => hclBlock(b, "", token)).join("\n");
}

/** Whether a block, or a block inside it, has a comment at the end of a line (hclwrite aligns those). */
export function hasTrailingComment(block: ConfigBlock): boolean {
  return block.groups.some((g) => g.some((item) => (isBlock(item) ? hasTrailingComment(item) : item.comments?.trailing !== undefined)));
}

/** A comment's words without its markers. */
function commentText(comment: string): string {
  const block = /^\/\*([\s\S]*)\*\/$/.exec(comment);
  if (block) return block[1].trim();
  return comment.replace(/^(?:#|\/\/) ?/, "").trimEnd();
}

/**
 * Comment lines above an item, then the item's first line with any trailing comment. `line`
 * is called in between, so `token` sees every text in the order it stands in the output.
 */
function commented(comments: Comments | undefined, indent: string, line: () => string, token: (text: string) => string): string {
  if (!comments) return line();
  let out = "";
  for (const c of comments.above ?? []) out += indent + token(c) + "\n";
  const first = line();
  return out + (comments.trailing ? first.replace(/\n/, " " + token(comments.trailing) + "\n") : first);
}

// Written with plain loops and concatenation: the generated file of a large migration is tens
// of thousands of blocks, and array chains here cost a third of its rendering.
function hclBlock(block: ConfigBlock, indent: string, token: (text: string) => string): string {
  let out = commented(block.comments, indent, () => {
    let header = indent + block.type;
    for (const label of block.labels) header += " " + token(JSON.stringify(label));
    return header + " {\n";
  }, token);
  const inner = `${indent}  `;
  let first = true;
  for (const group of block.groups) {
    if (group.length === 0) continue;
    if (!first) out += "\n";
    first = false;
    for (const item of group) {
      if (isBlock(item)) out += hclBlock(item, inner, token);
      else if (item.comments) out += commented(item.comments, inner, () => inner + item.name + " = " + token(hclValue(item.value, inner)) + "\n", token);
      else out += inner + item.name + " = " + token(hclValue(item.value, inner)) + "\n";
    }
  }
  return out + indent + "}\n";
}

/** One value as an HCL expression. Terraform JSON strings are templates, as HCL strings are. */
export function hclValue(value: ConfigValue, indent = ""): string {
  if (typeof value === "string") return soleExpression(value) ?? quoteTemplate(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (isBare(value)) return value.bare;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => hclValue(v, inner));
    const line = `[${items.join(", ")}]`;
    return line.length <= 80 && !line.includes("\n") ? line : `[\n${items.map((i) => `${inner}${i},\n`).join("")}${indent}]`;
  }
  const entries = Object.entries(value).map(([k, v]) => `${inner}${/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k)} = ${hclValue(v, inner)}\n`);
  return entries.length === 0 ? "{}" : `{\n${entries.join("")}${indent}}`;
}

/**
 * A template string in HCL quotes: its literal parts escaped, its `${...}` and `%{...}`
 * sequences copied as written (they are expression code, with their own quoting). The parts
 * are scan.ts's (walkTemplate), so the mask finds the code of the HCL where it found it in the
 * template. An unclosed sequence is copied to the end, as before.
 */
export function quoteTemplate(text: string): string {
  if (!NEEDS_CARE.test(text)) return `"${text}"`;
  const quoted = new QuotedParts(text);
  walkTemplate(text, quoted);
  return `"${quoted.out}"`;
}

/** The template's own parts (depth 0), escaped or copied; what lies inside a sequence comes with it. */
class QuotedParts extends IgnoredEvents {
  out = "";

  constructor(private readonly text: string) {
    super();
  }

  literal(start: number, end: number, depth: number): void {
    if (depth > 0) return;
    // `$${` and `%%{` stay as they are: they hold nothing to escape.
    let out = this.out;
    for (let i = start; i < end; i++) out += ESCAPES[this.text[i]] ?? this.text[i];
    this.out = out;
  }

  interpolation(start: number, end: number, _closed: boolean, depth: number): void {
    if (depth === 0) this.out += this.text.slice(start, end);
  }
}

// Characters quoteTemplate escapes or reads as the start of a sequence.
const NEEDS_CARE = /[\\"\n\r\t$%]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };
