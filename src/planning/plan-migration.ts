import { GrafanaValueError } from "../model/errors";
import { isApiKeyRole } from "../model/role";
import { MAX_API_KEY_SECONDS, Ttl } from "../model/ttl";
import { blockComments, CarriedComments, HclBlock, rewriteBlocks, ScannedHcl, scanHcl } from "../hcl/blocks";
import { staticInstances } from "./instances";
import { findLegacyKeys, IgnoredKey, LEGACY_KEY_TYPES, LegacyKey, toIdentifier } from "./legacy";
import { renderName, SAME_NAME_REASON, templateProblem } from "./names";
import { removedForm } from "./engine";
import { emptied } from "./plan";
import type { AccountKind, ConstraintPlacement, ConvertedKey, Diagnostic, MigrationOptions, MigrationPlan, PlannedAccount, PlannedRemoval, PlannedToken, ReportEntry, RewrittenFile, SourceFile } from "./plan";
import { legacyKeyResolver, ReferenceRewriter, ReferenceTarget } from "./references";
import { hclBlockLocator, rewriteJsonSection } from "./rewrite-sites";
import type { ProviderFeature } from "./provider-constraint";
import { keyFeatures, moduleOf, pinProvider } from "./provider-pin";
import { AdoptedIds, resolveAdoptIds } from "./adopt-ids";
import { admitsBelow, DATA_SOURCE_PAGES } from "./provider-constraint";
import { blocks, isObject, TfDocument, TfValue } from "../hcl/tf-json";
import { isDynamic } from "../hcl/template";

const TYPES: Record<AccountKind, { account: string; token: string }> = {
  oss: { account: "grafana_service_account", token: "grafana_service_account_token" },
  "cloud-stack": { account: "grafana_cloud_stack_service_account", token: "grafana_cloud_stack_service_account_token" },
};

/**
 * Plans the move from legacy API keys to service accounts and tokens. Pure: files in, plan out.
 * Problems land in `diagnostics`; a plan with errors must not be written.
 */
