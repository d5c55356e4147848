/**
 * Which comments of a .tf file belong to which block: those right above a block go with it
 * (when it is removed, or carried to what replaces it), and inside it, to the argument they
 * sit on or above.
 */
import { hclComments, lineEnd, maskHcl } from "./scan";

/**
 * Comment lines directly above a block describe it, so they go with it: `#` and `//` lines,
 * and a `/* ... *\/` comment that starts its own line and ends the line above.
 */
export function withLeadingComments(text: string, start: number): number {
  let at = start;
  for (;;) {
    const prevEnd = at - 1;
    if (prevEnd <= 0) return at;
    const prevStart = text.lastIndexOf("\n", prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd);
    if (/^[ \t]*(#|\/\/)/.test(line)) at = prevStart;
    else if (/\*\/[ \t]*\r?$/.test(line)) {
      const open = text.lastIndexOf("/*", prevEnd);
      const openLine = text.lastIndexOf("\n", open) + 1;
      // Only a comment alone on its lines: nothing before `/*`, and no other `*/` inside it.
      if (open === -1 || !/^[ \t]*$/.test(text.slice(openLine, open)) || text.indexOf("*/", open + 2) < prevStart + line.lastIndexOf("*/")) return at;
      at = openLine;
    } else return at;
  }
}

/** Comments written on a block, as written (markers included), by where they sit. */
export interface CarriedComments {
  /** Above the block, and any inside it that belong to no argument. */
  readonly above: string[];
  /** By argument (or nested block) name: comment lines above it, and one after it on its first line. */
  readonly args: Readonly<Record<string, { readonly above: string[]; readonly trailing?: string }>>;
}

/**
 * The comments of one block (with those right above it): a comment on an argument's line or
 * on the lines just above it belongs to that argument, the others to the block.
 */
export function blockComments(text: string, block: { readonly start: number; readonly end: number }): CarriedComments | undefined {
  const source = text.slice(block.start, block.end);
  const comments = hclComments(source);
  if (comments.length === 0) return undefined;
  const masked = maskHcl(source);
  const open = masked.search(/\{/);
  const items = bodyItems(masked, open + 1);
  const above: string[] = [];
  const args: Record<string, { above: string[]; trailing?: string }> = {};
  const arg = (name: string) => (args[name] ??= { above: [] });
  for (const c of comments) {
    const written = source.slice(c.start, c.end);
    const lineStart = source.lastIndexOf("\n", c.start - 1) + 1;
    const item = c.start > source.indexOf("\n", open) ? items.find((i) => i.start <= c.start && c.start < i.end) ?? items.find((i) => i.start > c.end) : undefined;
    if (!item) above.push(written);
    else if (c.start > item.start && lineStart <= item.start && masked.slice(lineStart, c.start).trim() !== "") arg(item.name).trailing = written;
    else arg(item.name).above.push(written);
  }
  return { above, args };
}

/** The arguments and nested blocks of a block body, each from its line's start to past its last line. */
function bodyItems(masked: string, from: number): { name: string; start: number; end: number }[] {
  const items: { name: string; start: number; end: number }[] = [];
  let depth = 0;
  let lineStart = true;
  for (let i = from; i < masked.length; i++) {
    const c = masked[i];
    if (c === "\n") {
      lineStart = true;
      if (depth === 0 && items.length > 0 && items[items.length - 1].end === -1) items[items.length - 1].end = i;
      continue;
    }
    if (lineStart && depth === 0 && c !== " " && c !== "\t" && c !== "\r") {
      const name = /^[A-Za-z_][\w-]*/.exec(masked.slice(i, i + 100))?.[0];
      if (name) items.push({ name, start: masked.lastIndexOf("\n", i) + 1, end: -1 });
    }
    if (c !== " " && c !== "\t") lineStart = false;
    if (c === "{" || c === "[" || c === "(") depth++;
    else if (c === "}" || c === "]" || c === ")") {
      if (depth === 0) break;
      depth--;
    }
  }
  for (const item of items) if (item.end === -1) item.end = masked.length;
  return items;
}

/** Comments to write on one block (writeComments): where it starts, and where each argument of it starts. */
export interface CommentsToWrite {
  readonly start: number;
  readonly comments: CarriedComments;
  readonly argumentAt: (name: string) => number | undefined;
}

/**
 * The text with comments written on blocks, where blockComments finds them: lines above a
 * block, lines above an argument with its indentation, one after an argument on its first
 * line, with the text's own line breaks. The comments of an argument the block does not have,
 * or of a nested block (only arguments are looked for), go above the block. Unformatted:
 * hclwrite lines up the comments at the ends of lines.
 */
export function writeComments(text: string, blocks: readonly CommentsToWrite[]): string {
  const inserts: { at: number; text: string }[] = [];
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = (comments: readonly string[], indent = "") => comments.map((c) => `${indent}${c}${newline}`).join("");
  for (const { start, comments, argumentAt } of blocks) {
    const above = [...comments.above];
    const inBlock: { at: number; text: string }[] = [];
    for (const [name, arg] of Object.entries(comments.args)) {
      const at = argumentAt(name);
      if (at === undefined) {
        above.push(...arg.above, ...(arg.trailing ? [arg.trailing] : []));
        continue;
      }
      const lineStart = text.lastIndexOf("\n", at - 1) + 1;
      if (arg.above.length > 0) inBlock.push({ at: lineStart, text: lines(arg.above, /^[ \t]*/.exec(text.slice(lineStart))?.[0]) });
      if (arg.trailing) {
        const end = lineEnd(text, at);
        inBlock.push({ at: text[end - 1] === "\r" ? end - 1 : end, text: ` ${arg.trailing}` });
      }
    }
    if (above.length > 0) inserts.push({ at: start, text: lines(above) });
    inserts.push(...inBlock);
  }
  // Stable: inserts at one offset keep the order they were made in.
  const ordered = inserts.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let out = "";
  let copied = 0;
  for (const e of ordered) {
    out += text.slice(copied, e.at) + e.text;
    copied = e.at;
  }
  return out + text.slice(copied);
}
