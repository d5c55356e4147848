/**
 * Splits HCL text into its top-level blocks and the gaps between them, and reduces each block
 * to a skeleton: the block with its simple values (labels, plain strings, small integers, bare
 * references) replaced by numbered placeholders. Large configurations repeat a few block shapes
 * with different values, so one run of a tool (hclwrite, hcl2json) on a skeleton serves every
 * block of that shape. Pure: the tools are called by format.ts and parse.ts.
 *
 * Conservative throughout: a value becomes a hole only where its kind is certain, and text the
 * scanners cannot split cleanly gives undefined, so the caller runs the tool on the whole text.
 */
import { ScannedHcl, scanHcl } from "./blocks";
import { blockPiece } from "./skeleton-block";
import { commentStarts, gapPiece, headerStart } from "./skeleton-comments";
import { usesReservedCharacters } from "./skeleton-placeholders";

export { hasPlaceholder, placeholder, placeholderIndex, QUOTED_PLACEHOLDER, textAroundPlaceholders, usesReservedCharacters, withValues } from "./skeleton-placeholders";

export type HoleKind = "label" | "string" | "integer" | "traversal";

/** A value a placeholder stands in for. */
export interface Hole {
  readonly kind: HoleKind;
  /** As written: a string or quoted label with its quotes, an integer's digits, a reference. */
  readonly source: string;
}

/**
 * Where a piece may hold a comment outside its holes. It may over-report (a `#` inside a string
 * that is not a hole counts), never under-report.
 */
export interface CommentLines {
  readonly any: boolean;
  readonly firstLine: boolean;
  readonly lastLine: boolean;
}

/** A top-level block, from its header line to the end of its closing brace's line. */
export interface BlockPiece {
  readonly type: "block";
  readonly text: string;
  /** The text with each hole replaced by placeholder(i), i counting from 0 in this block. */
  readonly skeleton: string;
  /**
   * The skeleton less its lines that hold only a `#` or `//` comment between arguments and
   * blocks. Such a line is outside every expression, so what a parser makes of the block is
   * the same; the formatter lays comments out, so it needs `skeleton`.
   */
  readonly uncommented: string;
  readonly holes: readonly Hole[];
  /** The block type (`resource`), never a hole. */
  readonly kind: string;
  readonly labelCount: number;
  readonly comments: CommentLines;
}

/** Whitespace and comments between blocks (or before the first, or after the last). */
export interface GapPiece {
  readonly type: "gap";
  readonly text: string;
  readonly comments: CommentLines;
}

export type HclPiece = BlockPiece | GapPiece;

/**
 * The pieces of `text` in order (their texts join to `text`), or undefined when the text has
 * anything but blocks, whitespace and comments at the top level, or cannot be split cleanly.
 * `scan` is scanHcl(text), if the caller has it.
 */
export function splitTopLevel(text: string, scan?: ScannedHcl): HclPiece[] | undefined {
  if (usesReservedCharacters(text)) return undefined;
  const { masked, blocks } = scan ?? scanHcl(text);
  const comments = commentStarts(text, masked);
  const pieces: HclPiece[] = [];
  let at = 0;
  for (const block of blocks) {
    const start = headerStart(masked, block.start);
    if (start < at) return undefined;
    const gap = gapPiece(text.slice(at, start));
    const piece = blockPiece(text, masked, start, block.end, comments);
    if (!gap || !piece) return undefined;
    if (gap.text !== "") pieces.push(gap);
    pieces.push(piece);
    at = block.end;
  }
  const tail = gapPiece(text.slice(at));
  if (!tail) return undefined;
  if (tail.text !== "") pieces.push(tail);
  return pieces;
}
