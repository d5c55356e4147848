/** What splitTopLevel (skeleton.ts) cuts a text into: blocks with their holes, and the gaps between them. */
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
