/**
 * Arguments of top-level blocks, read and edited as text so every comment and line stays:
 * where one is, renaming it, its one-line value, and the version of a required_providers entry.
 */
import { maskHcl } from "./scan";
import { HclBlock, lineNumber, matchingBrace, ScannedHcl } from "./blocks";

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

/**
 * The content of a one-line `name = "..."` argument of a block, as written between its quotes
 * (a provider's alias): the first line that starts with it.
 */
export function stringArgument(text: string, scan: ScannedHcl, block: Pick<HclBlock, "start" | "end">, name: string): string | undefined {
  const pattern = new RegExp(`(?:^|\\n)[ \\t]*${name}[ \\t]*=[ \\t]*"`, "g");
  const masked = scan.masked.slice(block.start, block.end);
  for (const m of masked.matchAll(pattern)) {
    const value = /^([^"\n]*)"/.exec(text.slice(block.start + (m.index ?? 0) + m[0].length, block.end));
    if (value) return value[1];
  }
  return undefined;
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
