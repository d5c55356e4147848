/**
 * The migration pipeline as the CLI runs it, for tests: parse the inputs (HCL with
 * @cdktf/hcl2json, Terraform JSON with JSON.parse), plan, synthesize the generated file in
 * JSON and HCL, and the checks every migrated module must pass.
 */
import { parse } from "@cdktf/hcl2json";
import { spawnSync } from "child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { format } from "@cdktf/hcl-tools";
import { formatBlocks } from "../../src/hcl/format-blocks";
import { MigrationStack } from "../../src/constructs/migration-stack";
import { toHcl, toTerraformJson } from "../../src/hcl/config-blocks";
import { migrationConfig, PROVIDER_SOURCE } from "../../src/planning/generated-config";
import { topLevelBlocks } from "../../src/hcl/blocks";
import { maskHcl, maskTemplate } from "../../src/hcl/scan";
import type { MigrationOptions, MigrationPlan, RewrittenFile, SourceFile } from "../../src/planning/plan";
import { planMigration } from "../../src/planning/plan-migration";
import type { TfDocument } from "../../src/hcl/tf-json";
import { synthesize } from "../../src/synth/synthesize";
import { DOUBLE_OVERRIDE_FILE, doubleOverride, legacyPinOf, moduleTexts } from "../../e2e/support/double-pin";
import { providerSchemaErrors } from "../support/provider-schema";

export const CORPUS = path.resolve(__dirname, "../corpus");
export const REPO = path.resolve(__dirname, "../..");

/** The generated file's name inside the migrated module. */
export const GENERATED_FILE = "grafana-migration.tf";

/** One input file, parsed the way the CLI parses it. */
export async function sourceFile(name: string, text: string): Promise<SourceFile> {
  if (name.endsWith(".tf.json")) return { path: name, format: "json", text, doc: JSON.parse(text) as TfDocument };
  return { path: name, format: "hcl", text, doc: (await parse(name, text)) as TfDocument };
}

/** Every *.tf and *.tf.json directly in `dir`, by name, with paths relative to it. */
export async function readModule(dir: string): Promise<SourceFile[]> {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".tf") || n.endsWith(".tf.json"))
    .sort();
  return Promise.all(names.map((n) => sourceFile(n, readFileSync(path.join(dir, n), "utf8"))));
}

export interface Migrated {
  readonly inputs: SourceFile[];
  readonly plan: MigrationPlan;
  /** The generated file as cdk.tf.json text and parsed. */
  readonly jsonText: string;
  readonly json: any;
  /** The generated file as HCL. */
  readonly hcl: string;
  /** What the CLI writes for the same plan, rendered without cdktf (no token outputs here). */
  readonly cli: { readonly json: Record<string, unknown>; readonly hcl: string };
}

/** Plans and, unless the plan has errors, synthesizes the generated file in both forms. */
export async function migrate(inputs: SourceFile[], options: MigrationOptions = {}): Promise<Migrated> {
  const plan = planMigration(inputs, options);
  if (plan.diagnostics.some((d) => d.level === "error")) return { inputs, plan, jsonText: "", json: {}, hcl: "", cli: { json: {}, hcl: "" } };
  const [stack] = await synthesize((app) => new MigrationStack(app, "migration", { plan }), ["json", "hcl"]);
  const blocks = migrationConfig(plan, []);
  const cli = { json: toTerraformJson(blocks), hcl: await formatBlocks(blocks) };
  // The block-shape cache must give hclwrite's own bytes for the whole file.
  const direct = await format(toHcl(blocks));
  if (cli.hcl !== direct) throw new Error(`formatBlocks differs from hclwrite on the whole file:\n${cli.hcl}\n---\n${direct}`);
  return { inputs, plan, jsonText: stack.json, json: JSON.parse(stack.json), hcl: stack.hcl, cli };
}

/** A Terraform JSON document without its "//" properties: cdktf's metadata, or the CLI's carried comments (MigrationStack has none). */
export const withoutComments = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(withoutComments) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== "//").map(([k, x]) => [k, withoutComments(x)])) : v;

