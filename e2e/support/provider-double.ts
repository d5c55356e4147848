/**
 * Terraform against the Grafana provider TEST DOUBLE (e2e/provider-double): a small Go provider
 * that serves, per release, exactly the real grafana/grafana schema of 1.43.0, 2.19.0 or 4.45.1
 * and models that release's plan, read, import and lookup behaviour (see the double's README),
 * keeping every object in Terraform state only. It is NOT the Grafana provider and talks to no
 * Grafana. Use it to prove that configurations validate, plan, apply and converge, and how a
 * release treats them.
 *
 * scripts/install-toolchain.sh installs it as those three versions into a mirror of its own
 * (.toolchain/double-mirror) with a CLI config pointing only there (.toolchain/terraformrc-double),
 * so a configuration's own version constraint picks the release, as with real ones: no
 * constraint gets 4.45.1, `init -upgrade` moves to it. prepareDoubleWorkdir() pins a release only
 * where a user would have to (legacyPin): a configuration holding legacy keys gets 2.19.0 (1.43.0
 * when it uses 1.x's cloud_stack_slug), through an override file in the root and every local
 * module directory. Terraform merges override files into the module, replacing the module's own
 * required_providers entry for grafana.
 *
 * Provider sets (provider-sets.ts): scenario suites declared with describeEachProviderSet() run
 * once against the double and once against the real releases install-toolchain.sh checked, when
 * there are any; prepareDoubleWorkdir() uses the running set's mirror and CLI config, and points
 * a real release at a Grafana API double (the double provider ignores it).
 *
 * Secrets: the double's keys and tokens are fake but shaped like real ones (glsa_..., eyJ...);
 * runTerraform() redacts both. The double's operation log (GRAFANA_DOUBLE_LOG) never holds them.
 */
import { parse } from "@cdktf/hcl2json";
import { spawn } from "child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { basename, dirname, join, relative } from "path";
import { DOUBLE_OVERRIDE_FILE, DOUBLE_VERSIONS, DoubleVersion, doubleOverride, legacyPinOf, moduleTexts } from "./double-pin";
import { currentProviderSet, ENABLE_REAL_COMMAND, startGrafanaFor } from "./provider-sets";
import { describeRun, PROJECT_ROOT, redactSecrets, runTerraform, RunOptions, RunResult, Toolchain } from "./terraform";

export { DOUBLE_OVERRIDE_FILE, DOUBLE_VERSIONS, doubleOverride } from "./double-pin";
export type { DoubleVersion } from "./double-pin";
export {
  describeEachProviderSet,
  engineCommand,
  DOUBLE_CLI_CONFIG,
  DOUBLE_MIRROR,
  DOUBLE_SOURCE_DIR,
  doubleSchemaFile,
  doubleStatus,
} from "./provider-sets";
export type { ProviderSet } from "./provider-sets";
/** Values for the root module's variables that have no default (so plan runs unattended). */
export const DOUBLE_VARS_FILE = "zz_double.auto.tfvars.json";
// ---------------------------------------------------------------------------------------------
// module files
// ---------------------------------------------------------------------------------------------

const SKIP_ENTRIES = new Set([".terraform", ".terraform.lock.hcl", DOUBLE_OVERRIDE_FILE, DOUBLE_VARS_FILE]);
const isTerraformFile = (name: string): boolean => name.endsWith(".tf") || name.endsWith(".tf.json");

/** Copy a module tree (without .terraform, lock files and state) into dest. */
export function copyModule(from: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (SKIP_ENTRIES.has(e.name) || /\.tfstate(\.|$)|\.tfplan$/.test(e.name)) continue;
    if (e.isDirectory()) copyModule(join(from, e.name), join(dest, e.name));
    else if (e.isFile()) copyFileSync(join(from, e.name), join(dest, e.name));
  }
}

/** Write the override pinning `version` into dir and every subdirectory holding Terraform files. */
function writeOverrides(dir: string, version: string): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  writeFileSync(join(dir, DOUBLE_OVERRIDE_FILE), doubleOverride(version));
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith(".")) continue;
    const sub = join(dir, e.name);
    if (containsTerraformFiles(sub)) writeOverrides(sub, version);
  }
}

