/**
 * grafana-sa inspect: what a Grafana made of its legacy API keys, read with GET requests only.
 * Grafana converts keys server-side into tokens of `sa-autogen-{keyName}` service accounts
 * (every Cloud stack; self-hosted Grafana at start-up since 12.0), and provider 2.19.0 then
 * drops the key from state: the IDs listed here are what `migrate --adopt-ids` imports and what
 * revokes the old secret. The credential is read from GRAFANA_AUTH only and never printed.
 */
import { writeFileSync } from "fs";
import { resolve } from "path";
import type { CommandContext } from "../command-types";
import { EXIT, inputError, outputError, usageError } from "../errors";
import { GrafanaClient, grafanaClient } from "../grafana-client";

const PREFIX = "sa-autogen-";
const PER_PAGE = 100;
/** Token lists fetched at once: enough to overlap round trips, few enough for a small Grafana. */
const PARALLEL = 8;

interface Token {
  readonly id: number;
  readonly name: string;
  readonly expiration: string | null;
  readonly hasExpired: boolean;
}

interface Account {
  readonly id: number;
  readonly name: string;
  readonly login: string;
  readonly role: string;
  readonly isDisabled: boolean;
  /** The legacy key it was made of: the name without sa-autogen-. */
  readonly keyName: string;
  readonly tokens: Token[];
}

interface Inspection {
  readonly url: string;
  readonly grafanaVersion: string | null;
  readonly org: string;
  /** null: GET /api/auth/keys answered 404 (Grafana 12.1 and later removed the key endpoints). */
  readonly legacyKeys: { id: number; name: string; role: string; expiration: string | null }[] | null;
  readonly accounts: Account[];
}

export async function run(ctx: CommandContext): Promise<number> {
  const { values } = ctx;
  if (ctx.positionals.length > 0) throw usageError(`inspect takes no paths (got ${ctx.positionals.length}); give the Grafana URL with --url.`);
  const output = values.output ?? "human";
  if (output !== "human" && output !== "json") throw usageError(`--output must be human or json, not ${JSON.stringify(output)}.`);
  const url = checkedUrl(values.url);
  const org = values.org;
  if (org !== undefined && (typeof org !== "string" || !/^\d+$/.test(org))) throw usageError("--org takes an organization ID, a number.");
  const auth = ctx.env.GRAFANA_AUTH;
  if (!auth) throw usageError("set GRAFANA_AUTH in the environment to user:password or a service account token (an org Admin); inspect takes no credentials in its arguments.");
  const client = grafanaClient(url, auth, org);
  const inspection = await inspect(client, url, org);
  if (typeof values["adopt-ids-out"] === "string") writeAdoptIds(values["adopt-ids-out"], ctx.cwd, inspection);
  ctx.stdout(output === "json" ? `${JSON.stringify(inspection, null, 2)}\n` : renderInspection(inspection, values["adopt-ids-out"] as string | undefined));
  return EXIT.ok;
}

function checkedUrl(value: unknown): string {
  if (typeof value !== "string" || value === "") throw usageError("inspect needs --url URL, the Grafana (or Grafana Cloud stack) URL.");
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw usageError("--url is not a URL; give one like https://grafana.example.com.");
  }
  // Said without echoing the URL: it is the credential that must not be printed.
  if (parsed.username || parsed.password) throw usageError("--url carries credentials; take them out and set GRAFANA_AUTH in the environment instead.");
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw usageError(`--url must be http or https, not ${parsed.protocol.replace(/:$/, "")}.`);
  return value;
}

async function inspect(client: GrafanaClient, url: string, orgOption: string | undefined): Promise<Inspection> {
  const health = (await client.get("/api/health")) as { version?: unknown };
  const org = orgOption ?? String(((await client.get("/api/org")) as { id?: unknown }).id ?? 1);
  const keys = (await client.get("/api/auth/keys?includeExpired=true", { allow404: true })) as Record<string, unknown>[] | undefined;
  const found = await autogenAccounts(client);
  const accounts: Account[] = [];
  for (let i = 0; i < found.length; i += PARALLEL) {
    const batch = found.slice(i, i + PARALLEL);
    const tokens = await Promise.all(batch.map((a) => client.get(`/api/serviceaccounts/${a.id}/tokens`) as Promise<Record<string, unknown>[]>));
    batch.forEach((a, j) => accounts.push({ ...a, tokens: (tokens[j] ?? []).map((t) => ({ id: Number(t.id), name: String(t.name), expiration: typeof t.expiration === "string" ? t.expiration : null, hasExpired: t.hasExpired === true })) }));
  }
  return {
    url,
    grafanaVersion: typeof health.version === "string" ? health.version : null,
    org,
    legacyKeys: keys === undefined ? null : keys.map((k) => ({ id: Number(k.id), name: String(k.name), role: String(k.role), expiration: typeof k.expiration === "string" ? k.expiration : null })),
    accounts,
  };
}