/**
 * MigrationStack's document as Terraform reads it: without cdktf's "//" metadata, and with the
 * provider source as people write it (cdktf spells out registry.terraform.io/).
 */
export function synthesizedDocument(m: Migrated): unknown {
  const doc = withoutComments(m.json) as any;
  const grafana = doc.terraform?.required_providers?.grafana;
  if (grafana?.source === `registry.terraform.io/${PROVIDER_SOURCE}`) grafana.source = PROVIDER_SOURCE;
  return doc;
}

/** Both HCL forms of the generated file parsed back with hcl2json, normalized as above. */
export async function parsedGenerated(m: Migrated): Promise<{ synthesized: unknown; cli: unknown }> {
  const synthesized = (await parse("synth.tf", m.hcl)) as any;
  for (const t of synthesized.terraform ?? []) for (const rp of t.required_providers ?? []) if (rp.grafana?.source === `registry.terraform.io/${PROVIDER_SOURCE}`) rp.grafana.source = PROVIDER_SOURCE;
  return { synthesized, cli: await parse("cli.tf", m.cli.hcl) };
}

export const errorsOf = (plan: MigrationPlan) => plan.diagnostics.filter((d) => d.level === "error");
export const codesOf = (plan: MigrationPlan) => [...new Set(plan.diagnostics.map((d) => d.code))].sort();

const LEGACY_REFERENCE = /(?<![\w.-])(?:grafana_api_key|grafana_cloud_stack_api_key)\.[A-Za-z_][\w-]*/g;
const ADDRESS_BLOCKS = ["removed", "import", "moved"];

/**
 * References to legacy keys left in a file: in expression code only (comments and literal
 * text are not references) and outside removed/import/moved blocks, which name addresses.
 */
export function legacyReferencesIn(file: Pick<RewrittenFile, "format" | "content">): string[] {
  if (file.format === "hcl") {
    const masked = maskHcl(file.content).split("");
    for (const block of topLevelBlocks(file.content)) if (ADDRESS_BLOCKS.includes(block.kind)) masked.fill(" ", block.start, block.end);
    return [...masked.join("").matchAll(LEGACY_REFERENCE)].map((m) => m[0]);
  }
  const found: string[] = [];
  const walk = (value: unknown, bare: boolean): void => {
    if (typeof value === "string") found.push(...[...(bare ? value : maskTemplate(value)).matchAll(LEGACY_REFERENCE)].map((m) => m[0]));
    else if (Array.isArray(value)) value.forEach((v) => walk(v, bare));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "//") walk(v, k === "depends_on" || k === "replace_triggered_by");
  };
  for (const [k, v] of Object.entries(JSON.parse(file.content))) if (!ADDRESS_BLOCKS.includes(k) && k !== "//") walk(v, false);
  return found;
}

/** The generated file as HCL text in the migrated module (as the CLI writes it), with the legacy references it may name. */
export function generatedFile(m: Migrated): Pick<RewrittenFile, "path" | "format" | "content"> {
  return { path: GENERATED_FILE, format: "hcl", content: m.cli.hcl };
}

/**
 * Problems of the generated JSON against the real provider schema. When an input lists
 * required_providers the generated file must not (one list per module); the check then
 * reads the input's grafana entry, which must exist.
 */
export function schemaErrors(m: Migrated): string[] {
  return [...schemaErrorsOf(m, m.json), ...schemaErrorsOf(m, m.cli.json).map((e) => `CLI: ${e}`)];
}

function schemaErrorsOf(m: Migrated, generated: unknown): string[] {
  const json = structuredClone(generated) as any;
  if (m.plan.declaresRequiredProviders) {
    if (json.terraform?.required_providers !== undefined) return ["the generated file lists required_providers although an input does"];
    const grafana = m.inputs.flatMap((f) => [f.doc.terraform].flat()).map((t: any) => t?.required_providers).flat().find((rp: any) => rp?.grafana)?.grafana;
    if (!grafana) return ["an input lists required_providers without grafana, and the generated file adds none"];
    json.terraform = { ...json.terraform, required_providers: { grafana } };
  }
  return providerSchemaErrors(json);
}