export function planMigration(files: SourceFile[], options: MigrationOptions = {}): MigrationPlan {
  const strategy = options.strategy ?? "per-key";
  const diagnostics: Diagnostic[] = [];
  const keys: LegacyKey[] = [];
  const ignored: IgnoredKey[] = [];
  // Keys that are declared but get no replacement: references to them are not "undeclared".
  const unplanned = new Set<string>();
  const accountTemplate = checkedTemplate(options.accountName, "account", diagnostics);
  const tokenTemplate = checkedTemplate(options.tokenName, "token", diagnostics);
  // Each .tf file is masked and split into blocks once; finding keys and rewriting both need it.
  const scanned = new Map<SourceFile, ScannedHcl>();
  for (const file of files) if (file.format === "hcl") scanned.set(file, file.scan ?? scanHcl(file.text));
  for (const file of files) {
    const lines = headerLines(scanned.get(file)?.blocks ?? []);
    const found = findLegacyKeys(file.doc, file.path, (address) => lines.get(address));
    keys.push(...found.keys);
    ignored.push(...found.ignored);
    for (const bad of found.invalid) {
      unplanned.add(bad.address);
      diagnostics.push({ level: "error", code: "GRAFANA-INVALID-KEY", address: bad.address, source: bad.source, message: bad.message });
    }
  }
  for (const item of ignored) diagnostics.push({ level: "warning", code: "GRAFANA-CLOUD-ORG-KEY", address: item.address, source: item.source, message: `${item.address}: ${item.reason}` });
  // hcl2json sorts names; the plan follows the order the files declare keys in.
  // Each file's position, looked up once per comparison (a findIndex per comparison is O(k log k x files)).
  const fileOrder = new Map<string, number>();
  files.forEach((f, i) => fileOrder.has(f.path) || fileOrder.set(f.path, i));
  const position = (file: string) => fileOrder.get(file) ?? -1;
  keys.sort((a, b) => position(a.source.file) - position(b.source.file) || (a.source.line ?? 0) - (b.source.line ?? 0));
  const seen = new Map<string, LegacyKey>();
  for (const key of keys) {
    const earlier = seen.get(key.address);
    if (earlier) diagnostics.push({ level: "error", code: "GRAFANA-DUPLICATE-ADDRESS", address: key.address, message: `${key.address} is declared twice: ${where(earlier)} and ${where(key)}. Terraform rejects this configuration; fix it first.` });
    seen.set(key.address, key);
  }

  const commentsOf = keyComments(files, scanned);
  const taken = existingResourceNames(files);
  const accounts: PlannedAccount[] = [];
  const tokens: PlannedToken[] = [];
  const targets = new Map<string, ReferenceTarget>();
  const entries: ReportEntry[] = [];
  const removals: PlannedRemoval[] = [];
  const grouped = new Map<string, PlannedAccount>();
  // What each input's keys need of the provider, for its module's version constraint.
  const needs = new Map<string, Set<ProviderFeature>>();
  const adoptIds = resolveAdoptIds(keys, typeof options.adopt === "object" ? options.adopt.ids ?? {} : {}, typeof options.adopt === "object" ? options.adopt.file : undefined);
  diagnostics.push(...adoptIds.errors);

  for (const key of keys) {
    const kind: AccountKind = key.stackSlug !== undefined ? "cloud-stack" : "oss";
    const warnings = keyWarnings(key, diagnostics);
    const values = { name: key.name, role: key.role, org: key.orgId, stack: key.stackSlug };
    const instanced = key.meta.count !== undefined || key.meta.forEach !== undefined;
    const adopt = options.adopt !== undefined && options.adopt !== false && !instanced;
    if (options.adopt && instanced) warnings.push(note(diagnostics, "warning", "GRAFANA-ADOPT-INSTANCED", key, `${key.address} uses count or for_each, so its sa-autogen accounts are not adopted; new accounts are created instead.`));
    const groupable = strategy === "per-role" && !adopt && !isDynamic(key.role) && !isDynamic(key.orgId) && !isDynamic(key.stackSlug);
    if (strategy === "per-role" && !groupable && !adopt) warnings.push(note(diagnostics, "warning", "GRAFANA-UNGROUPED", key, `${key.address} has a role, org or stack that is only known when Terraform runs, so it gets its own account.`));

    let account: PlannedAccount | undefined;
    try {
      const groupKey = JSON.stringify([kind, key.meta.provider, key.orgId, key.stackSlug, key.role]);
      account = groupable ? grouped.get(groupKey) : undefined;
      const comments = splitComments(commentsOf.get(key.address), !account && !groupable);
      if (!account) {
        const accountName = adopt ? `sa-autogen-${key.name}` : renderName(accountTemplate ?? (groupable ? "sa-{role}" : "sa-{name}"), values, "account name");
        const base = groupable ? toIdentifier([key.role.toLowerCase(), key.meta.provider?.split(".")[1], key.orgId && `org${key.orgId}`, key.stackSlug].filter(Boolean).join("_")) : key.resourceName;
        const resourceName = freeName(base, TYPES[kind].account, taken);
        account = {
          kind,
          resourceName,
          address: `${TYPES[kind].account}.${resourceName}`,
          name: accountName,
          role: key.role,
          orgId: key.orgId,
          stackSlug: key.stackSlug,
          // An adopted account's deletion (a replacement, or a later edit) deletes the old key's secret with it.
          meta: { provider: key.meta.provider, ...(groupable ? {} : { count: key.meta.count, forEach: key.meta.forEach }), ...(adopt ? { lifecycle: { prevent_destroy: true } } : {}) },
          adopt: adopt ? adoption(key, kind, adoptIds.byKey.get(key.address), resourceName, taken) : undefined,
          fromKeys: [],
          ...(comments.account ? { comments: comments.account } : {}),
        };
        accounts.push(account);
        if (groupable) grouped.set(groupKey, account);
        if (adopt) warnings.push(note(diagnostics, "info", "GRAFANA-ADOPT-PREVENT-DESTROY", key, adoptedReason(key, account)));
      }
      account.fromKeys.push(key.address);
      if (groupable && variesBeyondInstances(key.name) && !isDynamic(account.name)) warnings.push(sharedAccountWarning(key, account.name, diagnostics));
      const tokenName = renderName(tokenTemplate ?? "{name}-token", values, "token name");
      if (tokenName === key.name) {
        throw new GrafanaValueError(`${where(key)}: the token would be named ${JSON.stringify(tokenName)}, like the key. ${SAME_NAME_REASON}`);
      }
      const tokenResource = freeName(key.resourceName, TYPES[kind].token, taken);
      const token: PlannedToken = {
        kind,
        resourceName: tokenResource,
        address: `${TYPES[kind].token}.${tokenResource}`,
        name: tokenName,
        account: account.address,
        secondsToLive: key.secondsToLive,
        stackSlug: key.stackSlug,
        meta: { ...key.meta, lifecycle: key.preventDestroy ? { ...key.meta.lifecycle, prevent_destroy: true } : key.meta.lifecycle },
        fromKey: key.address,
        ...(comments.token ? { comments: comments.token } : {}),
      };
      tokens.push(token);
      if (!needs.has(key.source.file)) needs.set(key.source.file, new Set());
      for (const f of keyFeatures(key, account)) needs.get(key.source.file)?.add(f);
      targets.set(key.address, { token: token.address, account: account.address, accountHasSameInstances: !groupable, instanced });
      const destroy = options.revokeLegacy === true && !key.preventDestroy;
      if (options.revokeLegacy && key.preventDestroy) {
        warnings.push(note(diagnostics, "warning", "GRAFANA-PREVENT-DESTROY", key, `${key.address} has lifecycle.prevent_destroy, so --revoke-legacy leaves it alive (forgotten, not destroyed). Revoke it in Grafana once nothing uses it.`));
      }
      removals.push({ from: key.address, destroy });
      entries.push({
        legacy: key.address,
        legacyType: key.type,
        source: key.source,
        keyName: key.name,
        role: key.role,
        ttl: describeTtl(key.secondsToLive),
        account: account.address,
        accountName: account.name,
        token: token.address,
        tokenName,
        legacyKeyFate: destroy ? "revoked (destroyed by Terraform)" : "kept (forgotten by Terraform)",
        instances: staticInstances(key.meta),
        instancedBy: key.meta.count !== undefined ? "count" : key.meta.forEach !== undefined ? "for_each" : null,
        ifConverted: converted(key, adoptIds.byKey.get(key.address)),
        warnings,
      });
    } catch (err) {
      if (!(err instanceof GrafanaValueError)) throw err;
      unplanned.add(key.address);
      diagnostics.push({ level: "error", code: "GRAFANA-NAME", address: key.address, source: key.source, message: err.message });
    }
  }
  // Names from a bad template are the defaults' names: a clash among them would be a false one.
  if (accountTemplate === options.accountName && tokenTemplate === options.tokenName) checkNameClashes(accounts, tokens, keys, files, diagnostics);
  cloudCredentialWarnings(keys, files, diagnostics);

  const rewriter = new ReferenceRewriter(LEGACY_KEY_TYPES, legacyKeyResolver(targets, unplanned));
  const pinned = pinProvider(files, files.filter((f) => f.format !== "definitions").map((f) => rewriteFile(f, rewriter, scanned.get(f))), needs);
  // Meta-arguments copied from the keys may point at other legacy keys (depends_on,
  // lifecycle.replace_triggered_by, count, for_each).
  const retarget = (meta: PlannedToken["meta"]): PlannedToken["meta"] => {
    const out = { ...meta, dependsOn: meta.dependsOn?.map((d) => rewriter.rewriteJson(d, "<generated>", true) as string) };
    if (meta.count !== undefined) out.count = rewriter.rewriteJson(meta.count, "<generated>");
    if (meta.forEach !== undefined) out.forEach = rewriter.rewriteJson(meta.forEach, "<generated>");
    if (meta.lifecycle !== undefined) out.lifecycle = rewriter.rewriteJson(meta.lifecycle, "<generated>") as typeof meta.lifecycle;
    return out;
  };
  // Arguments copied from a key may name another legacy key too: "${grafana_api_key.a.name}-2".
  const arg = <T extends string | number | undefined>(v: T): T => (typeof v === "string" ? (rewriter.rewriteJson(v, "<generated>") as T) : v);
  const finalTokens = tokens.map((t) => ({ ...t, name: arg(t.name), secondsToLive: arg(t.secondsToLive), stackSlug: arg(t.stackSlug), meta: retarget(t.meta) }));
  const finalAccounts = accounts.map((a) => ({ ...a, name: arg(a.name), role: arg(a.role), orgId: arg(a.orgId), stackSlug: arg(a.stackSlug), meta: retarget(a.meta) }));
  for (const n of rewriter.notes) diagnostics.push({ level: n.level, code: n.level === "error" ? "GRAFANA-UNKNOWN-REFERENCE" : "GRAFANA-REFERENCE", message: n.message, source: { file: n.file } });
  refusePagedLookups(accounts, keys, pinned.placements, diagnostics);

  return {
    strategy,
    accounts: finalAccounts,
    tokens: finalTokens,
    removals,
    files: pinned.files,
    rewrites: rewriter.rewrites,
    entries,
    ignored,
    diagnostics,
    requiredVersion: removals.length > 0 ? removedForm(options.engine, removals).requiredVersion : undefined,
    ...(options.engine === "opentofu" ? { engine: options.engine } : {}),
    declaresRequiredProviders: files.some(declaresRequiredProviders),
    providerConstraints: pinned.placements,
    ...(pinned.generatedVersion ? { providerVersion: pinned.generatedVersion } : {}),
  };
}

