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

// Private-use characters: configurations do not contain them, and splitTopLevel refuses a
// text that does, so a placeholder found in a tool's output is always ours.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const RESERVED = /[\uE000\uE001]/;

/** The placeholder for hole `i`: a quoted string, so both tools see a plain string literal. */
export function placeholder(i: number): string {
  return (PLACEHOLDERS[i] ??= `"${OPEN}${i}${CLOSE}"`);
}

const PLACEHOLDERS: string[] = [];

/** Placeholders with their quotes, as they appear in formatted text or in an expression's source. */
export const QUOTED_PLACEHOLDER = /"\uE000(\d+)\uE001"/g;

/**
 * A formatted skeleton split around its placeholders: the text before the first, then after
 * each the text that follows. The values go back in the order their placeholders appear
 * (hclwrite keeps that order); if they came back in any other, this is empty, which fits no
 * values, so the caller formats the text as written.
 */
export function textAroundPlaceholders(formatted: string): string[] {
  // split() interleaves the captured placeholder numbers: text, 0, text, 1, text ...
  const parts = formatted.split(QUOTED_PLACEHOLDER);
  return parts.every((p, i) => i % 2 === 0 || p === String((i - 1) / 2)) ? parts.filter((_, i) => i % 2 === 0) : [];
}

/** The texts around the placeholders with the values put back, or undefined if they do not fit. */
export function withValues(texts: readonly string[], values: readonly string[]): string | undefined {
  if (texts.length !== values.length + 1) return undefined;
  let out = texts[0];
  for (let i = 0; i < values.length; i++) out += values[i] + texts[i + 1];
  return out;
}

