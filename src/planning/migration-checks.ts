/**
 * The diagnostics a migration plan carries about its keys: warnings on what a key's
 * replacement keeps or cannot check, name clashes, and what the provider needs. Pure.
 */
import { isApiKeyRole } from "../model/role";
import { MAX_API_KEY_SECONDS, Ttl } from "../model/ttl";
import type { LegacyKey } from "./legacy";
import type { ConstraintPlacement, Diagnostic, PlannedAccount, PlannedToken, SourceFile } from "./plan";
import { moduleOf } from "./provider-pin";
import { admitsBelow, DATA_SOURCE_PAGES } from "./provider-constraint";
import { blocks, isObject, TfValue } from "../hcl/tf-json";
import { isDynamic, soleExpression } from "../hcl/template";

/**
 * The data source lookup of an adopted account is refused while the module's constraint admits
 * a release before 4.22.0: those ask for the first page of the search again and again, so the
 * lookup never ends when the account is not on it. Phase 1 always admits one (< 3.0).
 */
export function refusePagedLookups(accounts: PlannedAccount[], keys: LegacyKey[], placements: ConstraintPlacement[], diagnostics: Diagnostic[]): void {
  const keyOf = new Map(keys.map((k) => [k.address, k]));
  const constraintOf = new Map(placements.map((p) => [p.module, p.constraint]));
  const without = accounts.filter((a) => a.adopt?.lookup).flatMap((a) => a.fromKeys.map((k) => keyOf.get(k) as LegacyKey)).filter((k) => admitsBelow(constraintOf.get(moduleOf(k.source.file)), DATA_SOURCE_PAGES));
  if (without.length === 0) return;
  const constraints = [...new Set(without.map((k) => constraintOf.get(moduleOf(k.source.file)) ?? "(none)"))].map((c) => JSON.stringify(c)).join(", ");
  diagnostics.push({
    level: "error",
    code: "GRAFANA-ADOPT-NEEDS-IDS",
    message: `--adopt needs the service account ID of ${without.map((k) => `${k.address} (sa-autogen-${k.name})`).join(", ")}: the grafana provider constraint ${constraints} admits releases before 4.22.0, whose grafana_service_account data source asks for the first page of accounts again and again and never ends when the account is not on it. Pass --adopt-ids FILE with an ID for each, or let grafana-sa inspect --url URL --adopt-ids-out FILE write it (see grafana-sa help inspect).`,
  });
}

/** Why an adopted account is kept by prevent_destroy. */
export function adoptedReason(account: PlannedAccount): string {
  const replaces = account.kind === "cloud-stack" ? "an adopted Cloud stack account is replaced on any change of its name, role or is_disabled" : "an adopted account is replaced when its org_id changes";
  return `${account.address} adopts ${account.name} with lifecycle.prevent_destroy: ${replaces}, and deleting it deletes the old key's secret (its token) with it. Remove prevent_destroy only once nothing uses that secret.`;
}

export function keyWarnings(key: LegacyKey, diagnostics: Diagnostic[]): string[] {
  const warnings: string[] = [];
  if (key.role === "Admin") warnings.push(note(diagnostics, "warning", "GRAFANA-ADMIN-KEY", key, `${key.address} is an Admin key; its token keeps Admin. Consider a narrower role once you know what uses it.`));
  if (isDynamic(key.role) || (!isApiKeyRole(key.role) && !isDynamic(key.role))) warnings.push(note(diagnostics, "warning", "GRAFANA-DYNAMIC-ROLE", key, `${key.address} sets its role with an expression (${key.role}); the migration cannot check it statically. The account gets the same expression, so it never widens, but review it.`));
  if (isDynamic(key.name)) warnings.push(note(diagnostics, "info", "GRAFANA-DYNAMIC-NAME", key, `${key.address} builds its name with an expression; name clashes with it cannot be checked statically.`));
  if (key.secondsToLive === undefined || key.secondsToLive === 0) warnings.push(note(diagnostics, "warning", "GRAFANA-TTL-NONE", key, `${key.address} never expires, and neither will its token. Set a time to live.`));
  else if (typeof key.secondsToLive === "number" && key.secondsToLive > MAX_API_KEY_SECONDS) warnings.push(note(diagnostics, "warning", "GRAFANA-TTL-LONG", key, `${key.address} lives ${Ttl.describeSeconds(key.secondsToLive)}, over Grafana's 30 days for keys; its token keeps that lifetime.`));
  if (key.preventDestroy) warnings.push(note(diagnostics, "info", "GRAFANA-PREVENT-DESTROY", key, `${key.address} has lifecycle.prevent_destroy: the key is forgotten, not destroyed, and its token keeps prevent_destroy.`));
  if (key.providerV1CloudForm) warnings.push(note(diagnostics, "info", "GRAFANA-V1-CLOUD-KEY", key, `${key.address} uses the provider 1.x cloud_stack_slug form; it becomes a Cloud stack service account of stack ${key.stackSlug}.`));
  return warnings;
}

/**
 * A key name built from an expression (terraform.workspace, a variable) usually means one
 * configuration applied several times, each apply making its own key. The per-role account's
 * name is one per org and role whatever the expression gives, so the applies of two workspaces
 * to one org would both create it, and Grafana refuses the second.
 */
/** A name that varies by more than its count or for_each instance (which share the account by design). */
export function variesBeyondInstances(name: string): boolean {
  return isDynamic(name.replace(/\$\{\s*(?:count\.index|each\.key|each\.value)\s*\}/g, ""));
}

