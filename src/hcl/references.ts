/**
 * References to resources in HCL and template text: traversals `type.name[index].attribute`
 * whose first name is one of some resource types, found in expression code only (never in
 * strings or comments, as hclwrite's RenameVariablePrefix), with what their place tells:
 * inside a `depends_on` list, or the collection of a for expression. What they become is the
 * caller's to decide.
 */
import { maskHcl, maskTemplate } from "./scan";

/** One reference as written. */
export interface Traversal {
  readonly type: string;
  readonly name: string;
  /** The index or splat after the name as written (`[0]`, `["a"]`, `[*]`, `.*`), or "". */
  readonly index: string;
  readonly attribute?: string;
  /** The whole reference as written. */
  readonly text: string;
  /** Where it starts: in the file (HclFile.rewriteBlocks) or in the text given. */
  readonly offset: number;
  /** Inside a `depends_on = [...]` list, or a text that is an address itself: a bare address. */
  readonly inDependsOn: boolean;
  /**
   * When the reference is the collection of a for expression (`for k, v in x : ...`): the
   * only attributes its body reads off the iteration value; absent when the body uses the
   * value otherwise, or the reference is no such collection.
   */
  readonly forReads?: ReadonlySet<string>;
}

/** The new text of a reference, or undefined to keep it. */
export type RenameTraversal = (traversal: Traversal) => string | undefined;

/** Finds and renames the references to resources of some types. */
export class ResourceTraversals {
  private readonly pattern: RegExp;

  constructor(types: readonly string[]) {
    // The index may hold one level of brackets itself: x[local.names["a"]].role.
    this.pattern = new RegExp(`(?<![\\w.-])(${types.join("|")})\\.([A-Za-z_][\\w-]*)(\\[(?:[^\\[\\]\\n]|\\[[^\\[\\]\\n]*\\])*\\]|\\.\\*)?(?:\\.([A-Za-z_]\\w*))?`, "g");
  }

  /** In HCL source (a whole .tf file, or a run of its top-level blocks). */
  renameInHcl(text: string, rename: RenameTraversal): string {
    return this.renameInCode(text, maskHcl(text), 0, rename, true);
  }

  /** In a template string (a Terraform JSON string value): references inside `${...}` and `%{...}`. */
  renameInTemplate(text: string, rename: RenameTraversal): string {
    // Without a brace it is all literal.
    return text.includes("{") ? this.renameInCode(text, maskTemplate(text), 0, rename, false) : text;
  }

  /** In a string that is an address itself (Terraform JSON's depends_on and replace_triggered_by). */
  renameInAddress(text: string, rename: RenameTraversal): string {
    return this.renameInCode(text, text, 0, rename, false, true);
  }

  /**
   * In `text`, given with its mask (scan.ts) and its offset in the file. `findBareLists`: HCL,
   * where a reference may sit in a `depends_on = [...]` list.
   */
  renameInCode(text: string, masked: string, base: number, rename: RenameTraversal, findBareLists: boolean, inDependsOn = false): string {
    let result = "";
    let last = 0;
    const inBareList = findBareLists ? bareListTest(masked) : () => false;
    for (const match of masked.matchAll(this.pattern)) {
      const at = match.index ?? 0;
      const end = at + match[0].length;
      const [, type, name, , attribute] = match;
      const written = text.slice(at, end);
      const forReads = match[3] === undefined && attribute === undefined ? forBodyReads(masked, at, end) : undefined;
      // The index is read from the source, not the masked copy, so `foo["a"]` keeps its key.
      const index = written.slice(type.length + 1 + name.length, attribute === undefined ? undefined : written.length - attribute.length - 1);
      const renamed = rename({ type, name, index, attribute, text: written, offset: base + at, inDependsOn: inDependsOn || inBareList(at), forReads });
      result += text.slice(last, at) + (renamed ?? written);
      last = end;
    }
    return last === 0 ? text : result + text.slice(last);
  }
}

/**
 * When masked[at, end) is the collection of a for expression (`[for v in x : ...]`,
 * `{for k, v in x : ...}`): the attributes its body reads off the iteration value, or undefined
 * if the body uses the value any other way (whole, indexed) or this is no for expression.
 */
function forBodyReads(masked: string, at: number, end: number): Set<string> | undefined {
  const head = /[[{]\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s+$/.exec(masked.slice(Math.max(0, at - 256), at));
  const colon = /^\s*:/.exec(masked.slice(end, end + 256));
  if (!head || !colon) return undefined;
  const value = head[2] ?? head[1];
  // The body runs to the bracket that closes the for expression.
  const start = end + colon[0].length;
  let depth = 0;
  let stop = start;
  for (; stop < masked.length && depth >= 0; stop++) {
    const c = masked[stop];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
  }
  const body = masked.slice(start, depth < 0 ? stop - 1 : stop);
  const reads = new Set<string>();
  for (const use of body.matchAll(new RegExp(`(?<![\\w.-])${value}(?![\\w-])(\\s*\\.\\s*([A-Za-z_]\\w*))?`, "g"))) {
    if (use[2] === undefined) return undefined;
    reads.add(use[2]);
  }
  return reads;
}

/**
 * A test for offsets taken in increasing order: true when `at` is inside the list of a
 * `depends_on = [` (masked HCL, so no string or comment fools it). The last `[` and `]` at or
 * before `at` are tracked as the offsets grow; lastIndexOf from each offset would scan back to
 * the start of the text when it holds no bracket, O(references x length) on one large file.
 */
function bareListTest(masked: string): (at: number) => boolean {
  let scanned = 0;
  let open = -1;
  let close = -1;
  return (at) => {
    for (; scanned <= at && scanned < masked.length; scanned++) {
      const c = masked.charCodeAt(scanned);
      if (c === 91) open = scanned;
      else if (c === 93) close = scanned;
    }
    if (open === -1 || close > open) return false;
    return /(?:^|[^\w-])depends_on\s*=\s*$/.test(masked.slice(Math.max(0, open - 64), open));
  };
}
