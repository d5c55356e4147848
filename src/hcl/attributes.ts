/**
 * Arguments of top-level blocks, read and edited as text so every comment and line stays:
 * where one is, renaming it, its value, and the version of a required_providers entry. All are
 * body.ts's attributes and bodies put to one use.
 */
import { HclBlock, lineNumber, ScannedHcl } from "./blocks";
import { attribute, blockBody, HclAttribute, HclBody, nestedBlock, objectBody, setAttribute } from "./body";

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
    const list = nestedBlock(text, masked, blockBody(masked, block), "required_providers");
    if (!list) continue;
    const entry = attribute(text, masked, list, name);
    if (!entry) {
      // No entry: one is added before the list's closing brace, with the source Terraform needs.
      const object = (c: string) => `{\n  source  = ${JSON.stringify(source)}\n  version = ${JSON.stringify(c)}\n}`;
      return { write: (c) => { const added = setAttribute(text, masked, list, name, object(c)); return { text: added.text, line: added.line + 2 }; } };
    }
    if (quotedContent(entry) !== undefined) return stringSite(text, masked, list, entry);
    const body = objectBody(masked, entry);
    if (!body) return undefined;
    const version = attribute(text, masked, body, "version");
    if (version && quotedContent(version) !== undefined) return stringSite(text, masked, body, version);
    return { write: (c) => setAttribute(text, masked, body, "version", JSON.stringify(c)) };
  }
  return undefined;
}

/** Where argument `name` of a block starts (at the block's own level, not in nested blocks). */
export function argumentOffset(text: string, scan: ScannedHcl, block: HclBlock, name: string): number | undefined {
  return attribute(text, scan.masked, blockBody(scan.masked, block), name)?.start;
}

/**
 * Renames argument `from` of a block to `to`; its value, comments and the rest of the layout
 * stay. Undefined when the block has no `from`.
 */
export function renameArgument(text: string, scan: ScannedHcl, block: HclBlock, from: string, to: string): { text: string; line: number } | undefined {
  const at = argumentOffset(text, scan, block, from);
  return at === undefined ? undefined : { text: text.slice(0, at) + to + text.slice(at + from.length), line: lineNumber(text, at) };
}

/** The `name = <expression>` argument of a block, as written (a removed block's `from`, an import's `to`). */
export function blockArgument(text: string, scan: ScannedHcl, block: Pick<HclBlock, "start">, name: string): string | undefined {
  return attribute(text, scan.masked, blockBody(scan.masked, block), name)?.value;
}

/** The content of a `name = "..."` argument of a block, as written between its quotes (a provider's alias). */
export function stringArgument(text: string, scan: ScannedHcl, block: Pick<HclBlock, "start">, name: string): string | undefined {
  const found = attribute(text, scan.masked, blockBody(scan.masked, block), name);
  return found && /^"([^"\n]*)"/.exec(found.value)?.[1];
}

/** A quoted value's content as written, when the value is one quoted string. */
function quotedContent(value: HclAttribute): string | undefined {
  return /^"[^\n]*"$/.test(value.value) ? value.value.slice(1, -1) : undefined;
}

/** A quoted constraint: the string is replaced. */
function stringSite(text: string, masked: string, body: HclBody, value: HclAttribute): RequiredProviderSite {
  return { previous: quotedContent(value), write: (c) => setAttribute(text, masked, body, value.name, JSON.stringify(c)) };
}