export function sharedAccountWarning(key: LegacyKey, accountName: string, diagnostics: Diagnostic[]): string {
  return note(
    diagnostics,
    "warning",
    "GRAFANA-PER-ROLE-SHARED-NAME",
    key,
    `${key.address} builds its name with an expression (${key.name}), as a configuration applied from several workspaces or with several variable values does, but --strategy per-role puts its token on the account ${JSON.stringify(accountName)}, named per org and role only: the accounts of several workspaces in one org would clash (Grafana refuses a second account of that name). Put the workspace in the account name template (--account-name "sa-{role}-\${terraform.workspace}") or migrate per key (--strategy per-key).`,
  );
}

export function note(diagnostics: Diagnostic[], level: Diagnostic["level"], code: string, key: LegacyKey, message: string): string {
  diagnostics.push({ level, code, message, address: key.address, source: key.source });
  return `${code}: ${message}`;
}

export function checkNameClashes(accounts: PlannedAccount[], tokens: PlannedToken[], keys: LegacyKey[], files: SourceFile[], diagnostics: Diagnostic[]): void {
  // Owner by kind, scope and name: nested maps, so no id string is built per claim.
  const claims = new Map<string, Map<string, Map<string, string>>>();
  const claim = (kind: string, scope: string, name: string, owner: string) => {
    if (isDynamic(name) || isDynamic(scope)) return;
    let byScope = claims.get(kind);
    if (!byScope) claims.set(kind, (byScope = new Map()));
    let byName = byScope.get(scope);
    if (!byName) byScope.set(scope, (byName = new Map()));
    const earlier = byName.get(name);
    if (earlier && earlier !== owner) {
      diagnostics.push({ level: "error", code: "GRAFANA-NAME-CLASH", address: owner, message: `${earlier} and ${owner} would both be named ${JSON.stringify(name)} in ${scope}; Grafana refuses the second. Change the name template (--account-name / --token-name) or rename one.` });
    } else byName.set(name, owner);
  };
  const scopeOf = (provider: string | undefined, org?: string, stack?: string) => `${stack !== undefined ? `Cloud stack ${stack}` : `org ${org ?? "(provider default)"}`}${provider ? ` via ${provider}` : ""}`;
  for (const key of keys) claim("credential", scopeOf(key.meta.provider, key.orgId, key.stackSlug), key.name, key.address);
  for (const [type, name, body] of existingResources(files)) {
    const provider = typeof body.provider === "string" ? (soleExpression(body.provider) ?? body.provider) : undefined;
    const scope = scopeOf(provider, body.org_id as string | undefined, body.stack_slug as string | undefined);
    if (typeof body.name !== "string") continue;
    if (type === "grafana_service_account" || type === "grafana_cloud_stack_service_account") claim("account", scope, body.name, `${type}.${name}`);
    if (type === "grafana_service_account_token" || type === "grafana_cloud_stack_service_account_token") claim("credential", scope, body.name, `${type}.${name}`);
  }
  for (const a of accounts) claim("account", scopeOf(a.meta.provider, a.orgId, a.stackSlug), a.name, a.address);
  const accountByAddress = new Map<string, PlannedAccount>();
  for (const a of accounts) if (!accountByAddress.has(a.address)) accountByAddress.set(a.address, a);
  for (const t of tokens) {
    const account = accountByAddress.get(t.account);
    claim("credential", scopeOf(t.meta.provider, account?.orgId, t.stackSlug), t.name, t.address);
  }
}

export function cloudCredentialWarnings(keys: LegacyKey[], files: SourceFile[], diagnostics: Diagnostic[]): void {
  const providers = new Map<string, Record<string, TfValue>>();
  for (const f of files) {
    const byName = isObject(f.doc.provider) ? f.doc.provider : {};
    for (const body of blocks(byName.grafana)) providers.set(typeof body.alias === "string" ? `grafana.${body.alias}` : "grafana", body);
  }
  const reported = new Set<string>();
  for (const key of keys.filter((k) => k.stackSlug !== undefined)) {
    const name = key.meta.provider ?? "grafana";
    const body = providers.get(name);
    if (reported.has(name)) continue;
    if (!body) {
      reported.add(name);
      const block = name === "grafana" ? 'provider "grafana"' : `provider "grafana" with alias "${name.slice("grafana.".length)}"`;
      diagnostics.push({ level: "warning", code: "GRAFANA-CLOUD-PROVIDER-UNSEEN", address: key.address, message: `${key.address} is a Cloud stack key, and no ${block} block in the inputs shows how ${name} authenticates. The Cloud stack service accounts that replace it need cloud_access_policy_token on that provider (or GRAFANA_CLOUD_ACCESS_POLICY_TOKEN in the environment); check it before applying.` });
      continue;
    }
    if (body.cloud_access_policy_token !== undefined || body.cloud_api_key === undefined) continue;
    reported.add(name);
    diagnostics.push({ level: "warning", code: "GRAFANA-CLOUD-API-KEY-PROVIDER", message: `provider ${name} authenticates with cloud_api_key, which provider 3.0 removed; the Cloud stack service accounts that replace ${key.address} need cloud_access_policy_token on it.` });
  }
}

export function existingResources(files: SourceFile[]): [string, string, Record<string, TfValue>][] {
  const out: [string, string, Record<string, TfValue>][] = [];
  for (const f of files) {
    const resources = isObject(f.doc.resource) ? f.doc.resource : {};
    for (const [type, byName] of Object.entries(resources)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) for (const b of blocks(body)) out.push([type, name, b]);
    }
  }
  return out;
}

export function where(key: LegacyKey): string {
  return `${key.source.file}${key.source.line ? `:${key.source.line}` : ""}: ${key.address}`;
}
