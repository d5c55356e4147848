import { hclComments, maskHcl } from "./scan";

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

/** A .tf file's mask (scan.ts) and its top-level blocks: what the parse cache and the planner both read. */
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

function matchingBrace(masked: string, open: number): number {
  let depth = 0;
  BRACE.lastIndex = open;
  for (let m = BRACE.exec(masked); m; m = BRACE.exec(masked)) {
    if (m[0] === "{") depth++;
    else if (--depth === 0) return m.index;
  }
  return masked.length - 1;
}

/**
 * Comment lines directly above a block describe it, so they go with it: `#` and `//` lines,
 * and a `/* ... *\/` comment that starts its own line and ends the line above.
 */
function withLeadingComments(text: string, start: number): number {
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
export function blockComments(text: string, block: Pick<HclBlock, "start" | "end">): CarriedComments | undefined {
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

/**
 * Where a `terraform { required_providers { <name> = ... } }` entry of a .tf file says its
 * version, and how to write another there: a text edit that keeps every comment and line.
 */
export interface RequiredProviderSite {
  /** The version constraint written there; undefined when there is none (or no entry at all). */
  readonly previous?: string;
  /** The text with `constraint` written in the entry (added, with `source`, when the list has none), and its 1-based line. */
  readonly write: (constraint: string) => { readonly text: string; readonly line: number };
}

/** The entry for provider `name` in the first required_providers list of a file's terraform blocks, if it has a list. */
export function requiredProviderSite(text: string, scan: ScannedHcl, name: string, source: string): RequiredProviderSite | undefined {
  const { masked } = scan;
  for (const block of scan.blocks) {
    if (block.kind !== "terraform") continue;
    const list = nestedBlock(masked, block, /\brequired_providers[ \t]*\{/g);
    if (!list) continue;
    const at = (offset: number, insert: string, cut = 0) => ({ text: text.slice(0, offset) + insert + text.slice(offset + cut), line: lineNumber(text, offset) });
    const entry = depthZero(masked, list.open + 1, list.close, new RegExp(`(?<![\\w-])${name}[ \\t]*=[ \\t]*`, "g"));
    if (!entry) {
      // No entry: one is added before the list's closing brace, with the source Terraform needs.
      const closeLine = text.lastIndexOf("\n", list.close) + 1;
      const indent = /^[ \t]*/.exec(text.slice(closeLine))?.[0] ?? "";
      const own = masked.slice(closeLine, list.close).trim() === "";
      const lines = (c: string, i: string) => `${i}${name} = {\n${i}  source  = ${JSON.stringify(source)}\n${i}  version = ${JSON.stringify(c)}\n${i}}\n`;
      return {
        write: (c) => {
          const edit = own ? at(closeLine, lines(c, `${indent}  `)) : at(list.close, `\n${lines(c, `${indent}  `)}${indent}`);
          return { text: edit.text, line: edit.line + (own ? 2 : 3) };
        },
      };
    }
    const value = entry.index + entry[0].length;
    if (masked[value] === '"') return stringSite(text, masked, value, at);
    if (masked[value] !== "{") return undefined;
    const close = matchingBrace(masked, value);
    const version = depthZero(masked, value + 1, close, /(?<![\w-])version[ \t]*=[ \t]*"/g);
    if (version) return stringSite(text, masked, version.index + version[0].length - 1, at);
    return { write: (c) => addVersion(text, masked, value, close, c, at) };
  }
  return undefined;
}

/** Where argument `name` of a block starts (at the block's own level, not in nested blocks). */
export function argumentOffset(scan: ScannedHcl, block: HclBlock, name: string): number | undefined {
  const open = scan.masked.indexOf("{", block.start);
  return depthZero(scan.masked, open + 1, matchingBrace(scan.masked, open), new RegExp(`(?<![\\w-])${name}(?=[ \\t]*=)`, "g"))?.index;
}

/**
 * Renames argument `from` of a block to `to`; its value, comments and the rest of the layout
 * stay. Undefined when the block has no `from`.
 */
export function renameArgument(text: string, scan: ScannedHcl, block: HclBlock, from: string, to: string): { text: string; line: number } | undefined {
  const at = argumentOffset(scan, block, from);
  return at === undefined ? undefined : { text: text.slice(0, at) + to + text.slice(at + from.length), line: lineNumber(text, at) };
}

/** The one-line `name = <expression>` argument of a block, as written (a removed block's `from`, an import's `to`). */
export function blockArgument(text: string, block: Pick<HclBlock, "start" | "end">, name: string): string | undefined {
  const source = text.slice(block.start, block.end);
  const masked = maskHcl(source);
  const m = new RegExp(`(^|\\n)[ \\t]*${name}[ \\t]*=[ \\t]*([^\\n]*)`).exec(masked);
  if (!m) return undefined;
  // A comment after the expression is masked: it ends where the masked expression does.
  const start = m.index + m[0].length - m[2].length;
  return source.slice(start, start + m[2].replace(/[\u0001\s]+$/, "").length);
}

type Edit = (offset: number, insert: string, cut?: number) => { text: string; line: number };

/** A quoted constraint at `quote`: its content is replaced. */
function stringSite(text: string, masked: string, quote: number, at: Edit): RequiredProviderSite {
  const end = masked.indexOf('"', quote + 1);
  const previous = text.slice(quote + 1, end);
  return { previous, write: (c) => at(quote + 1, JSON.stringify(c).slice(1, -1), previous.length) };
}

/** `version = "..."` added to an object entry: on its own line, aligned as terraform fmt aligns, or inline in a one-line object. */
function addVersion(text: string, masked: string, open: number, close: number, constraint: string, at: Edit): { text: string; line: number } {
  const quoted = JSON.stringify(constraint);
  if (!masked.slice(open, close).includes("\n")) {
    const inner = text.slice(open + 1, close).trimEnd();
    const sep = inner.trim() === "" || inner.endsWith(",") ? " " : ", ";
    return at(open + 1, `${inner}${sep}version = ${quoted} `, close - open - 1);
  }
  const closeLine = text.lastIndexOf("\n", close) + 1;
  const closeIndent = /^[ \t]*/.exec(text.slice(closeLine))?.[0] ?? "";
  if (masked.slice(closeLine, close).trim() !== "") return at(close, `\n${closeIndent}  version = ${quoted}\n${closeIndent}`);
  const prevLine = text.lastIndexOf("\n", closeLine - 2) + 1;
  const prev = /^([ \t]*)([A-Za-z_][\w-]*)([ \t]*)=/.exec(text.slice(prevLine, closeLine));
  if (!prev) return at(closeLine, `${closeIndent}  version = ${quoted}\n`);
  const indent = prev[1];
  // terraform fmt lines up the `=` of adjacent arguments: the previous one moves when it is shorter.
  const width = Math.max(prev[2].length + prev[3].length - 1, "version".length);
  const widened = `${prev[1]}${prev[2]}${" ".repeat(width - prev[2].length + 1)}`;
  const cut = prev[0].length - 1;
  const moved = text.slice(0, prevLine) + widened + text.slice(prevLine + cut);
  const shift = widened.length - cut;
  const line = lineNumber(moved, closeLine + shift);
  return { text: moved.slice(0, closeLine + shift) + `${indent}version${" ".repeat(width - 6)}= ${quoted}\n` + moved.slice(closeLine + shift), line };
}

/** A nested block opened by `header` at the top level of `block`'s body. */
function nestedBlock(masked: string, block: HclBlock, header: RegExp): { open: number; close: number } | undefined {
  // Comments above the block are masked, so the first brace is the block's own.
  const bodyOpen = masked.indexOf("{", block.start);
  const found = depthZero(masked, bodyOpen + 1, matchingBrace(masked, bodyOpen), header);
  if (!found) return undefined;
  const brace = found.index + found[0].length - 1;
  return { open: brace, close: matchingBrace(masked, brace) };
}

/** The first match of `pattern` in masked[from, to) that is not inside a nested brace, bracket or parenthesis. */
function depthZero(masked: string, from: number, to: number, pattern: RegExp): RegExpExecArray | undefined {
  pattern.lastIndex = from;
  for (let m = pattern.exec(masked); m && m.index < to; m = pattern.exec(masked)) {
    let depth = 0;
    for (let i = from; i < m.index; i++) {
      const c = masked[i];
      if (c === "{" || c === "[" || c === "(") depth++;
      else if (c === "}" || c === "]" || c === ")") depth--;
    }
    if (depth === 0) return m;
  }
  return undefined;
}