/** legacyPinOf (./double-pin.ts) of a module with its local modules. */
export function legacyPin(dir: string): DoubleVersion | undefined {
  return legacyPinOf(moduleTexts(dir));
}

function containsTerraformFiles(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? !e.name.startsWith(".") && containsTerraformFiles(join(dir, e.name)) : isTerraformFile(e.name),
  );
}

interface VariableDecl {
  type?: string;
  hasDefault: boolean;
}

/** The root module's variable declarations (from .tf via HashiCorp's parser, and .tf.json). */
export async function rootVariables(dir: string): Promise<Record<string, VariableDecl>> {
  const out: Record<string, VariableDecl> = {};
  for (const name of readdirSync(dir).sort()) {
    if (!isTerraformFile(name) || name === DOUBLE_OVERRIDE_FILE) continue;
    const text = readFileSync(join(dir, name), "utf8");
    const doc = (name.endsWith(".json") ? JSON.parse(text) : await parse(name, text)) as { variable?: Record<string, unknown> };
    for (const [v, body] of Object.entries(doc.variable ?? {})) {
      const block = (Array.isArray(body) ? body[0] : body) as Record<string, unknown> | undefined;
      out[v] = {
        type: typeof block?.type === "string" ? block.type.replace(/^\$\{(.*)\}$/s, "$1") : undefined,
        hasDefault: !!block && "default" in block,
      };
    }
  }
  return out;
}

function placeholderFor(type: string | undefined): unknown {
  const t = (type ?? "string").trim();
  if (t === "number") return 1;
  if (t === "bool") return false;
  if (/^(list|set|tuple)\b/.test(t)) return [];
  if (/^(map|object)\b/.test(t)) return {};
  return "e2e-double-placeholder";
}

// ---------------------------------------------------------------------------------------------
// workdirs
// ---------------------------------------------------------------------------------------------

export interface DoubleLogEntry {
  op: "create" | "update" | "delete" | "import";
  type: string;
  name?: string;
  id?: string;
  start: string;
  end: string;
  pid: number;
}

export interface DoubleWorkdir {
  dir: string;
  toolchain: Toolchain;
  /** GRAFANA_DOUBLE_LOG of every run in this workdir. */
  logFile: string;
  /** How long each terraform run took (for finding slow steps). */
  timings: { args: string[]; ms: number }[];
  run(args: string[], opts?: Omit<RunOptions, "toolchain">): Promise<RunResult>;
  /** Like run, but throws (with redacted output) on a non-zero exit. */
  runOk(args: string[], opts?: Omit<RunOptions, "toolchain">): Promise<RunResult>;
  /** The double's operation log so far. */
  log(): DoubleLogEntry[];
  /**
   * Swap the configuration for another module's (state, .terraform and the lock file stay):
   * the root's Terraform files and subdirectories are replaced, overrides and variables rewritten.
   * The lock file keeps the release terraform chose before, as a user's would.
   */
  replaceConfig(from: string, opts?: { providerVersion?: string | null }): Promise<void>;
  cleanup(): void;
}

export interface PrepareOptions {
  /** Run terraform init (default true). */
  init?: boolean;
  /** Extra environment for every terraform run (e.g. GRAFANA_DOUBLE_SERVICE_ACCOUNTS). */
  env?: Record<string, string>;
  /** Values for root variables; variables without a default get a placeholder otherwise. */
  vars?: Record<string, unknown>;
  /**
   * Pin the double to this release with an override file; null: no override (the module's own
   * constraint decides). Default: legacyPin() of each configuration written.
   */
  providerVersion?: string | null;
}

/**
 * A temp workdir holding a copy of the module at `source` (a directory, or a map of file name to
 * text), using the double's mirror (pinned as `providerVersion` says), and (unless init: false)
 * terraform init run in it.
 */