/** Every sa-autogen-* account, page by page until totalCount are read. */
async function autogenAccounts(client: GrafanaClient): Promise<Omit<Account, "tokens">[]> {
  const seen = new Map<number, Omit<Account, "tokens">>();
  let total = Infinity;
  let read = 0;
  for (let page = 1; read < total; page++) {
    const body = (await client.get(`/api/serviceaccounts/search?query=${PREFIX}&perpage=${PER_PAGE}&page=${page}`)) as { totalCount?: unknown; serviceAccounts?: unknown };
    const list = Array.isArray(body.serviceAccounts) ? (body.serviceAccounts as Record<string, unknown>[]) : [];
    total = typeof body.totalCount === "number" ? body.totalCount : 0;
    const before = seen.size;
    for (const a of list) seen.set(Number(a.id), { id: Number(a.id), name: String(a.name), login: String(a.login), role: String(a.role), isDisabled: a.isDisabled === true, keyName: String(a.name).slice(PREFIX.length) });
    read += list.length;
    // A page with nothing new would repeat for ever (provider releases before 4.22.0 do exactly that).
    if (read < total && seen.size === before) throw inputError(`GET /api/serviceaccounts/search page ${page} brought no new account after ${seen.size} of ${total}; the listing is incomplete.`);
  }
  return [...seen.values()].filter((a) => a.name.startsWith(PREFIX)).sort((a, b) => a.id - b.id);
}

/** { "<keyName>": { account: "<org>:<id>", token: <id> } }, or "<org>:<id>" when no token carries the key's name. */
function writeAdoptIds(display: string, cwd: string, inspection: Inspection): void {
  const ids: Record<string, string | { account: string; token: number }> = {};
  for (const a of inspection.accounts) {
    const token = a.tokens.find((t) => t.name === a.keyName);
    ids[a.keyName] = token ? { account: `${inspection.org}:${a.id}`, token: token.id } : `${inspection.org}:${a.id}`;
  }
  try {
    writeFileSync(resolve(cwd, display), `${JSON.stringify(ids, null, 2)}\n`);
  } catch (err) {
    throw outputError(`cannot write ${display}: ${(err as NodeJS.ErrnoException).code ?? "write failed"}.`);
  }
}

function renderInspection(i: Inspection, adoptIdsOut: string | undefined): string {
  const lines = [`Grafana ${i.grafanaVersion ?? "(version unknown)"} at ${i.url}, org ${i.org}. Read with GET requests only; no secret is shown (the API returns none).`, ""];
  if (i.legacyKeys === null) {
    lines.push("Legacy API keys: GET /api/auth/keys answered 404, so this Grafana (12.1 or later) has removed the key endpoints; every key it had is a token of an sa-autogen account now.", "");
  } else {
    lines.push(`Legacy API keys still keys (${i.legacyKeys.length}):`, ...i.legacyKeys.map((k) => `  ${k.name}  id ${k.id}  role ${k.role}${k.expiration ? `  expires ${k.expiration}` : ""}`), ...(i.legacyKeys.length === 0 ? ["  none"] : []), "");
  }
  lines.push(`Service accounts Grafana made of legacy keys (sa-autogen-*) (${i.accounts.length}):`);
  for (const a of i.accounts) {
    lines.push(`  ${a.name}  id ${a.id}  login ${a.login}  role ${a.role}${a.isDisabled ? "  disabled" : ""}`);
    for (const t of a.tokens) lines.push(`    token ${t.name}  id ${t.id}${t.name === a.keyName ? "  (the old key's secret)" : ""}${t.hasExpired ? "  expired" : ""}`);
  }
  if (i.accounts.length === 0) lines.push("  none");
  lines.push("", "Revoke a converted key's old secret, once nothing uses it: DELETE /api/serviceaccounts/<account id>/tokens/<token id>.");
  if (adoptIdsOut) lines.push(`Wrote ${adoptIdsOut} (${i.accounts.length} entr${i.accounts.length === 1 ? "y" : "ies"}): grafana-sa migrate <paths> --out DIR --adopt-ids ${adoptIdsOut}`);
  return `${lines.join("\n")}\n`;
}
