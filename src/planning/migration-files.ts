/**
 * What a migration reads from and writes to its input files: the line and comments of each
 * legacy key, and each file rewritten without its keys, with references to them rewritten.
 * The HCL text itself is src/hcl's; this module says which blocks go and what stays.
 */
import { HclFile } from "../hcl/file";
import type { CarriedComments } from "../hcl/file";
import { LEGACY_KEY_TYPES } from "./legacy";
import { emptied } from "./plan";
import type { RewrittenFile, SourceFile } from "./plan";
import type { ReferenceRewriter } from "./references";
import { hclBlockLocator, rewriteJsonSection } from "./rewrite-sites";
import { blocks, isObject, TfValue } from "../hcl/tf-json";

const isLegacyKeyType = (type: string) => (LEGACY_KEY_TYPES as readonly string[]).includes(type);

/** Each .tf input as a file of blocks, read once (or by the reader already): finding keys and rewriting both need it. */
export function hclInputs(files: readonly SourceFile[]): Map<SourceFile, HclFile> {
  const hcl = new Map<SourceFile, HclFile>();
  for (const file of files) if (file.format === "hcl") hcl.set(file, file.hcl ?? HclFile.of(file.text));
  return hcl;
}

/** The line of each resource block's header, by address. */
export function headerLines(hcl: HclFile | undefined): Map<string, number> {
  const lines = new Map<string, number>();
  for (const b of hcl?.blocks ?? []) if (b.kind === "resource" && b.labels.length === 2) lines.set(`${b.labels[0]}.${b.labels[1]}`, b.line);
  return lines;
}

export function rewriteFile(file: SourceFile, rewriter: ReferenceRewriter, read?: HclFile): RewrittenFile {
  if (file.format === "hcl") {
    const hcl = read ?? HclFile.of(file.text);
    // Blocks that name addresses rather than use them (removed, import, moved) stay as written.
    const content = hcl
      .rewriteBlocks({
        remove: (b) => b.kind === "resource" && isLegacyKeyType(b.labels[0]),
        keep: (b) => ["removed", "import", "moved"].includes(b.kind),
        ...rewriter.renaming(file.path, hclBlockLocator(hcl)),
      })
      .replace(/\n*$/, "\n");
    return { path: file.path, format: "hcl", content, changed: content !== file.text, ...emptied(content, file.text) };
  }
  const doc = structuredClone(file.doc) as Record<string, TfValue>;
  const resource = doc.resource;
  if (isObject(resource)) {
    for (const type of LEGACY_KEY_TYPES) delete resource[type];
    if (Object.keys(resource).length === 0) delete doc.resource;
  }
  const out: Record<string, TfValue> = {};
  for (const [k, v] of Object.entries(doc)) out[k] = ["removed", "import", "moved", "//"].includes(k) ? v : rewriteJsonSection(k, v, (value, block) => rewriter.rewriteJson(value, file.path, false, block));
  const content = `${JSON.stringify(out, null, 2)}\n`;
  return { path: file.path, format: "json", content, changed: JSON.stringify(out) !== JSON.stringify(file.doc), ...emptied(Object.keys(out).length === 0 ? "" : content, file.text) };
}

/**
 * What users wrote on their keys: comments on and in a .tf block, or a Terraform JSON "//"
 * string. They go with the key to what replaces it rather than vanish with its block.
 */
export function keyComments(files: SourceFile[], hclFiles: ReadonlyMap<SourceFile, HclFile>): Map<string, CarriedComments> {
  const found = new Map<string, CarriedComments>();
  for (const file of files) {
    const hcl = hclFiles.get(file);
    if (hcl) {
      for (const b of hcl.blocks) {
        if (b.kind !== "resource" || !isLegacyKeyType(b.labels[0])) continue;
        const comments = hcl.blockComments(b);
        if (comments) found.set(`${b.labels[0]}.${b.labels[1]}`, comments);
      }
      continue;
    }
    const resources = isObject(file.doc.resource) ? file.doc.resource : {};
    for (const type of LEGACY_KEY_TYPES) {
      for (const [name, body] of Object.entries(isObject(resources[type]) ? resources[type] : {})) {
        // cdktf writes "//" metadata objects there: only a plain text comment is the user's.
        const text = blocks(body)[0]?.["//"];
        if (typeof text === "string" && text.trim() !== "") found.set(`${type}.${name}`, { above: text.split("\n").map((l) => `# ${l}`.trimEnd()), args: {} });
      }
    }
  }
  return found;
}

const ACCOUNT_ARGS = new Set(["role", "org_id", "stack_slug", "cloud_stack_slug"]);

/** A key's comments between its own account (role, org, stack, and those above the key) and its token (the rest). */
export function splitComments(comments: CarriedComments | undefined, ownAccount: boolean): { account?: CarriedComments; token?: CarriedComments } {
  if (!comments) return {};
  if (!ownAccount) return { token: comments };
  const rename = (name: string) => (name === "cloud_stack_slug" ? "stack_slug" : name);
  const pick = (forAccount: boolean) => Object.fromEntries(Object.entries(comments.args).filter(([n]) => ACCOUNT_ARGS.has(n) === forAccount).map(([n, c]) => [rename(n), c]));
  return { account: { above: comments.above, args: pick(true) }, token: { above: [], args: pick(false) } };
}
