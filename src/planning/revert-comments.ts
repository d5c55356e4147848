/**
 * The comments a revert carries back to the keys: migrate moved a key's comments to its
 * account and token (next to the arguments that survived), so a reverted key takes them from
 * both, next to the arguments it has again. Pure.
 */
import type { CarriedComments } from "../hcl/comments";
import { HclFile } from "../hcl/file";
import { blocks, isObject, TfValue } from "../hcl/tf-json";
import type { SourceFile } from "./plan";

/** What a reverted key is made of: the token, its account, and whether the account's comments come to this key. */
export interface RevertedBlocks {
  readonly key: string;
  readonly token: { readonly address: string; readonly file: string };
  readonly account: { readonly address: string; readonly file: string };
  /** The first key reverted from its account takes the account's comments; the others would repeat them. */
  readonly withAccount: boolean;
}

export interface RevertComments {
  /** By the key's resource name: comments from HCL inputs, to write on the key. */
  readonly carried: Record<string, CarriedComments>;
  /** Keys whose account or token holds Terraform JSON "//" comments, which the revert cannot write back. */
  readonly uncarried: string[];
}

export function revertComments(files: readonly SourceFile[], reverted: readonly RevertedBlocks[]): RevertComments {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const carried: Record<string, CarriedComments> = {};
  const uncarried: string[] = [];
  for (const r of reverted) {
    const sources = r.withAccount ? [r.account, r.token] : [r.token];
    const found = sources.map((s) => commentsOf(byPath.get(s.file), s.address));
    if (found.some((c) => c === "json")) uncarried.push(r.key);
    const merged = merge(found.filter((c): c is CarriedComments => c !== undefined && c !== "json"));
    if (merged) carried[r.key.replace(/^grafana_api_key\./, "")] = merged;
  }
  return { carried, uncarried };
}

/** The comments on a resource block of a .tf file; "json" when a Terraform JSON body has a "//" property. */
function commentsOf(file: SourceFile | undefined, address: string): CarriedComments | "json" | undefined {
  if (!file) return undefined;
  const [type, name] = address.split(".");
  if (file.format === "json") {
    const byType = isObject(file.doc.resource) ? file.doc.resource[type] : undefined;
    const bodies = isObject(byType as TfValue) ? blocks((byType as Record<string, TfValue>)[name]) : [];
    return bodies.some((b) => b["//"] !== undefined) ? "json" : undefined;
  }
  if (file.format !== "hcl") return undefined;
  const hcl = file.hcl ?? HclFile.of(file.text);
  const [block] = hcl.find("resource", type, name);
  return block ? hcl.blockComments(block) : undefined;
}

/**
 * The account's comments, then the token's, by argument. Those of an argument the key does not
 * have (service_account_id) go above it when they are written (HclFile.withComments).
 */
function merge(all: readonly CarriedComments[]): CarriedComments | undefined {
  if (all.length === 0) return undefined;
  const above: string[] = [];
  const args: Record<string, { above: string[]; trailing?: string }> = {};
  for (const c of all) {
    above.push(...c.above);
    for (const [name, arg] of Object.entries(c.args)) {
      const into = (args[name] ??= { above: [] });
      into.above.push(...arg.above);
      // One comment fits after an argument on its line; a second one goes above it.
      if (arg.trailing && into.trailing) into.above.push(arg.trailing);
      else if (arg.trailing) into.trailing = arg.trailing;
    }
  }
  return above.length === 0 && Object.keys(args).length === 0 ? undefined : { above, args };
}