/**
 * The template, or undefined (the default) after one error when it is bad whatever key it
 * names: the plan goes on, to report the inputs' own errors, but reports no error per key.
 */
function checkedTemplate(template: string | undefined, of: "account" | "token", diagnostics: Diagnostic[]): string | undefined {
  const problem = template === undefined ? undefined : templateProblem(template, of);
  if (problem === undefined) return template;
  diagnostics.push({ level: "error", code: "GRAFANA-NAME-TEMPLATE", message: `The ${of} name template ${JSON.stringify(template)} ${problem}` });
  return undefined;
}

function rewriteFile(file: SourceFile, rewriter: ReferenceRewriter, scanned?: ScannedHcl): RewrittenFile {
  if (file.format === "hcl") {
    // Blocks that name addresses rather than use them (removed, import, moved) stay as written.
    const scan = scanned ?? scanHcl(file.text);
    const content = rewriteBlocks(file.text, scan, {
      remove: (b) => b.kind === "resource" && (LEGACY_KEY_TYPES as readonly string[]).includes(b.labels[0]),
      keep: (b) => ["removed", "import", "moved"].includes(b.kind),
      rewrite: (code, masked, offset) => rewriter.rewriteHcl(code, file.path, masked, hclBlockLocator(file.text, scan, offset)),
    }).replace(/\n*$/, "\n");
    return { path: file.path, format: "hcl", content, changed: content !== file.text, ...emptied(content, file.text) };
  }
  const doc = structuredClone(file.doc) as Record<string, TfValue>;
  const resource = doc.resource;
  if (isObject(resource)) {
    for (const type of LEGACY_KEY_TYPES) delete resource[type];
    if (Object.keys(resource).length === 0) delete doc.resource;
  }
  const out: Record<string, TfValue> = {};
  for (const [k, v] of Object.entries(doc)) out[k] = ["removed", "import", "moved", "//"].includes(k) ? v : rewriteJsonSection(k, v, (value, block) => rewriter.rewriteJson(value, file.path, false, block));
  const content = `${JSON.stringify(out, null, 2)}\n`;
  return { path: file.path, format: "json", content, changed: JSON.stringify(out) !== JSON.stringify(file.doc), ...emptied(Object.keys(out).length === 0 ? "" : content, file.text) };
}

