/**
 * hclwrite formatting (`format` from @cdktf/hcl-tools), memoized per block shape. hclwrite
 * costs about 1 µs per byte, and generated configurations are thousands of blocks of a few
 * shapes. hclwrite only changes the spaces between tokens, and the values a skeleton replaces
 * (skeleton.ts) sit alone after `=` or in a header, where the spaces around
 * them never depend on what they are; so hclwrite runs once per distinct skeleton and the
 * values go back in afterwards. The result is byte for byte what `format(text)` returns.
 */
import { HclPiece, Hole, splitTopLevel, textAroundPlaceholders, withValues } from "./skeleton";
import { FormatTool, hclwrite } from "./tools";

/** Formats like `tool`, memoized; each formatter keeps its own cache. */
export function hclFormatter(tool: FormatTool): (text: string) => Promise<string> {
  const cache = new Map<string, string[]>();
  return async (text) => {
    const pieces = splitTopLevel(text);
    if (!pieces) return tool(text);
    const parts = segments(pieces);
    if (cache.size > CACHE_LIMIT) cache.clear();
    await fillCache(cache, tool, [...new Set(parts.map((p) => p.text).filter((t) => !cache.has(t)))]);
    let out = "";
    for (const part of parts) {
      const filled = withValues(cache.get(part.text) as string[], part.holes.map((h) => h.source));
      // A placeholder lost or moved: cannot happen with hclwrite, but be exact.
      if (filled === undefined) return tool(text);
      out += filled;
    }
    return out;
  };
}

/** `format` from @cdktf/hcl-tools, memoized per block skeleton for the life of the process. */
export const formatHcl = hclFormatter(hclwrite);

// A skeleton is a few hundred bytes; this bounds the cache at some tens of megabytes.
const CACHE_LIMIT = 50_000;

/** What hclwrite is given for one stretch of the text, and the values to put back. */
interface Segment {
  readonly text: string;
  readonly holes: readonly Hole[];
}

/**
 * Pieces formatted apart must format as they would together. Between top-level pieces the
 * indentation is back at zero (blocks have balanced brackets) and no `=` alignment runs
 * across (header, closing and gap lines have no assignment), but hclwrite aligns trailing
 * comments on consecutive lines: two pieces whose facing lines may both hold comments stay
 * together. A block with a comment is formatted as written, since comment alignment depends
 * on the widths of the values before it.
 */
function segments(pieces: HclPiece[]): Segment[] {
  const out: Segment[] = [];
  let run: HclPiece[] = [];
  const close = () => {
    const only = run[0];
    if (run.length === 1 && only.type === "block" && !only.comments.any) out.push({ text: only.skeleton, holes: only.holes });
    else out.push({ text: run.map((p) => p.text).join(""), holes: [] });
    run = [];
  };
  for (const piece of pieces) {
    const previous = run[run.length - 1];
    if (previous && !(previous.comments.lastLine && piece.comments.firstLine)) close();
    run.push(piece);
  }
  if (run.length > 0) close();
  return out;
}

// A comment line of its own: hclwrite leaves it as it is at indentation zero, and it breaks
// every alignment run, so texts joined with it format as they do alone.
const SEPARATOR = "#\uE000\uE001\n";

/**
 * Formats the texts not yet cached: those that end a line in one hclwrite call (it costs about
 * 0.3 ms a call), any other (a file's last line) alone.
 */
async function fillCache(cache: Map<string, string[]>, tool: FormatTool, texts: string[]): Promise<void> {
  const batch = texts.filter((t) => t.endsWith("\n"));
  const single = texts.filter((t) => !t.endsWith("\n"));
  if (batch.length > 1) {
    const formatted = (await tool(batch.join(SEPARATOR))).split(SEPARATOR);
    if (formatted.length === batch.length) batch.forEach((t, i) => cache.set(t, textAroundPlaceholders(formatted[i])));
    else single.push(...batch);
  } else single.push(...batch);
  for (const text of single) cache.set(text, textAroundPlaceholders(await tool(text)));
}
