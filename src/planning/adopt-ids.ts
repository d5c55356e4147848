/**
 * The service account IDs `migrate --adopt-ids FILE` takes, checked against the keys they name.
 * Pure. An entry is `"<keyName or address>": "<id>" | "<org>:<id>"` (Cloud stack keys:
 * `"<stackSlug>:<id>"`), or an object `{ "account": "<org>:<id>", "token": <tokenId> }` as
 * `grafana-sa inspect --adopt-ids-out` writes it: the token is the one Grafana made of the key.
 */
import type { LegacyKey } from "./legacy";
import type { AdoptIdValue, Diagnostic } from "./plan";
import { isDynamic } from "../hcl/template";

/** What one key's entry says: the import ID of its sa-autogen account, and the IDs for the API. */
export interface AdoptedIds {
  readonly importId: string;
  readonly accountId: string;
  readonly tokenId?: string;
}

const DEFAULT_ORG = "1";

/**
 * Each key's IDs by key address, and one error per bad entry: a name or address no key has, an
 * ID that is not a number, an org (or stack) other than the key's own, a token ID that is not a number.
 */
export function resolveAdoptIds(keys: readonly LegacyKey[], ids: Readonly<Record<string, AdoptIdValue>>, file = "--adopt-ids"): { byKey: Map<string, AdoptedIds>; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const byKey = new Map<string, AdoptedIds>();
  const fail = (entry: string, problem: string) =>
    errors.push({ level: "error", code: "GRAFANA-ADOPT-ID", source: { file }, message: `${file}: entry ${JSON.stringify(entry)} ${problem}` });
  const byName = new Map<string, LegacyKey[]>();
  for (const k of keys) byName.set(k.name, [...(byName.get(k.name) ?? []), k]);
  const addresses = new Set(keys.map((k) => k.address));
  // An address entry wins over a name entry for its key: resolve names first, addresses after.
  const entries = Object.entries(ids).sort(([a], [b]) => Number(addresses.has(a)) - Number(addresses.has(b)));
  for (const [entry, value] of entries) {
    const named = addresses.has(entry) ? keys.filter((k) => k.address === entry) : byName.get(entry) ?? [];
    if (named.length === 0) {
      fail(entry, `names no legacy key in the inputs. Use a key's name (its name argument) or its address (grafana_api_key.<name>); the keys are ${keys.map((k) => k.address).join(", ") || "none"}.`);
      continue;
    }
    const account = typeof value === "string" ? value : value.account;
    const token = typeof value === "string" ? undefined : value.token;
    if (token !== undefined && !/^\d+$/.test(String(token))) {
      fail(entry, `has the token ID ${JSON.stringify(token)}, which is not a number: give the ID grafana-sa inspect lists for the token.`);
      continue;
    }
    const m = typeof account === "string" ? /^(?:([^:]+):)?(\d+)$/.exec(account.trim()) : null;
    if (!m) {
      fail(entry, `has the service account ID ${JSON.stringify(account)}, which is not a number: give "<id>" or "<org>:<id>" (Cloud stack keys: "<stack>:<id>"), as grafana-sa inspect --adopt-ids-out writes it.`);
      continue;
    }
    const [, scope, id] = m;
    for (const key of named) {
      const resolved = importId(key, scope, id);
      if (typeof resolved !== "string") {
        fail(entry, resolved.problem);
        break;
      }
      byKey.set(key.address, { importId: resolved, accountId: id, ...(token !== undefined ? { tokenId: String(token) } : {}) });
    }
  }
  return { byKey, errors };
}

/** `{org}:{id}` (`{stack}:{id}` for Cloud stack accounts), or the problem with the entry's scope. */
function importId(key: LegacyKey, scope: string | undefined, id: string): string | { problem: string } {
  if (key.stackSlug !== undefined) {
    if (scope === undefined) return `${key.stackSlug}:${id}`;
    if (!isDynamic(key.stackSlug) && scope !== key.stackSlug) return { problem: `says stack ${JSON.stringify(scope)}, but ${key.address} is a key of stack ${JSON.stringify(key.stackSlug)}: an account of another stack is not the one Grafana made of this key.` };
    return `${scope}:${id}`;
  }
  const org = key.orgId ?? DEFAULT_ORG;
  if (isDynamic(org)) return scope !== undefined && /^\d+$/.test(scope) ? `${scope}:${id}` : { problem: `gives no org, and ${key.address} sets org_id with an expression (${org}): give "<org>:<id>".` };
  if (scope !== undefined && scope !== org) return { problem: `says org ${JSON.stringify(scope)}, but ${key.address} is a key of org ${org}${key.orgId === undefined ? " (no org_id: the provider's default, org 1)" : ""}: Grafana made its sa-autogen account in that org.` };
  return `${org}:${id}`;
}