/**
 * What users wrote on their keys: comments on and in a .tf block, or a Terraform JSON "//"
 * string. They go with the key to what replaces it rather than vanish with its block.
 */
function keyComments(files: SourceFile[], scanned: Map<SourceFile, ScannedHcl>): Map<string, CarriedComments> {
  const found = new Map<string, CarriedComments>();
  for (const file of files) {
    const scan = scanned.get(file);
    if (scan) {
      for (const b of scan.blocks) {
        if (b.kind !== "resource" || !(LEGACY_KEY_TYPES as readonly string[]).includes(b.labels[0])) continue;
        const comments = blockComments(file.text, b);
        if (comments) found.set(`${b.labels[0]}.${b.labels[1]}`, comments);
      }
      continue;
    }
    const resources = isObject(file.doc.resource) ? file.doc.resource : {};
    for (const type of LEGACY_KEY_TYPES) {
      for (const [name, body] of Object.entries(isObject(resources[type]) ? resources[type] : {})) {
        // cdktf writes "//" metadata objects there: only a plain text comment is the user's.
        const text = blocks(body)[0]?.["//"];
        if (typeof text === "string" && text.trim() !== "") found.set(`${type}.${name}`, { above: text.split("\n").map((l) => `# ${l}`.trimEnd()), args: {} });
      }
    }
  }
  return found;
}