/** The hole index if `value` is exactly a placeholder's content (what a parser makes of the string). */
export function placeholderIndex(value: string): number | undefined {
  const m = /^\uE000(\d+)\uE001$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** True if `value` holds any part of a placeholder. */
export function hasPlaceholder(value: string): boolean {
  return RESERVED.test(value);
}

/** A reserved character that `text` itself uses; no skeleton can be made of such a text. */
export function usesReservedCharacters(text: string): boolean {
  return RESERVED.test(text);
}

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

// ---- blocks -------------------------------------------------------------------------------

const IDENT = "[A-Za-z_][\\w-]*";
// The same header blocks.ts finds, matched on the masked text where it starts.
const HEADER = new RegExp(`[ \\t]*(${IDENT})((?:[ \\t]+(?:"[^"\\n]*"|${IDENT}))*)[ \\t]*\\{`, "y");
const LABEL = new RegExp(`[ \\t]+("[^"\\n]*"|${IDENT})`, "y");
// Printable ASCII without `"`, `\`, `$` and `%`: no escapes, no templates, nothing that parsing
// or Unicode normalisation would change.
const PLAIN = '[\\x20\\x21\\x23\\x26-\\x5B\\x5D-\\x7E]*';
const PLAIN_QUOTED = new RegExp(`^"${PLAIN}"$`);
// One attribute per line with a value that is a plain string, a decimal integer of at most 15
// digits (exact as a double) or a reference of two or more names (so never true/false/null).
const ATTRIBUTE = new RegExp(`([ \\t]*${IDENT}[ \\t]*=[ \\t]*)("${PLAIN}"|0|[1-9][0-9]{0,14}|${IDENT}(?:\\.${IDENT})+)([ \\t]*\\r?)(?=\\n|$)`, "y");
const OPENERS: Record<string, string> = { "}": "{", "]": "[", ")": "(" };

function blockPiece(text: string, masked: string, start: number, end: number, comments: CommentStarts): BlockPiece | undefined {
  HEADER.lastIndex = start;
  const header = HEADER.exec(masked);
  if (!header) return undefined;
  const open = start + header[0].length - 1;
  const scan = scanBlock(text, masked, start, open, end);
  // After the closing brace: only whitespace and comments complete on that line, so the next
  // piece starts in code.
  if (!scan || !gapPiece(text.slice(scan.close + 1, end))) return undefined;

  const holes: Hole[] = [];
  const edits: Edit[] = [];
  // The holes' [from, to) pairs, flat: where a comment character is part of a value.
  const ranges: number[] = [];
  const hole = (from: number, to: number, kind: HoleKind): void => {
    edits.push({ from, to, text: placeholder(holes.length) });
    ranges.push(from, to);
    holes.push({ kind, source: text.slice(from, to) });
  };

  // Labels are matched on the masked text (an escaped quote there is masked too) and read
  // from the real one.
  let labelCount = 0;
  LABEL.lastIndex = start + header[0].indexOf(header[1]) + header[1].length;
  for (let m = LABEL.exec(masked); m && LABEL.lastIndex <= open; m = LABEL.exec(masked)) {
    labelCount++;
    const from = LABEL.lastIndex - m[1].length;
    const label = text.slice(from, LABEL.lastIndex);
    if (!label.startsWith('"') || PLAIN_QUOTED.test(label)) hole(from, LABEL.lastIndex, "label");
  }

  const headerEnd = lineEnd(text, start);
  for (let line = headerEnd + 1; line < end; line = lineEnd(text, line) + 1) attributeHole(text, masked, line, hole);
  const flags = comments.flags(start, headerEnd, text.lastIndexOf("\n", scan.close) + 1, end, ranges);
  const skeleton = applyEdits(text, start, end, edits);
  let uncommented = skeleton;
  if (flags.any && !text.slice(start, end).includes("/*")) {
    for (const line of scan.bodyLines) if (COMMENT_LINE.test(text.slice(line, lineEnd(text, line)))) edits.push({ from: line, to: lineEnd(text, line) + 1, text: "" });
    uncommented = applyEdits(text, start, end, edits.sort((a, b) => a.from - b.from));
  }
  return { type: "block", text: text.slice(start, end), skeleton, uncommented, holes, kind: header[1], labelCount, comments: flags };
}

/** Text put in place of [from, to): a hole's placeholder, or nothing for a comment line left out. */
interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

function applyEdits(text: string, start: number, end: number, edits: Edit[]): string {
  let out = "";
  let copied = start;
  for (const edit of edits) {
    out += text.slice(copied, edit.from) + edit.text;
    copied = edit.to;
  }
  return out + text.slice(copied, Math.max(copied, end));
}

// A line holding only a `#` or `//` comment (in the block's code, as scanBlock finds it).
const COMMENT_LINE = /^[ \t]*(#|\/\/)/;

/**
 * Walks the block's masked text as hclsyntax's lexer would read it. Gives the header brace's
 * partner, if that is on the block's last line and every bracket pairs up (which also leaves
 * hclwrite's indentation as it was before the block), and the lines that start in a block body
 * rather than inside an expression. Where the mask and the lexer could disagree (scan.ts ends
 * a quoted string at a line break, hclsyntax reads on to the next quote; heredoc markers are
 * matched a little differently), it gives undefined: a piece must start and end in code for
 * the tools to read it alone as they read it in place.
 */
function scanBlock(text: string, masked: string, start: number, open: number, end: number): { close: number; bodyLines: number[] } | undefined {
  // Open brackets, "B" for a block's body, `${` for an interpolation (code up to its `}`), and
  // `"` for a quoted string.
  const stack: string[] = [];
  let inExpression = 0; // entries that are not "B"
  const bodyLines: number[] = [];
  let lineStart = start;
  let close: number | undefined;
  const push = (entry: string) => (stack.push(entry), entry === "B" || inExpression++);
  SIGNIFICANT.lastIndex = open;
  for (let m = SIGNIFICANT.exec(masked); m && m.index < end; m = SIGNIFICANT.exec(masked)) {
    const i = m.index;
    const c = m[0];
    if (stack[stack.length - 1] === '"') {
      if (c === '"') (stack.pop(), inExpression--);
      else if (c === "\n") return undefined;
      else if ((c === "$" || c === "%") && masked[i + 1] === "{") (push("${"), (SIGNIFICANT.lastIndex = i + 2));
    } else if (c === "\n") {
      lineStart = i + 1;
      if (inExpression === 0 && lineStart < end) bodyLines.push(lineStart);
    } else if (c === "{") push(BLOCK_LINE.test(masked.slice(lineStart, i)) ? "B" : "{");
    else if (c === '"' || c === "[" || c === "(") push(c);
    else if (c === "}" || c === "]" || c === ")") {
      const opened = stack.pop();
      if (opened !== "B") inExpression--;
      if (opened !== OPENERS[c] && !(c === "}" && (opened === "${" || opened === "B"))) return undefined;
      if (stack.length === 0 && close === undefined) close = i;
    } else if (c === "<" && masked[i + 1] === "<") {
      const after = heredocEnd(text, masked, i, end);
      if (after === undefined) return undefined;
      SIGNIFICANT.lastIndex = after;
    }
  }
  if (close === undefined || stack.length > 0) return undefined;
  const lineBreak = masked.indexOf("\n", close);
  return lineBreak === -1 || lineBreak + 1 === end ? { close, bodyLines } : undefined;
}

// The characters scanBlock acts on; it jumps over the rest.
const SIGNIFICANT = /["{}[\]()<\n$%]/g;
// What comes before a block's `{` on its line (a header: a type and labels).
const BLOCK_LINE = new RegExp(`^[ \\t]*${IDENT}(?:[ \\t]+(?:"[^"\\n]*"|${IDENT}))*[ \\t]*$`);

const HEREDOC_OPENER = /<<-?([A-Za-z_][\w-]*)\r?\n/y;

/**
 * The end of the terminator line of the heredoc that opens at `at`, if scan.ts and hclsyntax
 * agree on where it ends: an opener with nothing after the marker, no other body line that
 * trims to the marker (hclsyntax trims all Unicode space, the mask only spaces and tabs), and
 * no interpolation across lines (after one, hclsyntax does not look for the marker).
 */
function heredocEnd(text: string, masked: string, at: number, end: number): number | undefined {
  HEREDOC_OPENER.lastIndex = at;
  const head = HEREDOC_OPENER.exec(text);
  if (!head) return undefined;
  const marker = head[1];
  const terminator = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`);
  for (let line = HEREDOC_OPENER.lastIndex; line < end; ) {
    const stop = lineEnd(text, line);
    const body = text.slice(line, stop);
    if (terminator.test(body)) return stop;
    if (body.replace(/^[\s\u0085]+|[\s\u0085]+$/g, "") === marker || !pairedOnLine(masked, line, stop)) return undefined;
    line = stop + 1;
  }
  return undefined;
}

/** The line's interpolations close on it: braces pair up and quotes come in twos. */
function pairedOnLine(masked: string, from: number, to: number): boolean {
  let depth = 0;
  let quotes = 0;
  for (let i = from; i < to; i++) {
    const c = masked[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
    else if (c === '"') quotes++;
  }
  return depth === 0 && quotes % 2 === 0;
}

/**
 * Makes the value of the code line `name = value` at `from` a hole when the value is simple
 * enough. Code only: where the mask changes nothing but a string's content, the line is not
 * inside a heredoc, a comment or a string.
 */
function attributeHole(text: string, masked: string, from: number, hole: (from: number, to: number, kind: HoleKind) => void): void {
  ATTRIBUTE.lastIndex = from;
  const m = ATTRIBUTE.exec(text);
  if (!m) return;
  const valueStart = from + m[1].length;
  const valueEnd = valueStart + m[2].length;
  const quoted = m[2].startsWith('"');
  const inner = m[2].length - 2;
  // A sticky regex: a loop over the characters cost more, and comparing with a built mask
  // string allocated one per value.
  const masks = quoted ? inner <= LONGEST_HOLE && maskedStringAt(masked, valueStart, valueEnd) : masked.startsWith(m[2], valueStart);
  if (!masks || !masked.startsWith(m[1], from) || !masked.startsWith(m[3], valueEnd)) return;
  hole(valueStart, valueEnd, quoted ? "string" : /^[0-9]/.test(m[2]) ? "integer" : "traversal");
}

// A longer string is left in the skeleton.
const LONGEST_HOLE = 4096;
const MASKED_STRING = /"\u0001*"/y;

/** The mask holds, from `from` to `to`, a quoted string whose content is all masked (a plain string's). */
function maskedStringAt(masked: string, from: number, to: number): boolean {
  MASKED_STRING.lastIndex = from;
  return MASKED_STRING.test(masked) && MASKED_STRING.lastIndex === to;
}

/**
 * Where comments may start: a masked `#`, `//` or `/*`. Strings are masked too, so a string
 * holding one counts, unless it is a hole.
 */
interface CommentStarts {
  flags(start: number, headerEnd: number, lastLine: number, end: number, holeRanges: number[]): CommentLines;
}

function commentStarts(text: string, masked: string): CommentStarts {
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

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

/**
 * topLevelBlocks counts comments right above a header as the block's; here they are gap. At
 * the top level the mask hides nothing but comments, so they are the lines it leaves blank.
 */
function headerStart(masked: string, start: number): number {
  let at = start;
  COMMENT_ONLY.lastIndex = at;
  while (COMMENT_ONLY.test(masked)) at = COMMENT_ONLY.lastIndex;
  return at;
}

const COMMENT_ONLY = /[ \t\r\u0001]*\n/y;

// ---- gaps ---------------------------------------------------------------------------------

/** The gap if it holds only whitespace and complete comments. */
function gapPiece(gap: string): GapPiece | undefined {
  const commentLines = new Set<number>();
  let line = 0;
  let i = 0;
  while (i < gap.length) {
    const c = gap[i];
    if (c === "\n") (line++, i++);
    else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "#" || (c === "/" && gap[i + 1] === "/")) {
      commentLines.add(line);
      i = gap.indexOf("\n", i);
      if (i === -1) i = gap.length;
    } else if (c === "/" && gap[i + 1] === "*") {
      const stop = gap.indexOf("*/", i + 2);
      if (stop === -1) return undefined;
      for (let j = i; j < stop + 2; j++) {
        commentLines.add(line);
        if (gap[j] === "\n") line++;
      }
      i = stop + 2;
    } else return undefined;
  }
  const last = gap.endsWith("\n") ? line - 1 : line;
  return { type: "gap", text: gap, comments: { any: commentLines.size > 0, firstLine: commentLines.has(0), lastLine: commentLines.has(last) } };
}
