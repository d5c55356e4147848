/**
 * One top-level block as a skeleton (see skeleton.ts): its header and labels, the attribute
 * values that become holes, and the checks that the tools will read the block alone as they
 * read it in place.
 */
import { heredocAt, lineEnd } from "./scan";
import type { BlockPiece, CommentLines, Hole, HoleKind } from "./skeleton-pieces";
import { CommentStarts, gapPiece } from "./skeleton-comments";
import { placeholder } from "./skeleton-placeholders";

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

/** The block from `start` to `end` as a piece, or undefined when it cannot be read alone as it reads in place. */
export function blockPiece(text: string, masked: string, start: number, end: number, comments: CommentStarts): BlockPiece | undefined {
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
 * agree on where it ends. scan.ts finds the end (heredocAt); this checks what hclsyntax could
 * read otherwise: an opener with nothing after the marker, no body line before the terminator
 * that trims to the marker (hclsyntax trims all Unicode space, scan.ts only spaces and tabs),
 * and no interpolation across lines (after one, hclsyntax does not look for the marker; while
 * every line pairs up, scan.ts tests each line for the terminator, as hclsyntax does).
 */
function heredocEnd(text: string, masked: string, at: number, end: number): number | undefined {
  HEREDOC_OPENER.lastIndex = at;
  const head = HEREDOC_OPENER.exec(text);
  const found = head ? heredocAt(text, at) : undefined;
  if (!head || !found?.closed || found.end > end) return undefined;
  const terminatorLine = text.lastIndexOf("\n", found.end - 1) + 1;
  for (let line = HEREDOC_OPENER.lastIndex; line < terminatorLine; ) {
    const stop = lineEnd(text, line);
    if (text.slice(line, stop).replace(/^[\s\u0085]+|[\s\u0085]+$/g, "") === head[1] || !pairedOnLine(masked, line, stop)) return undefined;
    line = stop + 1;
  }
  return found.end;
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