const ACCOUNT_ARGS = new Set(["role", "org_id", "stack_slug", "cloud_stack_slug"]);

/** A key's comments between its own account (role, org, stack, and those above the key) and its token (the rest). */
function splitComments(comments: CarriedComments | undefined, ownAccount: boolean): { account?: CarriedComments; token?: CarriedComments } {
  if (!comments) return {};
  if (!ownAccount) return { token: comments };
  const rename = (name: string) => (name === "cloud_stack_slug" ? "stack_slug" : name);
  const pick = (forAccount: boolean) => Object.fromEntries(Object.entries(comments.args).filter(([n]) => ACCOUNT_ARGS.has(n) === forAccount).map(([n, c]) => [rename(n), c]));
  return { account: { above: comments.above, args: pick(true) }, token: { above: [], args: pick(false) } };
}

function headerLines(blocks: readonly HclBlock[]): Map<string, number> {
  const lines = new Map<string, number>();
  for (const b of blocks) if (b.kind === "resource" && b.labels.length === 2) lines.set(`${b.labels[0]}.${b.labels[1]}`, b.line);
  return lines;
}

function adoption(key: LegacyKey, kind: AccountKind, ids: AdoptedIds | undefined, resourceName: string, taken: Set<string>): PlannedAccount["adopt"] {
  if (ids !== undefined) return { importId: ids.importId };
  if (kind === "cloud-stack") {
    throw new GrafanaValueError(`${where(key)}: adopting a Cloud stack account needs its ID (no data source finds Cloud stack accounts by name). Pass --adopt-ids with ${JSON.stringify(key.name)} set to the ID of sa-autogen-${key.name}.`);
  }
  const lookupName = freeName(`${resourceName}_autogen`, "data.grafana_service_account", taken);
  return { lookup: { resourceName: lookupName, address: `data.grafana_service_account.${lookupName}`, name: `sa-autogen-${key.name}`, orgId: key.orgId, provider: key.meta.provider } };
}

/**
 * The data source lookup of an adopted account is refused while the module's constraint admits
 * a release before 4.22.0: those ask for the first page of the search again and again, so the
 * lookup never ends when the account is not on it. Phase 1 always admits one (< 3.0).
 */