export async function prepareDoubleWorkdir(source: string | Record<string, string>, opts: PrepareOptions = {}): Promise<DoubleWorkdir> {
  const set = currentProviderSet();
  const { toolchain } = set;
  const dir = mkdtempSync(join(tmpdir(), "grafana-double-"));
  const logFile = join(dir, ".double-operations.jsonl");
  const grafana = set.kind === "real" ? await startGrafanaFor(set) : undefined;
  // A provider needs url and auth, from its block or from GRAFANA_URL / GRAFANA_AUTH, or it has
  // no Grafana client (e2e/provider-double/client.go): set here as a user's shell would, for the
  // configurations that leave them out. A test that wants them unset passes "" in opts.env.
  const clientDefaults = { GRAFANA_URL: "http://127.0.0.1:1", GRAFANA_AUTH: "admin:admin" };
  const env = { GRAFANA_DOUBLE_LOG: logFile, ...clientDefaults, ...(grafana?.env ?? {}), ...(opts.env ?? {}) };

  const writeConfig = async (from: string | Record<string, string>, providerVersion = opts.providerVersion): Promise<void> => {
    if (typeof from === "string") copyModule(from, dir);
    else for (const [name, text] of Object.entries(from)) writeFileSync(join(dir, name), text);
    const pin = providerVersion === undefined ? legacyPin(dir) : providerVersion;
    if (pin && !set.versions.includes(pin)) {
      throw new Error(`${set.label}: this configuration needs grafana/grafana ${pin}, which is not installed. Install it with: ${ENABLE_REAL_COMMAND}`);
    }
    if (pin) writeOverrides(dir, pin);
    grafana?.writeOverride(dir);
    const vars: Record<string, unknown> = {};
    for (const [name, decl] of Object.entries(await rootVariables(dir))) {
      if (opts.vars && name in opts.vars) vars[name] = opts.vars[name];
      else if (!decl.hasDefault) vars[name] = placeholderFor(decl.type);
    }
    rmSync(join(dir, DOUBLE_VARS_FILE), { force: true });
    if (Object.keys(vars).length) writeFileSync(join(dir, DOUBLE_VARS_FILE), JSON.stringify(vars, null, 2));
  };

  const timings: { args: string[]; ms: number }[] = [];
  const run = async (args: string[], o: Omit<RunOptions, "toolchain"> = {}): Promise<RunResult> => {
    const started = Date.now();
    const r = await runTerraform(dir, args, { ...o, toolchain, env: { ...env, ...(o.env ?? {}) } });
    timings.push({ args, ms: Date.now() - started });
    return r;
  };
  const runOk = async (args: string[], o: Omit<RunOptions, "toolchain"> = {}): Promise<RunResult> => {
    const r = await run(args, o);
    if (r.code !== 0) throw new Error(`in ${dir}: ${describeRun(args, r)}`);
    return r;
  };
  const wd: DoubleWorkdir = {
    dir,
    toolchain,
    logFile,
    timings,
    run,
    runOk,
    log: () =>
      existsSync(logFile)
        ? readFileSync(logFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as DoubleLogEntry)
        : [],
    // providerVersion null: the new module's own constraint (and the lock file) decide.
    replaceConfig: async (from: string, o: { providerVersion?: string | null } = {}) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith(".") || /\.tfstate(\.|$)|\.tfplan$/.test(e.name)) continue;
        if (e.isDirectory() || isTerraformFile(e.name) || e.name.endsWith(".tfvars.json")) rmSync(join(dir, e.name), { recursive: true, force: true });
      }
      await writeConfig(from, "providerVersion" in o ? o.providerVersion : opts.providerVersion);
    },
    cleanup: () => {
      void grafana?.stop();
      if (!process.env.E2E_KEEP_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await writeConfig(source);
    if (opts.init !== false) await runOk(["init", "-input=false"]);
  } catch (err) {
    wd.cleanup();
    throw err;
  }
  return wd;
}

export interface LifecycleResult {
  validate: RunResult;
  plan: RunResult;
  apply?: RunResult;
  /** plan -detailed-exitcode after apply: code 0 means no changes. */
  replan?: RunResult;
}

