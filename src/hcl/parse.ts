/**
 * hcl2json parsing (`parse` from @cdktf/hcl2json), memoized per block shape. hcl2json costs
 * about 1.5 µs per byte plus 0.3 ms per call, and large configurations are thousands of blocks
 * of a few shapes. Each distinct block skeleton (skeleton.ts) is parsed once,
 * and each block of that shape puts its values back (fragments.ts), merged the way hcl2json
 * merges a file's blocks. The result deep-equals `parse(file, text)`; when anything is unsure,
 * or a skeleton does not parse, the whole file goes to hcl2json, so its errors are hcl2json's own.
 */
import { ScannedHcl, scanHcl } from "./blocks";
import { BlockPiece, HclPiece, splitTopLevel } from "./skeleton";
import { assembleDocument, compileFragment, FilledBlock, Fragment } from "./fragments";
import { hcl2json, ParseTool } from "./tools";

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

/** A parser with its own cache over `tool` (hcl2json by default). */
export function hclParser(tool: ParseTool = hcl2json): HclParser {
  const cache = new Map<string, Fragment>();

  async function parseHclFiles(files: readonly HclSource[]): Promise<ParsedHcl[]> {
    if (cache.size > CACHE_LIMIT) cache.clear();
    // Each chunk of new skeletons goes to the tool as soon as it is full, so a tool in another
    // thread (src/cli/worker.ts) parses while this one splits the files that follow. Files are
    // assembled in order as soon as none of their shapes is still out, which fills the wait for
    // the last chunks.
    const requested = new Set<string>();
    const outstanding = new Set<string>();
    const parsing: Promise<void>[] = [];
    const split: (HclPiece[] | undefined)[] = [];
    const docs: (Record<string, unknown> | undefined)[] = [];
    let assembled = 0;
    const assembleReady = () => {
      for (; assembled < split.length; assembled++) {
        const pieces = split[assembled];
        if (pieces?.some((p) => p.type === "block" && outstanding.has(p.uncommented))) return;
        docs[assembled] = assembleOrUndefined(pieces, cache);
        split[assembled] = undefined;
      }
    };
    let chunk: BlockPiece[] = [];
    let size = 0;
    const send = () => {
      const sent = chunk;
      if (sent.length > 0) parsing.push(parseSkeletons(tool, cache, sent).then(() => (sent.forEach((b) => outstanding.delete(b.uncommented)), assembleReady())));
      chunk = [];
      size = 0;
    };
    const scans = files.map((f) => scanHcl(f.text));
    for (const [i, f] of files.entries()) {
      const pieces = splitTopLevel(f.text, scans[i]);
      for (const p of pieces ?? []) {
        if (p.type !== "block" || cache.has(p.uncommented) || requested.has(p.uncommented)) continue;
        requested.add(p.uncommented);
        outstanding.add(p.uncommented);
        chunk.push(p);
        if ((size += p.uncommented.length) > CHUNK_BYTES) send();
      }
      split.push(pieces);
    }
    send();
    await Promise.all(parsing);
    assembleReady();
    const out: ParsedHcl[] = [];
    for (const [i, file] of files.entries()) {
      const doc = docs[i];
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

// A skeleton's fragment is a few kilobytes at most; this bounds the cache at some tens of megabytes.
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
// of 300 KB parse in about 380 ms as one call and in 250 ms as calls of some 20 KB. Chunks of
// 8 KB reach a worker's hcl2json sooner, while the split has only begun.
const CHUNK_BYTES = 8_000;

/**
 * Parses skeletons in one call, each wrapped in a container block `__b<n> { ... }`: a body
 * parses the same at the top level and inside a block, and the container's JSON holds exactly
 * the block's. If the call fails, the halves are tried apart, so a bad block costs a few calls
 * and the others are still cached; a skeleton that fails alone is left out, and its file is
 * parsed whole.
 */
async function parseSkeletons(tool: ParseTool, cache: Map<string, Fragment>, blocks: BlockPiece[]): Promise<void> {
  if (blocks.length === 0) return;
  try {
    const text = blocks.map((b, i) => `__b${i} {\n${b.uncommented}${b.uncommented.endsWith("\n") ? "" : "\n"}}\n`).join("");
    const doc = await tool("skeletons.tf", text);
    if (Object.keys(doc).length !== blocks.length) throw new Error("unexpected top-level keys");
    for (const [i, b] of blocks.entries()) {
      const container = doc[`__b${i}`];
      if (!Array.isArray(container) || container.length !== 1) throw new Error("container is not one block");
      const fragment = compileFragment(container[0], b.kind, b.labelCount);
      if (fragment) cache.set(b.uncommented, fragment);
    }
  } catch {
    if (blocks.length === 1) return;
    const half = blocks.length >> 1;
    await parseSkeletons(tool, cache, blocks.slice(0, half));
    await parseSkeletons(tool, cache, blocks.slice(half));
  }
}

// ---- assembling a file ----------------------------------------------------------------------

function assembleOrUndefined(pieces: HclPiece[] | undefined, cache: Map<string, Fragment>): Record<string, unknown> | undefined {
  if (!pieces) return undefined;
  const blocks: FilledBlock[] = [];
  for (const piece of pieces) {
    if (piece.type !== "block") continue;
    const fragment = cache.get(piece.uncommented);
    if (!fragment) return undefined;
    blocks.push({ fragment, holes: piece.holes });
  }
  return assembleDocument(blocks);
}