function refusePagedLookups(accounts: PlannedAccount[], keys: LegacyKey[], placements: ConstraintPlacement[], diagnostics: Diagnostic[]): void {
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

function adoptedReason(key: LegacyKey, account: PlannedAccount): string {
  const replaces = account.kind === "cloud-stack" ? "an adopted Cloud stack account is replaced on any change of its name, role or is_disabled" : "an adopted account is replaced when its org_id changes";
  return `${account.address} adopts ${account.name} with lifecycle.prevent_destroy: ${replaces}, and deleting it deletes the old key's secret (its token) with it. Remove prevent_destroy only once nothing uses that secret.`;
}

/** The key as Grafana may have converted it already, and the request that revokes what it became. */
function converted(key: LegacyKey, ids: AdoptedIds | undefined): ConvertedKey {
  const known = ids?.tokenId !== undefined;
  const org = key.orgId !== undefined && !isDynamic(key.orgId) ? ` --org ${key.orgId}` : "";
  return {
    account: `sa-autogen-${key.name}`,
    token: key.name,
    revoke: `DELETE /api/serviceaccounts/${ids?.accountId ?? "{serviceAccountId}"}/tokens/${ids?.tokenId ?? "{tokenId}"}`,
    findIds: known ? null : `grafana-sa inspect --url <${key.stackSlug !== undefined ? "stack" : "grafana"}-url>${org} --adopt-ids-out adopt-ids.json`,
  };
}

function keyWarnings(key: LegacyKey, diagnostics: Diagnostic[]): string[] {
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
function variesBeyondInstances(name: string): boolean {
  return isDynamic(name.replace(/\$\{\s*(?:count\.index|each\.key|each\.value)\s*\}/g, ""));
}

function sharedAccountWarning(key: LegacyKey, accountName: string, diagnostics: Diagnostic[]): string {
  return note(
    diagnostics,
    "warning",
    "GRAFANA-PER-ROLE-SHARED-NAME",
    key,
    `${key.address} builds its name with an expression (${key.name}), as a configuration applied from several workspaces or with several variable values does, but --strategy per-role puts its token on the account ${JSON.stringify(accountName)}, named per org and role only: the accounts of several workspaces in one org would clash (Grafana refuses a second account of that name). Put the workspace in the account name template (--account-name "sa-{role}-\${terraform.workspace}") or migrate per key (--strategy per-key).`,
  );
}

function note(diagnostics: Diagnostic[], level: Diagnostic["level"], code: string, key: LegacyKey, message: string): string {
  diagnostics.push({ level, code, message, address: key.address, source: key.source });
  return `${code}: ${message}`;
}

function checkNameClashes(accounts: PlannedAccount[], tokens: PlannedToken[], keys: LegacyKey[], files: SourceFile[], diagnostics: Diagnostic[]): void {
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
    const provider = typeof body.provider === "string" ? body.provider.replace(/^\$\{(.*)\}$/, "$1") : undefined;
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

function cloudCredentialWarnings(keys: LegacyKey[], files: SourceFile[], diagnostics: Diagnostic[]): void {
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

function existingResources(files: SourceFile[]): [string, string, Record<string, TfValue>][] {
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

function existingResourceNames(files: SourceFile[]): Set<string> {
  const taken = new Set<string>();
  for (const [type, name] of existingResources(files)) taken.add(`${type}.${name}`);
  for (const f of files) {
    const data = isObject(f.doc.data) ? f.doc.data : {};
    for (const [type, byName] of Object.entries(data)) if (isObject(byName)) for (const name of Object.keys(byName)) taken.add(`data.${type}.${name}`);
  }
  return taken;
}

/** `base`, or `base_2`, ... whichever address is still free; the chosen one is taken. */
function freeName(base: string, type: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(`${type}.${candidate}`); n++) candidate = `${base}_${n}`;
  taken.add(`${type}.${candidate}`);
  return candidate;
}

function declaresRequiredProviders(file: SourceFile): boolean {
  return blocks((file.doc as TfDocument).terraform).some((t) => t.required_providers !== undefined);
}

function describeTtl(seconds: number | string | undefined): string {
  if (seconds === undefined || seconds === 0) return "never";
  return typeof seconds === "number" ? Ttl.describeSeconds(seconds) : String(seconds);
}

function where(key: LegacyKey): string {
  return `${key.source.file}${key.source.line ? `:${key.source.line}` : ""}: ${key.address}`;
}