/**
 * validate and plan (and, with apply: true, apply and a second plan -detailed-exitcode) in an
 * initialized workdir; throws on the first failing step, with redacted output.
 */
export async function runLifecycle(wd: DoubleWorkdir, opts: { apply?: boolean } = {}): Promise<LifecycleResult> {
  const validate = await wd.runOk(["validate"]);
  const plan = await wd.runOk(["plan", "-input=false"]);
  if (!opts.apply) return { validate, plan };
  const apply = await wd.runOk(["apply", "-auto-approve", "-input=false"]);
  const replan = await wd.run(["plan", "-detailed-exitcode", "-input=false"]);
  if (replan.code !== 0) throw new Error(`in ${wd.dir}: expected no changes after apply; ${describeRun(["plan", "-detailed-exitcode"], replan)}`);
  return { validate, plan, apply, replan };
}

export interface PlannedChange {
  address: string;
  type: string;
  actions: string[];
  /** Paths (as Terraform reports them) of attributes that force replacement. */
  replacePaths: unknown[];
}

/**
 * `terraform plan -out` + `show -json`, reduced to addresses and actions (the JSON itself holds
 * state values, secrets included, so it is never returned or printed).
 */
export async function planChanges(wd: DoubleWorkdir, extraArgs: string[] = []): Promise<{ plan: RunResult; changes: PlannedChange[] }> {
  const file = "e2e.tfplan";
  const plan = await wd.runOk(["plan", "-input=false", `-out=${file}`, ...extraArgs]);
  const show = await wd.runOk(["show", "-json", file]);
  const doc = JSON.parse(show.raw.stdout) as {
    resource_changes?: { address: string; type: string; change: { actions: string[]; replace_paths?: unknown[] } }[];
  };
  const changes = (doc.resource_changes ?? []).map((r) => ({
    address: r.address,
    type: r.type,
    actions: r.change.actions,
    replacePaths: r.change.replace_paths ?? [],
  }));
  return { plan, changes };
}

/** Addresses with the given actions, e.g. actionsOf(changes, "create"). */
export function addressesWith(changes: PlannedChange[], ...actions: string[]): string[] {
  return changes.filter((c) => c.actions.join(",") === actions.join(",")).map((c) => c.address).sort();
}

/**
 * Resource instances in the workdir's state, with attribute values passed through `pick`
 * (the state holds secrets: pick what you need and keep the rest out of test output).
 */
export async function stateResources<T>(
  wd: DoubleWorkdir,
  pick: (values: Record<string, unknown>) => T,
): Promise<{ address: string; type: string; picked: T }[]> {
  const show = await wd.runOk(["show", "-json"]);
  type Mod = { resources?: { address: string; type: string; mode: string; values: Record<string, unknown> }[]; child_modules?: Mod[] };
  const doc = JSON.parse(show.raw.stdout) as { values?: { root_module?: Mod } };
  const out: { address: string; type: string; picked: T }[] = [];
  const visit = (m: Mod | undefined): void => {
    for (const r of m?.resources ?? []) if (r.mode === "managed") out.push({ address: r.address, type: r.type, picked: pick(r.values) });
    for (const c of m?.child_modules ?? []) visit(c);
  };
  visit(doc.values?.root_module);
  return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// the project's own tools: synth and the compiled CLI
// ---------------------------------------------------------------------------------------------

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command; output redacted (never throws). */
export function runTool(cmd: string, args: string[], cwd = PROJECT_ROOT, timeoutMs = 5 * 60 * 1000): Promise<ToolRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    const done = (code: number, extra = ""): void => {
      clearTimeout(timer);
      resolvePromise({ code, stdout: redactSecrets(stdout), stderr: redactSecrets(stderr + extra) });
    };
    child.on("error", (e) => done(127, `\n${e.message}`));
    child.on("close", (code) => done(code ?? 1));
  });
}

