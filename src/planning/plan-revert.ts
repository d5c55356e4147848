import { isApiKeyRole } from "../model/role";
import { HclBlock, HclFile } from "../hcl/file";
import { Diagnostic, emptied, RewrittenFile, SourceFile } from "./plan";
import { ReferenceRewriter, Resolver } from "./references";
import { blocks, isObject, TfObject, TfValue } from "../hcl/tf-json";
import { soleExpression } from "../hcl/template";
import type { CarriedComments } from "../hcl/comments";
import { revertComments, RevertedBlocks } from "./revert-comments";

const ACCOUNT = "grafana_service_account";
const TOKEN = "grafana_service_account_token";

export interface RevertOptions {
  /** Token addresses to revert. @default every token */
  readonly tokens?: string[];
  /**
   * Revert every token of the accounts involved. Without it, an account that holds tokens not
   * asked for is refused: Grafana deletes the account with all of them.
   */
  readonly wholeAccounts?: boolean;
}

/** One token that goes back to being an API key. */
export interface RevertedToken {
  readonly token: string;
  readonly account: string;
  readonly key: string;
  readonly keyName: string;
  readonly role: string;
}

export interface RevertPlan {
  readonly reverted: RevertedToken[];
  readonly files: RewrittenFile[];
  /** The grafana_api_key resources to add, as Terraform JSON bodies by resource name. */
  readonly keys: Record<string, TfObject>;
  /** The outputs grafana-sa migrate added for the reverted tokens' secrets, taken out with them. */
  readonly removedOutputs?: string[];
  /**
   * The migration's generated file went (nothing of it was left) with the module's only
   * required_providers list: the revert's generated file lists the provider instead.
   */
  readonly listsProviders?: boolean;
  /** Comments the keys take back from their accounts and tokens, by the key's resource name (HCL output writes them). */
  readonly comments?: Record<string, CarriedComments>;
  readonly diagnostics: Diagnostic[];
}

interface Found {
  readonly address: string;
  readonly resourceName: string;
  readonly body: TfObject;
  readonly file: string;
}

/**
 * Emergency revert: service account tokens back to grafana_api_key, and their accounts removed
 * from the configuration. When Terraform deletes an account, Grafana deletes every token it
 * holds, so an account with tokens not asked for is refused unless wholeAccounts is set.
 * (Grafana's own revert endpoint, 9.1 to 9.4 only, refused accounts with more than one token.)
 */
