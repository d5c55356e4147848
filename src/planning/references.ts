import { maskHcl, maskTemplate } from "../hcl/scan";
import { isObject, TfValue } from "../hcl/tf-json";

/** Where one legacy key's references go. */
export interface ReferenceTarget {
  /** Address of the token that replaces the key. */
  readonly token: string;
  /** Address of the service account that holds the token. */
  readonly account: string;
  /** False when the account is shared (per-role), so an instance key must be dropped. */
  readonly accountHasSameInstances: boolean;
  /** The key has count or for_each. */
  readonly instanced?: boolean;
}

/** The top-level block a reference sits in: `resource` with `grafana_folder.x`, `provider` with `grafana.ci`, `output` with `output.x`... */
export interface RewriteBlock {
  readonly kind: string;
  readonly address: string;
}

/** One rewritten reference, for the report. */
export interface Rewrite {
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** Where it sits, when the caller said (planMigration does). */
  readonly block?: RewriteBlock;
}

/** The block at an offset of the text being rewritten. */
export type BlockAt = (offset: number) => RewriteBlock | undefined;

export interface RewriteNote {
  readonly file: string;
  readonly reference: string;
  readonly level: "warning" | "error";
  readonly message: string;
}

const TOKEN_ATTRIBUTES = new Set(["key", "expiration", "name", "seconds_to_live", "stack_slug", "has_expired"]);
const ACCOUNT_ATTRIBUTES = new Set(["role", "org_id"]);
/**
 * Where a reference goes: an address and attribute, or a reason it cannot be rewritten, or
 * nowhere and nothing to say (its key has an error of its own).
 */
export type Resolution = { readonly to: string; readonly warning?: string } | { readonly error: string } | { readonly unchanged: true };

/**
 * Where a reference stands. `forReads`: the reference is the collection of a for expression
 * (`for k, v in x : ...`), and these are the only attributes its body reads off the iteration
 * value; absent when the body uses the value otherwise, or the reference is no such collection.
 */
export interface ReferenceContext {
  readonly file: string;
  readonly original: string;
  readonly inDependsOn: boolean;
  readonly forReads?: ReadonlySet<string>;
}

/** Decides the new form of `address` + `index` + `.attribute` (attribute may be absent). */
export type Resolver = (address: string, index: string, attribute: string | undefined, context: ReferenceContext) => Resolution;

/** Rewrites references to resources of some types inside expression code; literal text is never touched. */
export class ReferenceRewriter {
  readonly rewrites: Rewrite[] = [];
  readonly notes: RewriteNote[] = [];
  private readonly pattern: RegExp;

  constructor(
    types: readonly string[],
    private readonly resolve: Resolver,
  ) {
    // The index may hold one level of brackets itself: x[local.names["a"]].role.
    this.pattern = new RegExp(`(?<![\\w.-])(${types.join("|")})\\.([A-Za-z_][\\w-]*)(\\[(?:[^\\[\\]\\n]|\\[[^\\[\\]\\n]*\\])*\\]|\\.\\*)?(?:\\.([A-Za-z_]\\w*))?`, "g");
  }

  /**
   * A whole .tf file, or a run of its top-level blocks; references inside `depends_on = [...]`
   * count as bare addresses. `masked` may come from the caller (maskHcl of the same text).
   */
  rewriteHcl(text: string, file: string, masked = maskHcl(text), blockAt?: BlockAt): string {
    return this.rewrite(text, masked, file, false, true, blockAt);
  }

  /** Every string of a Terraform JSON value; `depends_on`/`provider` lists hold bare addresses. */
  rewriteJson(value: TfValue, file: string, bareContext = false, block?: RewriteBlock): TfValue {
    if (typeof value === "string") {
      // A template's references are inside `${...}` or `%{...}`; without a brace it is all literal.
      if (!bareContext && !value.includes("{")) return value;
      return this.rewrite(value, bareContext ? value : maskTemplate(value), file, bareContext, false, block && (() => block));
    }
    if (Array.isArray(value)) return value.map((v) => this.rewriteJson(v, file, bareContext, block));
    if (isObject(value)) {
      const out: Record<string, TfValue> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.rewriteJson(v, file, k === "depends_on" || k === "replace_triggered_by", block);
      return out;
    }
    return value;
  }