function newestMtime(paths: string[], filter: (name: string) => boolean): number {
  let newest = 0;
  const visit = (p: string): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) visit(join(p, e));
    } else if (filter(p)) newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

const tsSource = (p: string): boolean => p.endsWith(".ts") && !p.endsWith(".d.ts");

export const CLI_ENTRY = join(PROJECT_ROOT, "lib", "src", "cli", "index.js");

/** lib/ (the compiled CLI), rebuilt with `npm run build` when missing or older than src/. */
export async function ensureBuiltCli(): Promise<string> {
  const built = existsSync(CLI_ENTRY) ? statSync(CLI_ENTRY).mtimeMs : 0;
  const libNewest = newestMtime([join(PROJECT_ROOT, "lib", "src")], (p) => p.endsWith(".js"));
  const srcNewest = newestMtime([join(PROJECT_ROOT, "src")], tsSource);
  if (built && srcNewest <= Math.max(built, libNewest)) return CLI_ENTRY;
  const r = await runTool("npm", ["run", "build", "--silent"]);
  if (r.code !== 0 || !existsSync(CLI_ENTRY)) throw new Error(`npm run build failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return CLI_ENTRY;
}

export const SYNTH_OUT = join(PROJECT_ROOT, "cdktf.out");

/** The example stacks' synthesized modules, from `npm run synth` (re-run when stale). */
export async function ensureSynthesized(): Promise<{ name: string; json: string; hcl: string }[]> {
  const list = (): { name: string; json: string; hcl: string }[] => {
    const stacks = join(SYNTH_OUT, "stacks");
    if (!existsSync(stacks)) return [];
    return readdirSync(stacks)
      .sort()
      .map((name) => ({ name, json: join(stacks, name), hcl: join(SYNTH_OUT, "hcl", name) }))
      .filter((s) => existsSync(join(s.json, "cdk.tf.json")));
  };
  const outputs = list();
  const oldest = outputs.length
    ? Math.min(...outputs.flatMap((s) => [join(s.json, "cdk.tf.json"), join(s.hcl, "main.tf")]).map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)))
    : 0;
  const sources = newestMtime(["src", "stacks", "main.ts", "scripts/synth-all.ts"].map((p) => join(PROJECT_ROOT, p)), tsSource);
  if (!oldest || sources > oldest) {
    const r = await runTool("npm", ["run", "synth", "--silent"]);
    if (r.code !== 0) throw new Error(`npm run synth failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  const after = list();
  if (!after.length) throw new Error(`npm run synth wrote no stacks under ${relative(PROJECT_ROOT, SYNTH_OUT)}`);
  return after;
}

/** Run the compiled CLI's migrate on a module dir into a fresh temp dir. */
export async function migrateWithCli(moduleDir: string, extraArgs: string[] = []): Promise<{ run: ToolRun; out: string }> {
  const cli = await ensureBuiltCli();
  const out = join(mkdtempSync(join(tmpdir(), `grafana-migrated-${basename(moduleDir)}-`)), "out");
  // A scenario run by tofu migrates for it, as its user would (the corpus has no lock file to detect it from).
  const engine = currentProviderSet().engine === "opentofu" && !extraArgs.includes("--engine") ? ["--engine", "opentofu"] : [];
  const run = await runTool(process.execPath, [cli, "migrate", moduleDir, "--out", out, ...engine, ...extraArgs]);
  return { run, out };
}

/**
 * Local module directories (`source = "./x/..."`) a module's files refer to: `migrate --out`
 * rewrites only the module's own files, so a workdir for its output needs these copied in.
 */
export function localModuleDirs(moduleDir: string): string[] {
  const dirs = new Set<string>();
  for (const name of readdirSync(moduleDir)) {
    if (!isTerraformFile(name)) continue;
    const text = readFileSync(join(moduleDir, name), "utf8");
    for (const m of text.matchAll(/"?source"?\s*[:=]\s*"\.\/([^/"]+)/g)) dirs.add(m[1]);
  }
  return [...dirs].filter((d) => existsSync(join(moduleDir, d))).sort();
}