export function planRevert(files: SourceFile[], options: RevertOptions = {}): RevertPlan {
  const diagnostics: Diagnostic[] = [];
  const accounts = new Map(collect(files, ACCOUNT).map((a) => [a.address, a]));
  // hcl2json sorts names; the keys come back in the order the tokens are written, as the
  // migration ordered them, so migrating the reverted module again gives the same file.
  const tokens = inWrittenOrder(files, collect(files, TOKEN));
  const accountOf = (t: Found) => {
    const ref = soleExpression(t.body.service_account_id) ?? "";
    // An account with count/for_each is named with its instance: grafana_service_account.x[count.index].id.
    const name = /^grafana_service_account\.([\w-]+)(?:\[[^\]]*\])?\.id$/.exec(ref)?.[1];
    return name === undefined ? undefined : `${ACCOUNT}.${name}`;
  };
  // Lookups by address and by account, built once: a find per token or per reference is O(n^2).
  const declared = new Set(tokens.map((t) => t.address));
  const tokensOf = new Map<string, string[]>();
  for (const t of tokens) {
    const account = accountOf(t);
    if (account === undefined) continue;
    const list = tokensOf.get(account) ?? [];
    list.push(t.address);
    tokensOf.set(account, list);
  }
  const wanted = new Set(options.tokens ?? tokens.map((t) => t.address));
  for (const address of wanted) if (!declared.has(address)) diagnostics.push({ level: "error", code: "GRAFANA-REVERT-UNKNOWN", message: `${address} is not a grafana_service_account_token in the inputs.` });

  const selected = new Set<string>();
  for (const token of tokens.filter((t) => wanted.has(t.address))) {
    const account = accountOf(token);
    if (!account || !accounts.has(account)) {
      diagnostics.push({ level: "error", code: "GRAFANA-REVERT-ACCOUNT", message: `${token.file}: ${token.address} does not name its account as grafana_service_account.<name>.id, so it cannot be reverted.` });
      continue;
    }
    const siblings = (tokensOf.get(account) ?? []).filter((t) => !wanted.has(t));
    if (siblings.length > 0 && !options.wholeAccounts) {
      diagnostics.push({ level: "error", code: "GRAFANA-REVERT-OTHER-TOKENS", message: `${account} also holds ${siblings.join(", ")}. Reverting deletes the account and every token on it. Revert them too, or pass --whole-accounts to revert all of them to keys.` });
      continue;
    }
    selected.add(token.address);
    siblings.forEach((s) => selected.add(s));
  }

  const reverted: RevertedToken[] = [];
  const keys: Record<string, TfObject> = {};
  const named = takenNames(files);
  const removedAccounts = new Set<string>();
  const sources: RevertedBlocks[] = [];
  for (const token of tokens.filter((t) => selected.has(t.address))) {
    const account = accounts.get(accountOf(token) as string) as Found;
    const role = account.body.role;
    if (typeof role !== "string" || (!isApiKeyRole(role) && !soleExpression(role))) {
      diagnostics.push({ level: "error", code: "GRAFANA-REVERT-ROLE", message: `${account.address} has role ${JSON.stringify(role)}; an API key can only be Viewer, Editor or Admin.` });
      continue;
    }
    const keyName = revertedName(String(token.body.name).replace(/-token$/, ""), named);
    const body: TfObject = { name: keyName, role };
    for (const meta of ["seconds_to_live", "count", "for_each", "depends_on", "provider", "lifecycle"]) if (token.body[meta] !== undefined) body[meta] = asTerraformJson(meta, token.body[meta]);
    if (account.body.org_id !== undefined) body.org_id = account.body.org_id;
    keys[token.resourceName] = body;
    sources.push({ key: `grafana_api_key.${token.resourceName}`, token: { address: token.address, file: token.file }, account: { address: account.address, file: account.file }, withAccount: !removedAccounts.has(account.address) });
    removedAccounts.add(account.address);
    reverted.push({ token: token.address, account: account.address, key: `grafana_api_key.${token.resourceName}`, keyName, role });
  }

  const byToken = new Map(reverted.map((r) => [r.token, r]));
  const byAccount = new Map<string, RevertedToken[]>();
  for (const r of reverted) {
    const list = byAccount.get(r.account) ?? [];
    list.push(r);
    byAccount.set(r.account, list);
  }
  const resolve: Resolver = (address, index, attribute) => {
    const onAccount = byAccount.get(address) ?? [];
    const r = byToken.get(address) ?? (onAccount.length === 1 ? onAccount[0] : undefined);
    if (!r) return removedAccounts.has(address) ? { error: `${address} is removed by the revert and has several tokens; rewrite this reference by hand.` } : { to: `${address}${index}${attribute ? `.${attribute}` : ""}` };
    if (address === r.account && attribute !== "role" && attribute !== "org_id") return { error: `${address}.${attribute} has no equivalent on an API key; rewrite it by hand.` };
    return { to: `${r.key}${index}${attribute ? `.${attribute}` : ""}` };
  };
  const rewriter = new ReferenceRewriter([ACCOUNT, TOKEN], resolve);
  // A reverted token may depend on another one (depends_on, replace_triggered_by, count, ...).
  for (const [name, body] of Object.entries(keys)) keys[name] = rewriter.rewriteJson(body, "<revert>") as TfObject;
  const outputs = generatedOutputs(files, new Set(reverted.map((r) => r.token)));
  const gone = new Set([...removedAccounts, ...reverted.map((r) => r.token), ...[...outputs].map((o) => `output.${o}`)]);
  // A removed block left by the migration would make Terraform reject the key declared again.
  const recreated = new Set(reverted.map((r) => r.key));
  const out = files.filter((f) => f.format !== "definitions").map((f) => leftEmpty(f, rewrite(f, gone, recreated, rewriter)));
  for (const n of rewriter.notes) diagnostics.push({ level: n.level, code: "GRAFANA-REVERT-REFERENCE", message: n.message, source: { file: n.file } });
  // Only the migration's own settings held the provider list, and they went with its file.
  const listing = (f: SourceFile) => blocks(f.doc.terraform).some((t) => t.required_providers !== undefined);
  const kept = new Set(out.filter((f) => !f.deleted).map((f) => f.path));
  const listsProviders = files.some((f) => listing(f)) && !files.some((f) => listing(f) && (kept.has(f.path) || f.format === "definitions"));
  const { carried, uncarried } = revertComments(files, sources);
  for (const key of uncarried) diagnostics.push({ level: "warning", code: "GRAFANA-REVERT-COMMENTS", message: `${key}: its account or token has a Terraform JSON "//" comment, which the revert does not carry to the key; copy it by hand if it still applies.` });
  return { reverted, files: out, keys, removedOutputs: [...outputs], listsProviders, ...(Object.keys(carried).length > 0 ? { comments: carried } : {}), diagnostics };
}