  private rewrite(text: string, masked: string, file: string, inDependsOn: boolean, findBareLists = false, blockAt?: BlockAt): string {
    let result = "";
    let last = 0;
    const inBareList = findBareLists ? bareListTest(masked) : () => false;
    for (const match of masked.matchAll(this.pattern)) {
      const at = match.index ?? 0;
      const original = text.slice(at, at + match[0].length);
      const forReads = match[3] === undefined && match[4] === undefined ? forBodyReads(masked, at, at + match[0].length) : undefined;
      const replacement = this.replace(original, match, { file, original, inDependsOn: inDependsOn || inBareList(at), forReads }, blockAt?.(at));
      result += text.slice(last, at) + replacement;
      last = at + match[0].length;
    }
    return last === 0 ? text : result + text.slice(last);
  }

  private replace(original: string, match: RegExpMatchArray, context: ReferenceContext, block?: RewriteBlock): string {
    const [, type, name, , attribute] = match;
    const { file } = context;
    const address = `${type}.${name}`;
    // The index is read from the source, not the masked copy, so `foo["a"]` keeps its key.
    const index = original.slice(address.length, attribute === undefined ? undefined : original.length - attribute.length - 1);
    const resolution = this.resolve(address, index, attribute, context);
    if ("unchanged" in resolution) return original;
    if ("error" in resolution) {
      this.notes.push({ file, reference: original, level: "error", message: `${file}: ${resolution.error}` });
      return original;
    }
    if (resolution.warning) this.notes.push({ file, reference: original, level: "warning", message: `${file}: ${resolution.warning}` });
    this.rewrites.push(block ? { file, from: original, to: resolution.to, block } : { file, from: original, to: resolution.to });
    return resolution.to;
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

/**
 * The migration's rule: token attributes go to the token, role and org to the account.
 * References to `unplanned` keys (declared, but with errors of their own) are left alone.
 */
export function legacyKeyResolver(targets: ReadonlyMap<string, ReferenceTarget>, unplanned: ReadonlySet<string> = new Set()): Resolver {
  return (legacy, index, attribute, { original, inDependsOn, forReads }) => {
    const target = targets.get(legacy);
    if (!target && unplanned.has(legacy)) return { unchanged: true };
    if (!target) return { error: `${original} refers to ${legacy}, which none of the inputs declares. Pass the file that declares it too, so the reference can be rewritten.` };
    if (attribute !== undefined && ACCOUNT_ATTRIBUTES.has(attribute)) {
      if (target.accountHasSameInstances) return { to: `${target.account}${index}.${attribute}` };
      // A shared account holds one value for all the key's instances; a splat still gives a list.
      if (/^(?:\[\s*\*\s*\]|\.\*)$/.test(index)) return { to: target.instanced ? `[for _ in ${target.token} : ${target.account}.${attribute}]` : `[${target.account}.${attribute}]` };
      return { to: `${target.account}.${attribute}` };
    }
    const to = `${target.token}${index}${attribute === undefined ? "" : `.${attribute}`}`;
    if (attribute === "name") return { to, warning: `${original} now reads the token's name, which is not the key's name (the token name template adds to it); check what consumes it.` };
    if (attribute === "id") return { to, warning: `${original} now reads the token's id, whose format differs from a key id ("{orgID}:{keyID}"); check what consumes it.` };
    // A for expression over the keys that reads only token attributes off each one reads them off each token.
    const onlyTokenAttributes = forReads !== undefined && [...forReads].every((a) => TOKEN_ATTRIBUTES.has(a) && a !== "name");
    if (attribute === undefined && !inDependsOn && !onlyTokenAttributes) return { to, warning: `${original} uses the whole key object; it now stands for the token, which has no role attribute (the account has it). Check the expression.` };
    if (attribute !== undefined && !TOKEN_ATTRIBUTES.has(attribute)) return { to, warning: `${original} reads ${attribute}, which a token does not have; check the expression.` };
    return { to };
  };
}
