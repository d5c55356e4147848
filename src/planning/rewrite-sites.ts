/**
 * Which block each rewritten reference sits in, and what that tells the steps after a
 * migration: the managed resources whose expressions changed (a saved plan may update only
 * those in place), and the provider blocks that authenticate with a new token (Terraform
 * cannot plan with them until the token exists). Pure.
 */
import type { HclFile } from "../hcl/file";
import type { BlockAt, Rewrite, RewriteBlock } from "./references";
import { isObject, TfValue } from "../hcl/tf-json";

/** A top-level .tf block as a rewrite names it; the provider's name includes its alias. */
function describe(kind: string, labels: readonly string[], aliasOf: () => string | undefined): RewriteBlock {
  if (kind === "resource" || kind === "data") return { kind, address: `${kind === "data" ? "data." : ""}${labels.join(".")}` };
  if (kind === "provider") {
    const alias = aliasOf();
    return { kind, address: alias ? `${labels[0]}.${alias}` : labels[0] };
  }
  if (kind === "variable") return { kind, address: `var.${labels[0]}` };
  return { kind, address: [kind, ...labels].join(".") };
}

/** The block at an offset of a .tf file (blocks come in text order). */
export function hclBlockLocator(file: HclFile): BlockAt {
  const found = new Map<number, RewriteBlock>();
  return (at) => {
    let lo = 0;
    let hi = file.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = file.blocks[mid];
      if (at < b.start) hi = mid - 1;
      else if (at >= b.end) lo = mid + 1;
      else {
        if (!found.has(mid)) found.set(mid, describe(b.kind, b.labels, () => file.stringArgument(b, "alias")));
        return found.get(mid);
      }
    }
    return undefined;
  };
}

/** One top-level property of a Terraform JSON document rewritten block by block, so each rewrite knows its block. */
export function rewriteJsonSection(kind: string, value: TfValue, rewrite: (value: TfValue, block: RewriteBlock) => TfValue): TfValue {
  const byName = (v: TfValue, each: (name: string, body: TfValue) => TfValue): TfValue => {
    if (Array.isArray(v)) return v.map((item) => byName(item, each));
    if (!isObject(v)) return rewrite(v, { kind, address: kind });
    return Object.fromEntries(Object.entries(v).map(([name, body]) => [name, each(name, body)]));
  };
  if (kind === "resource" || kind === "data") {
    return byName(value, (type, named) => byName(named, (name, body) => rewrite(body, describe(kind, [type, name], () => undefined))));
  }
  if (kind === "provider") {
    return byName(value, (name, body) => {
      const rewriteOne = (b: TfValue) => rewrite(b, { kind, address: isObject(b) && typeof b.alias === "string" ? `${name}.${b.alias}` : name });
      return Array.isArray(body) ? body.map(rewriteOne) : rewriteOne(body);
    });
  }
  if (["module", "output", "variable"].includes(kind)) return byName(value, (name, body) => rewrite(body, describe(kind, [name], () => undefined)));
  return rewrite(value, { kind, address: kind });
}

/** Managed resources whose expressions the migration rewrote, in order, once each. */
export function referencingResources(rewrites: readonly Rewrite[]): string[] {
  return [...new Set(rewrites.filter((r) => r.block?.kind === "resource").map((r) => (r.block as RewriteBlock).address))];
}

/** A provider configuration that authenticates with tokens the migration creates. */
export interface ProviderAuth {
  /** `grafana` or `grafana.<alias>`. */
  readonly provider: string;
  readonly file: string;
  /** Resource addresses of the tokens (all instances: no index). */
  readonly tokens: string[];
}

/** Provider blocks whose arguments now read a token, with those tokens (a token's account comes with it as a dependency). */
export function providerAuth(rewrites: readonly Rewrite[], tokenAddresses: readonly string[]): ProviderAuth[] {
  const tokens = new Set(tokenAddresses);
  const byProvider = new Map<string, ProviderAuth>();
  for (const r of rewrites) {
    if (r.block?.kind !== "provider") continue;
    const key = `${r.file}\n${r.block.address}`;
    const entry = byProvider.get(key) ?? { provider: r.block.address, file: r.file, tokens: [] };
    byProvider.set(key, entry);
    for (const m of r.to.matchAll(/(?<![\w.-])(grafana_(?:cloud_stack_)?service_account_token)\.([A-Za-z_][\w-]*)/g)) {
      const address = `${m[1]}.${m[2]}`;
      if (tokens.has(address) && !entry.tokens.includes(address)) entry.tokens.push(address);
    }
  }
  return [...byProvider.values()].filter((p) => p.tokens.length > 0);
}
