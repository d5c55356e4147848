/**
 * The top-level blocks of a .tf file, found from one scan, and the text edits made block by
 * block: removing blocks with their comments, rewriting the code around the kept ones.
 */
import { maskHcl } from "./scan";
import { withLeadingComments } from "./comments";

/** A top-level block of a .tf file and where it sits in the text. */
export interface HclBlock {
  readonly kind: string;
  readonly labels: string[];
  /** Offset of the block's first line (with any comment lines right above it). */
  readonly start: number;
  /** Offset just past the closing brace's line. */
  readonly end: number;
  /** 1-based line of the block header. */
  readonly line: number;
}

// Labels are quoted strings or bare identifiers: Terraform accepts `resource grafana_api_key x {`.
const HEADER = /^[ \t]*([A-Za-z_][\w-]*)((?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*)[ \t]*\{/gm;

/** A .tf file's mask (scan.ts) and its top-level blocks: what the parse cache reads, and HclFile (the planner's view) wraps. */
export interface ScannedHcl {
  readonly masked: string;
  readonly blocks: readonly HclBlock[];
}

export function scanHcl(text: string): ScannedHcl {
  const masked = maskHcl(text);
  return { masked, blocks: topLevelBlocks(text, masked) };
}

/** The top-level blocks of a .tf file, found on the masked text so strings and comments never confuse it. */
export function topLevelBlocks(text: string, masked = maskHcl(text)): HclBlock[] {
  const found: HclBlock[] = [];
  HEADER.lastIndex = 0;
  // Headers come in text order, so line numbers are counted on from the previous header:
  // lineNumber() from the start for each block is O(blocks x length) on one large file.
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (let nl = text.indexOf("\n", counted); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) line++;
    counted = offset;
    return line;
  };
  let match: RegExpExecArray | null;
  while ((match = HEADER.exec(masked))) {
    const open = match.index + match[0].length - 1;
    const close = matchingBrace(masked, open);
    const lineEnd = masked.indexOf("\n", close);
    const end = lineEnd === -1 ? text.length : lineEnd + 1;
    // Labels are read from the real text; the masked copy hides what is inside quotes.
    const header = text.slice(match.index, match.index + match[0].length).replace(/^[ \t]*[A-Za-z_][\w-]*/, "");
    const labels = [...header.matchAll(/"([^"\n]*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]);
    found.push({ kind: match[1], labels, start: withLeadingComments(text, match.index), end, line: lineAt(match.index) });
    HEADER.lastIndex = end;
  }
  return found;
}

/**
 * Removes whole blocks, with their leading comments. The blank lines around each gap shrink
 * to one (none at the top or bottom of the file); the rest of the text, heredocs included,
 * stays byte for byte.
 */
export function removeBlocks(text: string, remove: readonly Pick<HclBlock, "start" | "end">[]): string {
  if (remove.length === 0) return text;
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  let out = "";
  let last = 0;
  for (const block of [...remove].sort((a, b) => a.start - b.start)) {
    out += text.slice(last, block.start);
    last = block.end;
    const kept = out.replace(/(^|\n)(?:[ \t]*\r?\n)+$/, "$1");
    const blankAfter = /^(?:[ \t]*\r?\n)*/.exec(text.slice(last))?.[0] ?? "";
    last += blankAfter.length;
    out = kept + (kept !== "" && (kept !== out || blankAfter !== "") ? newline : "");
  }
  const rest = text.slice(last);
  return rest === "" ? out.replace(/(^|\n)(?:[ \t]*\r?\n)+$/, "$1") : out + rest;
}

/** What rewriteBlocks does with a file's blocks and the code around them. */
export interface BlockRewrite {
  /** Blocks to take out, as removeBlocks does. */
  readonly remove: (block: HclBlock) => boolean;
  /** Blocks to keep as written. */
  readonly keep: (block: HclBlock) => boolean;
  /**
   * Rewrites a stretch of code (other blocks and what lies between), given with its mask. It
   * must keep every line break, and make no line blank that was not.
   */
  readonly rewrite: (code: string, masked: string, offset: number) => string;
}

/**
 * The text with some blocks removed and the code outside them and the kept ones rewritten,
 * from one scan. The stretches between top-level blocks are code, so the mask of a stretch is
 * that stretch of the mask; and a rewrite changes no line, so the blocks are removed (and the
 * blank lines around them closed up) from the rewritten text as from the original.
 */
export function rewriteBlocks(text: string, scan: ScannedHcl, how: BlockRewrite): string {
  const rewrite = (from: number, to?: number) => how.rewrite(text.slice(from, to), scan.masked.slice(from, to), from);
  let out = "";
  let last = 0;
  const removed: { start: number; end: number }[] = [];
  for (const block of scan.blocks) {
    const remove = how.remove(block);
    if (!remove && !how.keep(block)) continue;
    out += rewrite(last, block.start);
    if (remove) removed.push({ start: out.length, end: out.length + block.end - block.start });
    out += text.slice(block.start, block.end);
    last = block.end;
  }
  return removeBlocks(out + rewrite(last), removed);
}

export function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// Jumps from brace to brace: a loop over every character cost more than the regex.
const BRACE = /[{}]/g;

export function matchingBrace(masked: string, open: number): number {
  let depth = 0;
  BRACE.lastIndex = open;
  for (let m = BRACE.exec(masked); m; m = BRACE.exec(masked)) {
    if (m[0] === "{") depth++;
    else if (--depth === 0) return m.index;
  }
  return masked.length - 1;
}
