/**
 * Comments around and inside the skeleton's pieces (see skeleton.ts): the gaps between blocks,
 * which hold only whitespace and comments, and where a block may hold one.
 */
import { IgnoredEvents, walkHcl } from "./scan";
import type { CommentLines, GapPiece } from "./skeleton-pieces";

/**
 * Where comments may start: a masked `#`, `//` or `/*`. Strings are masked too, so a string
 * holding one counts, unless it is a hole.
 */
export interface CommentStarts {
  flags(start: number, headerEnd: number, lastLine: number, end: number, holeRanges: number[]): CommentLines;
}

export function commentStarts(text: string, masked: string): CommentStarts {
  const starts: number[] = [];
  for (const m of text.matchAll(/#|\/[/*]/g)) if (masked.charCodeAt(m.index) === 1) starts.push(m.index);
  let next = 0; // blocks come in order, so each search goes on from the last
  return {
    flags(start, headerEnd, lastLine, end, holeRanges) {
      while (next < starts.length && starts[next] < start) next++;
      let any = false;
      let firstLine = false;
      let last = false;
      for (let i = next; i < starts.length && starts[i] < end; i++) {
        if (insideRanges(starts[i], holeRanges)) continue;
        any = true;
        firstLine ||= starts[i] < headerEnd;
        last ||= starts[i] >= lastLine;
      }
      return { any, firstLine, lastLine: last };
    },
  };
}

function insideRanges(i: number, ranges: number[]): boolean {
  for (let r = 0; r < ranges.length; r += 2) if (i >= ranges[r] && i < ranges[r + 1]) return true;
  return false;
}

/**
 * topLevelBlocks counts comments right above a header as the block's; here they are gap. At
 * the top level the mask hides nothing but comments, so they are the lines it leaves blank.
 */
export function headerStart(masked: string, start: number): number {
  let at = start;
  COMMENT_ONLY.lastIndex = at;
  while (COMMENT_ONLY.test(masked)) at = COMMENT_ONLY.lastIndex;
  return at;
}

const COMMENT_ONLY = /[ \t\r\u0001]*\n/y;

/** The gap if it holds only whitespace and complete comments; the comments are scan.ts's. */
export function gapPiece(gap: string): GapPiece | undefined {
  const lineBreaks = linesIn(gap, 0, gap.length);
  const last = gap.endsWith("\n") ? lineBreaks - 1 : lineBreaks;
  if (BLANK.test(gap)) return { type: "gap", text: gap, comments: { any: false, firstLine: false, lastLine: false } };
  const found = new GapComments();
  walkHcl(gap, found);
  if (found.open) return undefined;
  const commentLines = new Set<number>();
  let line = 0;
  let at = 0;
  for (let r = 0; r < found.ranges.length; r += 2) {
    const [start, end] = [found.ranges[r], found.ranges[r + 1]];
    // A string, heredoc or any code leaves something here that is neither comment nor space.
    if (!BLANK.test(gap.slice(at, start))) return undefined;
    line += linesIn(gap, at, start);
    const endLine = line + linesIn(gap, start, end);
    for (; line <= endLine; line++) commentLines.add(line);
    line = endLine;
    at = end;
  }
  if (!BLANK.test(gap.slice(at))) return undefined;
  return { type: "gap", text: gap, comments: { any: commentLines.size > 0, firstLine: commentLines.has(0), lastLine: commentLines.has(last) } };
}

const BLANK = /^[ \t\r\n]*$/;

class GapComments extends IgnoredEvents {
  /** Each comment's [start, end), flat and in order. */
  readonly ranges: number[] = [];
  /** A `/*` comment runs to the end: the next piece would start inside it. */
  open = false;

  comment(start: number, end: number, closed: boolean): void {
    this.ranges.push(start, end);
    if (!closed) this.open = true;
  }
}

/** How many line breaks `text` has in [from, to). */
function linesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
