/**
 * What parse.ts keeps per block skeleton, and how it puts a file's document together.
 * hcl2json reads a file as `{type: {label: {label: [body, ...]}}}`: blocks merged by type and
 * labels, bodies listed in source order, and every map's keys sorted (Go's encoding/json sorts
 * them by UTF-8 bytes, which is code point order). A skeleton's reading gives its block's path
 * and body with placeholders for the holes; each block of that shape puts its own values in the
 * body's JSON text, and the file's JSON is written in hcl2json's layout and read with one
 * JSON.parse, which makes `__proto__` an own key as hcl2json's reader does.
 */
import { hasPlaceholder, Hole, placeholderIndex } from "./skeleton";
import { isObject } from "./tf-json";

/** One block shape, compiled from hcl2json's reading of its skeleton. */
export interface Fragment {
  /** The block type, then each label: as hcl2json keys it, or the index of the hole holding it. */
  readonly path: readonly (string | number)[];
  /** The body's JSON text around its placeholders: text, then after each slot the text that follows. */
  readonly texts: readonly string[];
  readonly slots: readonly Slot[];
}

/** A placeholder in the body: a whole string value, or (quotes escaped) inside an expression's source. */
interface Slot {
  readonly hole: number;
  readonly inSource: boolean;
}

// In a body's JSON text a placeholder is either a whole string or, with escaped quotes, part of
// an expression's source, which hcl2json copies as written. As an object key it is unexpected.
const IN_JSON = /\\"\uE000(\d+)\uE001\\"|"\uE000(\d+)\uE001"(:?)/g;

/**
 * The fragment for hcl2json's reading of a block skeleton (`{type: {label: [body]}}`), or
 * undefined when it has anything unexpected: then files with that block are parsed whole.
 */
export function compileFragment(reading: unknown, kind: string, labelCount: number): Fragment | undefined {
  if (!isObject(reading) || Object.keys(reading).length !== 1 || !Object.hasOwn(reading, kind)) return undefined;
  const path: (string | number)[] = [kind];
  let node: unknown = reading[kind];
  for (let i = 0; i < labelCount; i++) {
    if (!isObject(node)) return undefined;
    const keys = Object.keys(node);
    if (keys.length !== 1) return undefined;
    const hole = placeholderIndex(keys[0]);
    if (hole === undefined && hasPlaceholder(keys[0])) return undefined;
    path.push(hole ?? keys[0]);
    node = node[keys[0]];
  }
  // JSON text cannot hold -0 or an infinity (1e999): such a block's file is parsed whole.
  if (!Array.isArray(node) || node.length !== 1 || !survivesJson(node[0])) return undefined;
  const json = JSON.stringify(node[0]);
  const texts: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const m of json.matchAll(IN_JSON)) {
    if (m[3] === ":") return undefined;
    texts.push(json.slice(last, m.index));
    slots.push({ hole: Number(m[1] ?? m[2]), inSource: m[1] !== undefined });
    last = (m.index as number) + m[0].length;
  }
  texts.push(json.slice(last));
  return texts.some(hasPlaceholder) ? undefined : { path, texts, slots };
}

/** A block to put in a document: its shape's fragment and its own values. */
export interface FilledBlock {
  readonly fragment: Fragment;
  readonly holes: readonly Hole[];
}

type Level = Map<string, Level | string[]>;

/**
 * The document hcl2json gives for a file of these blocks, in order; undefined where hcl2json
 * would fail or a value does not fit its place (then the file is parsed whole, and any error is
 * hcl2json's own).
 */
export function assembleDocument(blocks: readonly FilledBlock[]): Record<string, unknown> | undefined {
  const root: Level = new Map();
  for (const { fragment, holes } of blocks) {
    const body = bodyJson(fragment, holes);
    if (body === undefined) return undefined;
    let level = root;
    for (let i = 0; i < fragment.path.length; i++) {
      const step = fragment.path[i];
      const key = typeof step === "string" ? step : labelValue(holes[step]);
      if (key === undefined) return undefined;
      const existing = level.get(key);
      if (i === fragment.path.length - 1) {
        if (existing === undefined) level.set(key, [body]);
        else if (Array.isArray(existing)) existing.push(body);
        // A key both a list and a map of labels (`x {}` and `x "l" {}`): hcl2json fails.
        else return undefined;
      } else if (existing === undefined) {
        const next: Level = new Map();
        level.set(key, next);
        level = next;
      } else if (Array.isArray(existing)) return undefined;
      else level = existing;
    }
  }
  return JSON.parse(levelJson(root));
}

function bodyJson(fragment: Fragment, holes: readonly Hole[]): string | undefined {
  let out = fragment.texts[0];
  for (let i = 0; i < fragment.slots.length; i++) {
    const slot = fragment.slots[i];
    const hole = holes[slot.hole];
    if (!hole || hole.kind === "label") return undefined;
    out += (slot.inSource ? JSON.stringify(hole.source).slice(1, -1) : JSON.stringify(valueOf(hole))) + fragment.texts[i + 1];
  }
  return out;
}

/** What hcl2json makes of a value standing alone: a string's content, an integer, a reference in `${}`. */
function valueOf(hole: Hole): string | number {
  if (hole.kind === "integer") return Number(hole.source);
  if (hole.kind === "traversal") return "${" + hole.source + "}";
  return hole.source.slice(1, -1);
}

/** A label is a key: its content if quoted. */
function labelValue(hole: Hole | undefined): string | undefined {
  if (!hole || hole.kind !== "label") return undefined;
  return hole.source.startsWith('"') ? hole.source.slice(1, -1) : hole.source;
}

function levelJson(level: Level): string {
  let out = "{";
  for (const key of [...level.keys()].sort(byCodePoint)) {
    const value = level.get(key) as Level | string[];
    out += `${out === "{" ? "" : ","}${JSON.stringify(key)}:${Array.isArray(value) ? `[${value.join(",")}]` : levelJson(value)}`;
  }
  return `${out}}`;
}

function byCodePoint(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

function survivesJson(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (isObject(value)) return Object.values(value).every(survivesJson);
  return true;
}