/**
 * Names of keys and tokens in the inputs. Grafana keeps keys and tokens in one table, unique
 * per org and name, and the names a revert would give back are taken there still: by the key
 * the migration only forgot, by the token Grafana made of it, by the token being reverted
 * (the keys are created before it goes). So a reverted key is named `{name}-reverted`.
 */
function takenNames(files: SourceFile[]): Set<string> {
  const names = new Set<string>();
  for (const type of ["grafana_api_key", TOKEN]) for (const found of collect(files, type)) if (typeof found.body.name === "string") names.add(found.body.name);
  return names;
}

/** `{base}-reverted`, or `{base}-reverted-2`, ... when the inputs name a key or token so already; the chosen one is taken. */
function revertedName(base: string, taken: Set<string>): string {
  let name = `${base}-reverted`;
  for (let n = 2; taken.has(name); n++) name = `${base}-reverted-${n}`;
  taken.add(name);
  return name;
}

/** The sensitive outputs grafana-sa migrate wrote for these tokens (tokenOutputs): their description and value say so. */
function generatedOutputs(files: SourceFile[], tokens: Set<string>): Set<string> {
  const found = new Set<string>();
  for (const f of files) {
    for (const [name, body] of Object.entries(isObject(f.doc.output) ? f.doc.output : {})) {
      const b = blocks(body)[0];
      const value = soleExpression(b?.value) ?? "";
      const token = /^(?:\{ for k, t in )?([\w-]+\.[\w-]+)(?:\[\*\])?(?:\.key| : k => t\.key \})$/.exec(value)?.[1];
      if (token && tokens.has(token) && /^The token that replaces grafana_(?:cloud_stack_)?api_key\.[\w-]+\.$/.test(String(b.description))) found.add(name);
    }
  }
  return found;
}

// The file grafana-sa migrate generates (grafana-service-accounts.tf, or -2.tf and so on beside an older one).
const GENERATED = /(?:^|[\\/])grafana-service-accounts(?:-\d+)?\.tf(?:\.json)?$/;

/**
 * The migration's generated file once the revert took its accounts, tokens, outputs and
 * removed blocks out: if only its terraform settings (required_version for removed blocks,
 * the provider list) are left, it goes entirely, as before the migration.
 */
function leftEmpty(source: SourceFile, file: RewrittenFile): RewrittenFile {
  if (!GENERATED.test(source.path) || file.deleted || !file.changed) return file;
  const settingsOnly = (t: TfObject) =>
    Object.keys(t).every((k) => k === "required_version" || k === "required_providers") &&
    blocks(t.required_providers).every((p) => Object.keys(p).every((name) => name === "grafana"));
  if (file.format === "hcl") {
    const { blocks: written } = HclFile.of(file.content);
    // Comments outside the blocks are someone's words: then the file stays.
    let outside = file.content;
    for (const b of [...written].reverse()) outside = outside.slice(0, b.start) + outside.slice(b.end);
    if (outside.trim() !== "" || written.some((b) => b.kind !== "terraform")) return file;
  } else {
    const doc = JSON.parse(file.content) as TfObject;
    if (Object.keys(doc).some((k) => k !== "terraform")) return file;
  }
  return blocks(source.doc.terraform).every(settingsOnly) ? { ...file, deleted: true } : file;
}

