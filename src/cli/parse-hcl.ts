/**
 * hcl2json parsing (`parse` from @cdktf/hcl2json), memoized per block shape. hcl2json costs
 * about 1.5 µs per byte plus 0.3 ms per call, and large configurations are thousands of blocks
 * of a few shapes. Each distinct block skeleton (src/planning/hcl-skeleton.ts) is parsed once;
 * its JSON has the values put back and is merged into the file's document the way hcl2json
 * merges a file's blocks. The result deep-equals `parse(file, text)`; when anything is unsure,
 * or a skeleton does not parse, the whole file goes to hcl2json, so its errors are hcl2json's own.
 */
import { ScannedHcl, scanHcl } from "../planning/hcl-blocks";
import { BlockPiece, HclPiece, Hole, hasPlaceholder, splitTopLevel } from "../planning/hcl-skeleton";

export type ParseTool = (file: string, text: string) => Promise<Record<string, unknown>>;

export interface HclSource {
  readonly path: string;
  readonly text: string;
}

/**
 * One file's document, or the error hcl2json gave for it; with the file's scan (mask and
 * top-level blocks), which the planner reads too.
 */
export type ParsedHcl = ({ readonly doc: Record<string, unknown> } | { readonly error: unknown }) & { readonly path: string; readonly scan: ScannedHcl };

export interface HclParser {
  /** Deep-equals `parse(file, text)`, or throws its error. */
  parseHcl(file: string, text: string): Promise<Record<string, unknown>>;
  /** Every file in order; the blocks no file has cached yet are parsed together, in chunks. */
  parseHclFiles(files: readonly HclSource[]): Promise<ParsedHcl[]>;
}

const hcl2json: ParseTool = async (file, text) => (await import("@cdktf/hcl2json")).parse(file, text);

/** A parser with its own cache over `tool` (hcl2json by default). */
export function hclParser(tool: ParseTool = hcl2json): HclParser {
  const cache = new Map<string, string>();

  async function parseHclFiles(files: readonly HclSource[]): Promise<ParsedHcl[]> {
    if (cache.size > CACHE_LIMIT) cache.clear();
    // Each chunk of new skeletons goes to the tool as soon as it is full, so a tool in another
    // thread (src/cli/worker.ts) parses while this one splits the files that follow.
    const requested = new Set<string>();
    const parsing: Promise<void>[] = [];
    let chunk: BlockPiece[] = [];
    let size = 0;
    const send = () => {
      if (chunk.length > 0) parsing.push(parseSkeletons(tool, cache, chunk));
      chunk = [];
      size = 0;
    };
    const scans = files.map((f) => scanHcl(f.text));
    const split = files.map((f, i) => {
      const pieces = splitTopLevel(f.text, scans[i]);
      for (const p of pieces ?? []) {
        if (p.type !== "block" || cache.has(p.uncommented) || requested.has(p.uncommented)) continue;
        requested.add(p.uncommented);
        chunk.push(p);
        if ((size += p.uncommented.length) > CHUNK_BYTES) send();
      }
      return pieces;
    });
    send();
    await Promise.all(parsing);
    const out: ParsedHcl[] = [];
    for (const [i, file] of files.entries()) {
      const doc = assembleOrUndefined(split[i], cache);
      out.push({ ...(doc ? { path: file.path, doc } : await direct(tool, file)), scan: scans[i] });
    }
    return out;
  }

  async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
    const [parsed] = await parseHclFiles([{ path: file, text }]);
    if ("error" in parsed) throw parsed.error;
    return parsed.doc;
  }

  return { parseHcl, parseHclFiles };
}

const shared = hclParser();
/** `parse` from @cdktf/hcl2json, memoized per block skeleton for the life of the process. */
export const parseHcl = shared.parseHcl;
/** The same for many files; their new block shapes go to hcl2json in calls of some 20 KB. */
export const parseHclFiles = shared.parseHclFiles;

// A skeleton's JSON is a few kilobytes at most; this bounds the cache at some tens of megabytes.
const CACHE_LIMIT = 20_000;

async function direct(tool: ParseTool, file: HclSource): Promise<{ path: string; doc: Record<string, unknown> } | { path: string; error: unknown }> {
  try {
    return { path: file.path, doc: await tool(file.path, file.text) };
  } catch (error) {
    return { path: file.path, error };
  }
}

// ---- parsing skeletons ----------------------------------------------------------------------

// hcl2json slows down on large inputs (Go's heap grows in WebAssembly memory): 1,000 skeletons
// of 300 KB parse in about 380 ms as one call and in 250 ms as calls of some 20 KB.
const CHUNK_BYTES = 20_000;

/**
 * Parses skeletons in one call, each wrapped in a container block `__b<n> { ... }`: a body
 * parses the same at the top level and inside a block, and the container's JSON holds exactly
 * the block's. If the call fails, the halves are tried apart, so a bad block costs a few calls
 * and the others are still cached; a skeleton that fails alone is left out, and its file is
 * parsed whole.
 */
