import { RenameTraversal, ResourceTraversals, Traversal } from "../hcl/references";
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

/**
 * Rewrites references to resources of some types, as a Resolver decides, and records what it
 * did. Finding them (in expression code only) is src/hcl/references.ts's.
 */
export class ReferenceRewriter {
  readonly rewrites: Rewrite[] = [];
  readonly notes: RewriteNote[] = [];
  private readonly traversals: ResourceTraversals;

  constructor(
    types: readonly string[],
    private readonly resolve: Resolver,
  ) {
    this.traversals = new ResourceTraversals(types);
  }

  /** HCL source: a whole .tf file, or a run of its top-level blocks; references inside `depends_on = [...]` count as bare addresses. */
  rewriteHcl(text: string, file: string, blockAt?: BlockAt): string {
    return this.traversals.renameInHcl(text, this.renaming(file, blockAt).rename);
  }

  /** What HclFile.rewriteBlocks needs to rewrite the references of file `file`. */
  renaming(file: string, blockAt?: BlockAt): { traversals: ResourceTraversals; rename: RenameTraversal } {
    return { traversals: this.traversals, rename: (t) => this.replace(t, file, blockAt?.(t.offset)) };
  }

  /** Every string of a Terraform JSON value; `depends_on`/`provider` lists hold bare addresses. */
  rewriteJson(value: TfValue, file: string, bareContext = false, block?: RewriteBlock): TfValue {
    if (typeof value === "string") {
      const rename: RenameTraversal = (t) => this.replace(t, file, block);
      return bareContext ? this.traversals.renameInAddress(value, rename) : this.traversals.renameInTemplate(value, rename);
    }
    if (Array.isArray(value)) return value.map((v) => this.rewriteJson(v, file, bareContext, block));
    if (isObject(value)) {
      const out: Record<string, TfValue> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.rewriteJson(v, file, k === "depends_on" || k === "replace_triggered_by", block);
      return out;
    }
    return value;
  }

  private replace(t: Traversal, file: string, block?: RewriteBlock): string | undefined {
    const original = t.text;
    const resolution = this.resolve(`${t.type}.${t.name}`, t.index, t.attribute, { file, original, inDependsOn: t.inDependsOn, forReads: t.forReads });
    if ("unchanged" in resolution) return undefined;
    if ("error" in resolution) {
      this.notes.push({ file, reference: original, level: "error", message: `${file}: ${resolution.error}` });
      return undefined;
    }
    if (resolution.warning) this.notes.push({ file, reference: original, level: "warning", message: `${file}: ${resolution.warning}` });
    this.rewrites.push(block ? { file, from: original, to: resolution.to, block } : { file, from: original, to: resolution.to });
    return resolution.to;
  }
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