/** Hides credentials before text reaches a snapshot or the console. */
export function redact(text: string): string {
  return text
    .replace(/(\b(?:auth|cloud_api_key|cloud_access_policy_token|sm_access_token|oncall_access_token|password|secret_string)\s*=\s*)"[^"\n]*"/g, '$1"<redacted>"')
    .replace(/("(?:auth|cloud_api_key|cloud_access_policy_token|password)"\s*:\s*)"[^"\n]*"/g, '$1"<redacted>"');
}

// ---------------------------------------------------------------------------------------
// terraform validate, when a terraform >= 1.7 and the grafana provider are at hand

export interface TerraformSetup {
  readonly binary: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Set when no real release is installed and terraform runs against the provider TEST DOUBLE's
   * mirror (.toolchain/terraformrc-double: 1.43.0, 2.19.0 and 4.45.1, each with its real schema):
   * each validation then pins the release a user of those files would be on (legacyPinOf).
   */
  readonly double?: boolean;
}

/** Provider versions in the filesystem mirror that hold a provider binary (unpacked or zipped). */
function mirroredVersions(providerDir: string): string[] {
  if (!existsSync(providerDir)) return [];
  const versions = new Set<string>();
  for (const entry of readdirSync(providerDir)) {
    const zipped = /^terraform-provider-grafana_([^_]+)_[^_]+_[^_]+\.zip$/.exec(entry);
    if (zipped) versions.add(zipped[1]);
    const dir = path.join(providerDir, entry);
    if (!statSync(dir).isDirectory()) continue;
    for (const platform of readdirSync(dir)) {
      const platformDir = path.join(dir, platform);
      if (statSync(platformDir).isDirectory() && readdirSync(platformDir).some((f) => f.startsWith("terraform-provider-grafana"))) versions.add(entry);
    }
  }
  return [...versions];
}

let setup: TerraformSetup | string | undefined;

