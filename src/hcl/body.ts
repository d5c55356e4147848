/**
 * Bodies and attributes, in the spirit of hclwrite's Body: the body of a block (or of an
 * object value, `{ source = "x" }`), its attributes and nested blocks, and an attribute set to
 * another expression as a text edit that keeps every comment and other line byte for byte.
 * Everything is read on the mask (scan.ts), so strings, heredocs and comments never confuse it.
 */
import { heredocAt, maskHcl } from "./scan";
import { HclBlock, lineNumber, matchingBrace } from "./blocks";

/** The inside of a block or object: its braces' offsets. In an object, items may be separated by commas. */
export interface HclBody {
  readonly open: number;
  readonly close: number;
  readonly object: boolean;
}

/** An attribute or nested block of a body, where it is written. */
export interface BodyItem {
  readonly kind: "attribute" | "block";
  /** The name (an object's quoted key without its quotes), or a nested block's type. */
  readonly name: string;
  readonly start: number;
  /** Past the name as written (a quoted key's closing quote included). */
  readonly nameEnd: number;
  /** An attribute's value: from its first character to past its last, comments after it excluded. A block: its `{` and past its `}`. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** An attribute of a body, with its value as written. */
export interface HclAttribute extends BodyItem {
  readonly kind: "attribute";
  readonly value: string;
}

/** A top-level block's header (comments above it are masked), up to its `{`; labels may hold `${`. */
const HEADER = /[A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/g;
const LABELS = /(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/y;
const NAME = /[A-Za-z_][\w-]*/y;
const GAP = /[ \t\r\n,\u0001]*/y;
const SPACES = /[ \t]*/y;

/** The body of a top-level block. */
export function blockBody(masked: string, block: Pick<HclBlock, "start">): HclBody {
  HEADER.lastIndex = block.start;
  const header = HEADER.exec(masked);
  const open = header ? header.index + header[0].length - 1 : masked.indexOf("{", block.start);
  return { open, close: matchingBrace(masked, open), object: false };
}

/** The attributes and nested blocks written at a body's own level, in order. */
export function bodyItems(text: string, masked: string, body: HclBody): BodyItem[] {
  const items: BodyItem[] = [];
  let i = skip(GAP, masked, body.open + 1);
  while (i < body.close) {
    const item = itemAt(text, masked, body, i);
    if (item) items.push(item);
    // Something that is neither (a broken line) is passed over to its line's end.
    const next = item ? (item.kind === "block" ? item.valueEnd : expressionEnd(text, masked, item.valueEnd, body)) : expressionEnd(text, masked, i, body);
    i = skip(GAP, masked, Math.max(next, i + 1));
  }
  return items;
}

/** The first nested block of a type at a body's own level. */
export function nestedBlock(text: string, masked: string, body: HclBody, type: string): HclBody | undefined {
  const found = bodyItems(text, masked, body).find((item) => item.kind === "block" && item.name === type);
  return found && { open: found.valueStart, close: found.valueEnd - 1, object: false };
}

/** Attribute `name` at a body's own level (not in nested blocks or values); undefined when it has none. */
export function attribute(text: string, masked: string, body: HclBody, name: string): HclAttribute | undefined {
  const found = bodyItems(text, masked, body).find((item) => item.kind === "attribute" && item.name === name);
  return found && { ...found, kind: "attribute", value: text.slice(found.valueStart, found.valueEnd) };
}

/** The body of an attribute whose value is an object, `{ ... }`. */
export function objectBody(masked: string, value: Pick<BodyItem, "valueStart" | "valueEnd">): HclBody | undefined {
  const close = value.valueEnd - 1;
  if (masked[value.valueStart] !== "{" || matchingBrace(masked, value.valueStart) !== close) return undefined;
  return { open: value.valueStart, close, object: true };
}

/**
 * The text with attribute `name` of a body set to `expression`, and the attribute's 1-based line.
 * A written value is replaced. Otherwise a `name = expression` line goes before the body's
 * closing brace, indented and with its `=` lined up as terraform fmt would (the lines above move
 * when their `=` must), or inline in a one-line object. A multi-line expression is given as at
 * column 0: its later lines are indented with the attribute (a heredoc's too).
 */
export function setAttribute(text: string, masked: string, body: HclBody, name: string, expression: string): { text: string; line: number } {
  const found = attribute(text, masked, body, name);
  if (found) return { text: splice(text, found.valueStart, found.valueEnd, expression), line: lineNumber(text, found.valueStart) };
  const { open, close } = body;
  // Added lines end as the file's lines do.
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  const oneLine = !masked.slice(open, close).includes("\n");
  if (oneLine && body.object) {
    const inner = text.slice(open + 1, close).trimEnd();
    const sep = inner.trim() === "" || inner.endsWith(",") ? " " : ", ";
    return { text: splice(text, open + 1, close, `${inner}${sep}${name} = ${expression} `), line: lineNumber(text, open + 1) };
  }
  const closeLine = text.lastIndexOf("\n", close) + 1;
  const closeIndent = skipped(SPACES, text, closeLine);
  if (oneLine && masked.slice(open + 1, close).trim() !== "") {
    // A one-line block holds one argument: it is opened up onto lines of its own first.
    const from = skip(SPACES, masked, open + 1);
    const to = open + 1 + masked.slice(open + 1, close).trimEnd().length;
    const opened = (s: string) => `${s.slice(0, open + 1)}${nl}${closeIndent}  ${s.slice(from, to)}${nl}${closeIndent}${s.slice(close)}`;
    const grown = opened(text).length - text.length;
    return setAttribute(opened(text), opened(masked), { ...body, close: close + grown }, name, expression);
  }
  const indented = (indent: string) => expression.replace(/\r?\n(?=[^\r\n])/g, `${nl}${indent}`).replace(/\r?\n(?=\r?\n|$)/g, nl);
  if (masked.slice(closeLine, close).trim() !== "") {
    const indent = `${closeIndent}  `;
    return { text: splice(text, close, close, `${nl}${indent}${name} = ${indented(indent)}${nl}${closeIndent}`), line: lineNumber(text, close) + 1 };
  }
  return addLine(text, masked, body, closeLine, closeIndent, name, indented, nl);
}

/** `name = expression` on a line of its own before the closing brace's line, lined up with the arguments right above. */
function addLine(text: string, masked: string, body: HclBody, closeLine: number, closeIndent: string, name: string, indented: (indent: string) => string, nl: string): { text: string; line: number } {
  const chain = alignedAbove(text, masked, body, closeLine);
  const indent = chain.length > 0 ? skipped(SPACES, text, text.lastIndexOf("\n", chain[chain.length - 1].start) + 1) : `${closeIndent}  `;
  // terraform fmt lines up the `=` of adjacent one-line arguments; a value that opens lines of its own is not one.
  const joins = chain.length > 0 && balancedFirstLine(maskHcl(indented(indent)));
  const column = (item: BodyItem) => skip(SPACES, masked, item.nameEnd) - item.start;
  const width = joins ? Math.max(name.length + 1, ...chain.map(column)) : name.length + 1;
  let out = splice(text, closeLine, closeLine, `${indent}${name}${" ".repeat(width - name.length)}= ${indented(indent)}${nl}`);
  if (joins) {
    for (const item of [...chain].reverse()) {
      if (column(item) < width) out = splice(out, item.nameEnd, item.start + column(item), " ".repeat(width - (item.nameEnd - item.start)));
    }
  }
  return { text: out, line: lineNumber(text, closeLine) };
}

/** The one-line attributes on the lines right above `line`, each on its own line, with no other line between: what fmt aligns. */
function alignedAbove(text: string, masked: string, body: HclBody, line: number): BodyItem[] {
  const items = bodyItems(text, masked, body);
  const chain: BodyItem[] = [];
  let below = line;
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    const lineStart = masked.lastIndexOf("\n", item.start) + 1;
    const lineEnd = masked.indexOf("\n", item.valueEnd);
    const heredoc = masked.startsWith("<<", item.valueStart);
    const oneLine = heredoc || !masked.slice(item.valueStart, item.valueEnd).includes("\n");
    if (item.kind !== "attribute" || lineEnd + 1 !== below || masked.slice(lineStart, item.start).trim() !== "" || !oneLine) break;
    if (!heredoc && !balancedFirstLine(masked.slice(item.valueStart, lineEnd))) break;
    chain.unshift(item);
    below = lineStart;
  }
  return chain;
}

/** fmt aligns an argument only when its line's brackets balance (it does not open a multi-line value). */
function balancedFirstLine(masked: string): boolean {
  const first = masked.split("\n", 1)[0];
  return (first.match(/[([{]/g)?.length ?? 0) === (first.match(/[)\]}]/g)?.length ?? 0);
}

/** The attribute or nested block whose name is at `i`, if one is. */
function itemAt(text: string, masked: string, body: HclBody, i: number): BodyItem | undefined {
  let name: string;
  let nameEnd: number;
  NAME.lastIndex = i;
  const bare = NAME.exec(masked);
  if (bare) [name, nameEnd] = [bare[0], i + bare[0].length];
  else if (body.object && masked[i] === '"' && masked.indexOf('"', i + 1) > i) [name, nameEnd] = [text.slice(i + 1, masked.indexOf('"', i + 1)), masked.indexOf('"', i + 1) + 1];
  else return undefined;
  const sign = skip(SPACES, masked, nameEnd);
  if ((masked[sign] === "=" && masked[sign + 1] !== "=") || (body.object && masked[sign] === ":")) {
    const valueStart = skip(SPACES, masked, sign + 1);
    const end = expressionEnd(text, masked, valueStart, body);
    let valueEnd = end;
    while (valueEnd > valueStart && /[\s\u0001]/.test(masked[valueEnd - 1])) valueEnd--;
    return { kind: "attribute", name, start: i, nameEnd, valueStart, valueEnd };
  }
  LABELS.lastIndex = nameEnd;
  const header = body.object ? null : LABELS.exec(masked);
  if (!header) return undefined;
  const open = nameEnd + header[0].length - 1;
  return { kind: "block", name, start: i, nameEnd, valueStart: open, valueEnd: matchingBrace(masked, open) + 1 };
}

/** Where an expression from `from` ends: a line break (or an object's comma) outside brackets and heredocs, or the body's closing brace. */
function expressionEnd(text: string, masked: string, from: number, body: HclBody): number {
  let depth = 0;
  for (let i = from; i < body.close; i++) {
    const c = masked[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === "\n" || (c === "," && body.object))) return i;
    else if (c === "<" && masked[i + 1] === "<") i = Math.max(i, (heredocAt(text, i)?.end ?? 0) - 1);
  }
  return body.close;
}

function skip(pattern: RegExp, s: string, from: number): number {
  return from + skipped(pattern, s, from).length;
}

function skipped(pattern: RegExp, s: string, from: number): string {
  pattern.lastIndex = from;
  return pattern.exec(s)?.[0] ?? "";
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}