/**
 * A meta-argument in Terraform JSON form. hcl2json writes references as "${grafana.sa}" and
 * blocks as lists; provider, depends_on and the lifecycle lists take bare strings in JSON.
 */
function asTerraformJson(meta: string, value: TfValue): TfValue {
  const bare = (v: TfValue): TfValue => (Array.isArray(v) ? v.map(bare) : soleExpression(v) ?? v);
  if (meta === "provider" || meta === "depends_on") return bare(value);
  if (meta !== "lifecycle") return value;
  const lifecycle: TfObject = { ...(blocks(value)[0] ?? {}) };
  for (const attr of ["ignore_changes", "replace_triggered_by"]) if (lifecycle[attr] !== undefined) lifecycle[attr] = bare(lifecycle[attr]);
  return lifecycle;
}

function inWrittenOrder(files: SourceFile[], found: Found[]): Found[] {
  const position = new Map<string, number>();
  files.forEach((f, i) => {
    if (f.format !== "hcl") return;
    for (const b of (f.hcl ?? HclFile.of(f.text)).blocks) if (b.kind === "resource" && b.labels[0] === TOKEN) position.set(`${f.path}\0${TOKEN}.${b.labels[1]}`, i * 1e9 + b.line);
  });
  const at = (t: Found) => position.get(`${t.file}\0${t.address}`) ?? files.findIndex((f) => f.path === t.file) * 1e9;
  return found.map((t, i) => ({ t, i })).sort((a, b) => at(a.t) - at(b.t) || a.i - b.i).map(({ t }) => t);
}

function collect(files: SourceFile[], type: string): Found[] {
  const out: Found[] = [];
  for (const f of files) {
    const byName = isObject(f.doc.resource) && isObject(f.doc.resource[type]) ? (f.doc.resource[type] as Record<string, TfValue>) : {};
    for (const [name, body] of Object.entries(byName)) for (const b of blocks(body)) out.push({ address: `${type}.${name}`, resourceName: name, body: b, file: f.path });
  }
  return out;
}

function rewrite(file: SourceFile, gone: Set<string>, recreated: Set<string>, rewriter: ReferenceRewriter): RewrittenFile {
  if (file.format === "hcl") {
    const hcl = file.hcl ?? HclFile.of(file.text);
    const removedFrom = (b: HclBlock) => /^[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/.exec(hcl.blockArgument(b, "from") ?? "")?.[0] ?? "";
    const content = hcl.rewriteBlocks({
      remove: (b) =>
        (b.kind === "resource" && gone.has(`${b.labels[0]}.${b.labels[1]}`)) || (b.kind === "output" && gone.has(`output.${b.labels[0]}`)) || (b.kind === "removed" && recreated.has(removedFrom(b))),
      keep: () => false,
      ...rewriter.renaming(file.path),
    }).replace(/\n*$/, "\n");
    return { path: file.path, format: "hcl", content, changed: content !== file.text, ...emptied(content, file.text) };
  }
  const doc = structuredClone(file.doc) as Record<string, TfValue>;
  if (isObject(doc.resource)) {
    for (const address of gone) {
      const [type, name] = address.split(".");
      const byType = doc.resource[type];
      if (isObject(byType)) {
        delete byType[name];
        if (Object.keys(byType).length === 0) delete doc.resource[type];
      }
    }
    if (Object.keys(doc.resource).length === 0) delete doc.resource;
  }
  if (isObject(doc.output)) {
    for (const name of Object.keys(doc.output)) if (gone.has(`output.${name}`)) delete doc.output[name];
    if (Object.keys(doc.output).length === 0) delete doc.output;
  }
  if (doc.removed !== undefined) {
    const kept = blocks(doc.removed).filter((b) => !recreated.has(soleExpression(b.from) ?? String(b.from)));
    if (kept.length > 0) doc.removed = kept;
    else delete doc.removed;
  }
  const rewritten = rewriter.rewriteJson(doc as TfValue, file.path);
  const content = `${JSON.stringify(rewritten, null, 2)}\n`;
  const empty = isObject(rewritten) && Object.keys(rewritten).length === 0;
  return { path: file.path, format: "json", content, changed: JSON.stringify(rewritten) !== JSON.stringify(file.doc), ...emptied(empty ? "" : content, file.text) };
}