/** How to run terraform validate here, or why it cannot run. Decided once. */
export function terraformSetup(): TerraformSetup | string {
  if (setup !== undefined) return setup;
  let rc = path.join(REPO, ".toolchain/terraformrc");
  if (!existsSync(rc)) return (setup = "no .toolchain/terraformrc (scripts/install-toolchain.sh builds it)");
  const mirrorOf = (file: string) => /path\s*=\s*"([^"]+)"/.exec(readFileSync(file, "utf8"))?.[1];
  let mirror = mirrorOf(rc);
  let versions = mirror ? mirroredVersions(path.join(mirror, "registry.terraform.io/grafana/grafana")) : [];
  const doubleRc = path.join(REPO, ".toolchain/terraformrc-double");
  const double = versions.length === 0 && existsSync(doubleRc);
  if (double) {
    rc = doubleRc;
    mirror = mirrorOf(rc);
    versions = mirror ? mirroredVersions(path.join(mirror, "registry.terraform.io/grafana/grafana")) : [];
  }
  if (versions.length === 0) return (setup = `the filesystem mirror ${mirror ?? "(none)"} holds no grafana provider`);
  const candidates = [process.env.TERRAFORM, "terraform", path.join(REPO, ".toolchain/bin/terraform")].filter((c): c is string => !!c);
  for (const binary of candidates) {
    const version = spawnSync(binary, ["version", "-json"], { encoding: "utf8" });
    if (version.status !== 0) continue;
    const [major, minor] = String(JSON.parse(version.stdout).terraform_version).split(".").map(Number);
    if (major > 1 || (major === 1 && minor >= 7)) return (setup = { binary, double, env: { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" } });
  }
  return (setup = "no terraform >= 1.7 on PATH");
}

/**
 * Writes the migrated module (rewritten inputs plus the generated file) to a temporary
 * directory, runs `terraform init -backend=false` once, then `terraform validate` twice: with
 * the generated file as HCL (what `synth --hcl` writes) and as cdk.tf.json (what
 * `cdktf deploy` runs). Returns the problems (empty when both are valid), or undefined when
 * validation cannot run here (the reason is logged once).
 */
export function terraformValidate(m: Migrated, moduleDir?: string): string[] | undefined {
  const rewritten = m.plan.files.map((f) => ({ path: f.path, content: f.content }));
  return validateVariants(
    [
      [...rewritten, { path: GENERATED_FILE, content: m.hcl }],
      [...rewritten, { path: `${GENERATED_FILE}.json`, content: m.jsonText }],
      [...rewritten, { path: GENERATED_FILE, content: m.cli.hcl }],
      [...rewritten, { path: `${GENERATED_FILE}.json`, content: JSON.stringify(m.cli.json) }],
    ],
    moduleDir,
  );
}

/** terraform validate on the legacy inputs themselves (with the double: its 2.19.0 or 1.43.0). */
export function terraformValidateInputs(inputs: SourceFile[], moduleDir?: string): string[] | undefined {
  return validateVariants([inputs.map((f) => ({ path: f.path, content: f.text }))], moduleDir);
}

/** Validates each set of files in turn in one initialized directory. */
function validateVariants(variants: { path: string; content: string }[][], moduleDir?: string): string[] | undefined {
  const tf = terraformSetup();
  if (typeof tf === "string") {
    logSkip(`terraform validate skipped: ${tf}`);
    return undefined;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "grafana-migrated-"));
  try {
    // Local modules the inputs call (./modules/...), as they sit next to the inputs.
    if (moduleDir) for (const entry of readdirSync(moduleDir)) if (entry !== "expected" && statSync(path.join(moduleDir, entry)).isDirectory()) cpSync(path.join(moduleDir, entry), path.join(dir, entry), { recursive: true });
    const pin = tf.double ? legacyPinOf([...variants.flat().map((f) => f.content), ...(moduleDir ? moduleTexts(moduleDir) : [])]) : undefined;
    // An override file replaces the module's grafana requirement (Terraform merges *_override.tf last).
    if (pin) writeFileSync(path.join(dir, DOUBLE_OVERRIDE_FILE), doubleOverride(pin));
    const run = (args: string[]) => spawnSync(tf.binary, args, { cwd: dir, env: tf.env, encoding: "utf8" });
    const problems: string[] = [];
    for (const files of variants) {
      for (const f of files) writeFileSync(path.join(dir, f.path), f.content);
      if (!existsSync(path.join(dir, ".terraform"))) {
        const init = run(["init", "-backend=false", "-input=false", "-no-color"]);
        if (init.status !== 0) return [`terraform init: ${redact(init.stdout + init.stderr)}`];
      }
      const validate = run(["validate", "-no-color"]);
      if (validate.status !== 0) problems.push(`terraform validate with ${files.map((f) => f.path).join(", ")}: ${redact(validate.stdout + validate.stderr)}`);
      for (const f of files) rmSync(path.join(dir, f.path));
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const logged = new Set<string>();
function logSkip(message: string): void {
  if (logged.has(message)) return;
  logged.add(message);
  console.log(message);
}

// ---------------------------------------------------------------------------------------
// What every migration must keep: one token per key, with the key's role, lifetime, org,
// stack, provider and count/for_each, on an account no wider than the key.

const RANK: Record<string, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };
const LEGACY_TYPES = ["grafana_api_key", "grafana_cloud_stack_api_key"];

/** "${x}" -> "x"; other values as they are. */
const unwrap = (v: unknown) => (typeof v === "string" ? v.replace(/^\$\{([^]*)\}$/, "$1") : v);
const blockBody = (v: any) => (Array.isArray(v) ? v[0] : v);
const withoutMeta = (v: any) => Object.fromEntries(Object.entries(v ?? {}).filter(([k]) => k !== "//"));

export interface KeyInput {
  readonly address: string;
  readonly body: Record<string, any>;
}

/** The legacy keys of the inputs, read straight from the parsed documents. */
export function inputKeys(inputs: SourceFile[]): KeyInput[] {
  const keys: KeyInput[] = [];
  for (const f of inputs) {
    for (const type of LEGACY_TYPES) {
      for (const [name, body] of Object.entries(((f.doc.resource ?? {}) as any)[type] ?? {})) keys.push({ address: `${type}.${name}`, body: withoutMeta(blockBody(body)) });
    }
  }
  return keys;
}

/** "${grafana_service_account.x[count.index].id}" -> ["grafana_service_account", "x", "[count.index]"] */
export function accountReference(serviceAccountId: unknown): [string, string, string] | undefined {
  const m = /^\$\{(grafana_(?:cloud_stack_)?service_account)\.([\w-]+)(\[[^\]]*\])?\.id\}$/.exec(String(serviceAccountId));
  return m ? [m[1], m[2], m[3] ?? ""] : undefined;
}

/**
 * Every way the generated JSON fails to replace the inputs' keys one for one: a key without
 * exactly one token, a token whose account has another role (or a wider one), another
 * lifetime, org, stack, provider or count/for_each, or a key without a removed block.
 */
export function keyMappingProblems(m: Migrated, options: { defaultTokenName?: boolean } = {}): string[] {
  const problems: string[] = [];
  const tokens = { ...(m.json.resource?.grafana_service_account_token ?? {}), ...(m.json.resource?.grafana_cloud_stack_service_account_token ?? {}) };
  const keys = inputKeys(m.inputs);
  const tokenCount = Object.keys(m.json.resource?.grafana_service_account_token ?? {}).length + Object.keys(m.json.resource?.grafana_cloud_stack_service_account_token ?? {}).length;
  if (tokenCount !== keys.length) problems.push(`${keys.length} keys but ${tokenCount} tokens`);
  const seen = new Set<string>();
  for (const key of keys) {
    const where = (msg: string) => problems.push(`${key.address}: ${msg}`);
    const entries = m.plan.entries.filter((e) => e.legacy === key.address);
    if (entries.length !== 1) {
      where(`${entries.length} report entries`);
      continue;
    }
    const tokenAddress = entries[0].token;
    if (seen.has(tokenAddress)) where(`token ${tokenAddress} is shared`);
    seen.add(tokenAddress);
    const [tokenType, tokenName] = tokenAddress.split(".");
    const token = m.json.resource?.[tokenType]?.[tokenName];
    if (!token) {
      where(`no token ${tokenAddress} in the generated JSON`);
      continue;
    }
    const cloud = key.address.startsWith("grafana_cloud_stack_api_key.") || key.body.cloud_stack_slug !== undefined;
    if (tokenType !== (cloud ? "grafana_cloud_stack_service_account_token" : "grafana_service_account_token")) where(`token type ${tokenType}`);
    const ref = accountReference(token.service_account_id);
    const account = ref && m.json.resource?.[ref[0]]?.[ref[1]];
    if (!ref || !account) {
      where(`token ${tokenAddress} names no generated account (${token.service_account_id})`);
      continue;
    }
    const instanced = account.count !== undefined || account.for_each !== undefined;
    const expectedIndex = account.count !== undefined ? "[count.index]" : account.for_each !== undefined ? "[each.key]" : "";
    if (ref[2] !== expectedIndex) where(`service_account_id ${token.service_account_id} should name instance ${expectedIndex || "(none)"}`);
    if (instanced && (JSON.stringify(account.count) !== JSON.stringify(token.count) || JSON.stringify(account.for_each) !== JSON.stringify(token.for_each))) where("account and token have different instances");
    const keyRole = key.body.role;
    if (account.role !== keyRole) where(`account role ${account.role}, key role ${keyRole}`);
    if (RANK[account.role] !== undefined && RANK[keyRole] !== undefined && RANK[account.role] > RANK[keyRole]) where(`account role ${account.role} is wider than ${keyRole}`);
    const ttl = key.body.seconds_to_live === undefined || key.body.seconds_to_live === 0 ? undefined : typeof key.body.seconds_to_live === "string" && !key.body.seconds_to_live.includes("${") ? Number(key.body.seconds_to_live) : key.body.seconds_to_live;
    if (JSON.stringify(token.seconds_to_live) !== JSON.stringify(ttl)) where(`token seconds_to_live ${token.seconds_to_live}, key ${key.body.seconds_to_live}`);
    const org = key.body.org_id === undefined ? undefined : String(key.body.org_id);
    if (account.org_id !== org) where(`account org_id ${account.org_id}, key ${org}`);
    const stack = key.body.stack_slug ?? key.body.cloud_stack_slug;
    if (cloud && (account.stack_slug !== stack || token.stack_slug !== stack)) where(`stack_slug ${account.stack_slug}/${token.stack_slug}, key ${stack}`);
    const provider = key.body.provider === undefined ? undefined : unwrap(key.body.provider);
    if (token.provider !== provider || account.provider !== provider) where(`provider ${account.provider}/${token.provider}, key ${provider}`);
    if (JSON.stringify(token.count) !== JSON.stringify(key.body.count) || JSON.stringify(token.for_each) !== JSON.stringify(key.body.for_each)) where(`token count/for_each ${token.count}/${token.for_each}, key ${key.body.count}/${key.body.for_each}`);
    if (options.defaultTokenName !== false && token.name !== `${key.body.name}-token`) where(`token name ${token.name}`);
    const lifecycle = blockBody(key.body.lifecycle) ?? {};
    for (const flag of ["prevent_destroy", "create_before_destroy"]) if ((token.lifecycle?.[flag] ?? false) !== (lifecycle[flag] ?? false)) where(`token lifecycle.${flag} ${token.lifecycle?.[flag]}, key ${lifecycle[flag]}`);
    const tokenOf = (address: string) => m.plan.entries.find((e) => e.legacy === address)?.token ?? address;
    const dependsOn = key.body.depends_on?.map((d: string) => tokenOf(unwrap(d) as string));
    if (JSON.stringify(token.depends_on) !== JSON.stringify(dependsOn)) where(`token depends_on ${JSON.stringify(token.depends_on)}, key ${JSON.stringify(dependsOn)}`);
    const triggers = lifecycle.replace_triggered_by?.map((d: string) => tokenOf(unwrap(d) as string));
    if (JSON.stringify(token.lifecycle?.replace_triggered_by) !== JSON.stringify(triggers)) where(`token replace_triggered_by ${JSON.stringify(token.lifecycle?.replace_triggered_by)}, key ${JSON.stringify(triggers)}`);
    const removed = (m.json.removed ?? []).filter((r: any) => r.from === key.address);
    if (removed.length !== 1 || removed[0].lifecycle?.destroy !== false) where(`removed blocks ${JSON.stringify(removed)}`);
  }
  return problems;
}

/** The migrated module as inputs again: the rewritten files and the generated HCL. */
export async function migratedModule(m: Migrated): Promise<SourceFile[]> {
  return Promise.all([...m.plan.files.map((f) => sourceFile(f.path, f.content)), sourceFile(GENERATED_FILE, m.hcl)]);
}

/** Problems with migrating the migrated module again: it must find nothing and change nothing. */
export async function remigrationProblems(m: Migrated, options: MigrationOptions = {}): Promise<string[]> {
  const again = planMigration(await migratedModule(m), options);
  const problems: string[] = [];
  if (again.tokens.length > 0 || again.accounts.length > 0 || again.removals.length > 0) problems.push(`found ${again.tokens.length} keys again`);
  // A grafana_cloud_api_key is left in place on purpose, so it is reported again.
  for (const d of again.diagnostics) if (d.level !== "info" && d.code !== "GRAFANA-CLOUD-ORG-KEY") problems.push(`${d.level} ${d.code}: ${d.message}`);
  const texts = new Map([...m.plan.files.map((f) => [f.path, f.content] as const), [GENERATED_FILE, m.hcl]]);
  for (const f of again.files) {
    const before = texts.get(f.path) as string;
    const same = f.format === "json" ? JSON.stringify(JSON.parse(f.content)) === JSON.stringify(JSON.parse(before)) : f.content === before;
    if (!same || f.changed) problems.push(`${f.path} changed on the second migration`);
  }
  return problems;
}

/** Rewritten files that no longer parse. */
export async function reparseProblems(m: Migrated): Promise<string[]> {
  const problems: string[] = [];
  for (const f of [...m.plan.files, generatedFile(m)]) {
    try {
      if (f.format === "json") JSON.parse(f.content);
      else await parse(f.path, f.content);
    } catch (err) {
      problems.push(`${f.path}: ${String(err).slice(0, 300)}`);
    }
  }
  return problems;
}