async function parseSkeletons(tool: ParseTool, cache: Map<string, string>, blocks: BlockPiece[]): Promise<void> {
  if (blocks.length === 0) return;
  try {
    const text = blocks.map((b, i) => `__b${i} {\n${b.uncommented}${b.uncommented.endsWith("\n") ? "" : "\n"}}\n`).join("");
    const doc = await tool("skeletons.tf", text);
    if (Object.keys(doc).length !== blocks.length) throw new Error("unexpected top-level keys");
    for (const [i, b] of blocks.entries()) {
      const fragment = unwrapContainer(doc[`__b${i}`], b);
      // Held as JSON text, which cannot hold -0 or an infinity (1e999): such a block's file is
      // parsed whole.
      if (survivesJson(fragment)) cache.set(b.uncommented, JSON.stringify(fragment));
    }
  } catch {
    if (blocks.length === 1) return;
    const half = blocks.length >> 1;
    await parseSkeletons(tool, cache, blocks.slice(0, half));
    await parseSkeletons(tool, cache, blocks.slice(half));
  }
}

function unwrapContainer(container: unknown, block: BlockPiece): Record<string, unknown> {
  if (!Array.isArray(container) || container.length !== 1) throw new Error("container is not one block");
  const fragment = container[0];
  if (!isObject(fragment) || Object.keys(fragment).length !== 1 || !Object.hasOwn(fragment, block.kind)) throw new Error(`container does not hold one ${block.kind} block`);
  return fragment;
}

// ---- assembling a file ----------------------------------------------------------------------

function assembleOrUndefined(pieces: HclPiece[] | undefined, cache: Map<string, string>): Record<string, unknown> | undefined {
  if (!pieces) return undefined;
  try {
    const doc: Record<string, unknown> = {};
    for (const piece of pieces) {
      if (piece.type !== "block") continue;
      const fragment = cache.get(piece.uncommented);
      if (!fragment) return undefined;
      const { path, body } = unwrapBlock(fill(fragment, piece.holes), piece);
      mergeBlock(doc, path, body);
    }
    return sortedLabels(doc);
  } catch {
    return undefined;
  }
}

/** `{kind: {label: {label: [body]}}}` to the path of keys and the body. */
function unwrapBlock(fragment: Record<string, unknown>, block: BlockPiece): { path: string[]; body: unknown } {
  const path = [block.kind];
  let node = fragment[block.kind];
  for (let i = 0; i < block.labelCount; i++) {
    if (!isObject(node)) throw new Error("label level is not an object");
    const keys = Object.keys(node);
    if (keys.length !== 1) throw new Error("label level has more than one key");
    path.push(keys[0]);
    node = node[keys[0]];
  }
  if (!Array.isArray(node) || node.length !== 1) throw new Error("block body is not one element");
  return { path, body: node[0] };
}

/**
 * hcl2json's convertBlock: one object level per label, then a list of bodies in source order.
 * Where it fails (a key both a list and an object), this throws and the file goes to hcl2json.
 */
function mergeBlock(doc: Record<string, unknown>, path: string[], body: unknown): void {
  let out = doc;
  let key = path[0];
  for (const label of path.slice(1)) {
    if (Object.hasOwn(out, key)) {
      const next = out[key];
      if (!isObject(next)) throw new Error(`${key} is not an object`);
      out = next;
    } else {
      const next: Record<string, unknown> = {};
      setOwn(out, key, next);
      out = next;
    }
    key = label;
  }
  if (!Object.hasOwn(out, key)) setOwn(out, key, [body]);
  else if (Array.isArray(out[key])) (out[key] as unknown[]).push(body);
  else throw new Error(`${key} is not a list`);
}

/**
 * hcl2json's maps come out of Go's encoding/json with their keys sorted (byte order of UTF-8,
 * which is code point order); the merged label levels are sorted the same, so whoever walks
 * the document sees hcl2json's order whether or not a file hit the cache.
 */
function sortedLabels(level: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(level).sort(byCodePoint)) {
    const value = level[key];
    setOwn(out, key, isObject(value) ? sortedLabels(value) : value);
  }
  return out;
}

function byCodePoint(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

// ---- putting values back --------------------------------------------------------------------

/**
 * What hcl2json makes of a value standing alone: a string's content, an integer, and for a
 * reference its source in `${}`; a label is a key, its content.
 */
function holeValue(hole: Hole): string | number {
  switch (hole.kind) {
    case "string":
      return hole.source.slice(1, -1);
    case "integer":
      return Number(hole.source);
    case "traversal":
      return "${" + hole.source + "}";
    case "label":
      return hole.source.startsWith('"') ? hole.source.slice(1, -1) : hole.source;
  }
}

// In the JSON text of a skeleton's document, a placeholder is either a whole string (a value
// standing alone, or a label as a key) or, with escaped quotes, part of an expression's source,
// which hcl2json copies as written.
const IN_JSON = /\\"\uE000(\d+)\uE001\\"|"\uE000(\d+)\uE001"(:?)/g;

/**
 * A fresh document (the cached JSON text stays as it is) with the holes filled: JSON.parse is
 * quicker than copying objects. Anything unexpected, such as a label's placeholder where a
 * value should be, throws, and the file goes to hcl2json.
 */
function fill(json: string, holes: readonly Hole[]): Record<string, unknown> {
  const filled = json.replace(IN_JSON, (_, inSource: string | undefined, whole: string | undefined, colon: string) => {
    const hole = holes[Number(inSource ?? whole)];
    if (!hole || (hole.kind === "label") !== (colon === ":")) throw new Error("placeholder in an unexpected place");
    if (inSource !== undefined) return JSON.stringify(hole.source).slice(1, -1);
    return JSON.stringify(holeValue(hole)) + colon;
  });
  if (hasPlaceholder(filled)) throw new Error("placeholder in an unexpected place");
  return JSON.parse(filled);
}

function survivesJson(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (isObject(value)) return Object.values(value).every(survivesJson);
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Assignment would set the prototype for `__proto__`, a valid block label. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
