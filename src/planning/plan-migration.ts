import { GrafanaValueError } from "../model/errors";
import { Ttl } from "../model/ttl";
import { staticInstances } from "./instances";
import { findLegacyKeys, IgnoredKey, LEGACY_KEY_TYPES, LegacyKey, toIdentifier } from "./legacy";
import { renderName, SAME_NAME_REASON, templateProblem } from "./names";
import { removedForm } from "./engine";
import type { AccountKind, ConvertedKey, Diagnostic, MigrationOptions, MigrationPlan, PlannedAccount, PlannedRemoval, PlannedToken, ReportEntry, SourceFile } from "./plan";
import { legacyKeyResolver, ReferenceRewriter, ReferenceTarget } from "./references";
import type { ProviderFeature } from "./provider-constraint";
import { keyFeatures, pinProvider } from "./provider-pin";
import { AdoptedIds, resolveAdoptIds } from "./adopt-ids";
import { headerLines, hclInputs, keyComments, rewriteFile, splitComments } from "./migration-files";
import { adoptedReason, checkNameClashes, cloudCredentialWarnings, existingResources, keyWarnings, note, refusePagedLookups, sharedAccountWarning, variesBeyondInstances, where } from "./migration-checks";
import { blocks, isObject, TfDocument } from "../hcl/tf-json";
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
  const hclFiles = hclInputs(files);
  for (const file of files) {
    const lines = headerLines(hclFiles.get(file));
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

  const commentsOf = keyComments(files, hclFiles);
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
        if (adopt) warnings.push(note(diagnostics, "info", "GRAFANA-ADOPT-PREVENT-DESTROY", key, adoptedReason(account)));
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
  const pinned = pinProvider(files, files.filter((f) => f.format !== "definitions").map((f) => rewriteFile(f, rewriter, hclFiles.get(f))), needs);
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

function adoption(key: LegacyKey, kind: AccountKind, ids: AdoptedIds | undefined, resourceName: string, taken: Set<string>): PlannedAccount["adopt"] {
  if (ids !== undefined) return { importId: ids.importId };
  if (kind === "cloud-stack") {
    throw new GrafanaValueError(`${where(key)}: adopting a Cloud stack account needs its ID (no data source finds Cloud stack accounts by name). Pass --adopt-ids with ${JSON.stringify(key.name)} set to the ID of sa-autogen-${key.name}.`);
  }
  const lookupName = freeName(`${resourceName}_autogen`, "data.grafana_service_account", taken);
  return { lookup: { resourceName: lookupName, address: `data.grafana_service_account.${lookupName}`, name: `sa-autogen-${key.name}`, orgId: key.orgId, provider: key.meta.provider } };
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

