/**
 * Helpers for the real-toolchain (e2e) tier: find the toolchain that scripts/install-toolchain.sh
 * puts in .toolchain/, run terraform against it, and gate suites on what is installed.
 *
 *   - terraform   .toolchain/terraform-path + .toolchain/terraformrc (TF_CLI_CONFIG_FILE)
 *   - provider    a checked real Grafana provider release in .toolchain/plugin-mirror, listed in
 *                 .toolchain/real-providers.json (2.19.0 unless told otherwise)
 *   - go          a `go` on PATH, to build go-client-check (the provider's Go API client)
 *
 * Missing pieces: outside CI the suite is skipped with a message saying how to install them;
 * with CI set it fails loudly, unless the piece is listed in E2E_OPTIONAL (comma separated,
 * e.g. E2E_OPTIONAL=provider), for machines that cannot have it at all.
 *
 * Output hygiene: every result text is passed through redactSecrets() (glsa_ tokens and base64
 * JSON API keys). The unredacted text is on the non-enumerable `raw` property, so printing a
 * result object never shows it.
 */
import { spawn, spawnSync } from "child_process";
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");
export const TOOLCHAIN_DIR = join(PROJECT_ROOT, ".toolchain");
export const INSTALL_COMMAND = "bash scripts/install-toolchain.sh";
/** The last provider release with both grafana_api_key and service accounts. */
export const LEGACY_PROVIDER_VERSION = "2.19.0";
export const GO_CLIENT_CHECK_DIR = join(__dirname, "..", "go-client-check");

export type E2ENeed = "terraform" | "provider" | "go";

export interface Toolchain {
  /** Absolute path of the terraform binary. */
  terraform: string;
  /** The CLI config to pass as TF_CLI_CONFIG_FILE. */
  cliConfig: string;
  /** Root of the unpacked filesystem mirror. */
  mirror: string;
  /** Grafana provider versions present in the mirror for this platform. */
  providerVersions: string[];
}

export type ToolchainStatus = { ok: true; toolchain: Toolchain } | { ok: false; reason: string; install: string };

/** Terraform's name for this platform, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const arch: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  return `${process.platform === "win32" ? "windows" : process.platform}_${arch[process.arch] ?? process.arch}`;
}

export function providerMirrorFile(version: string, mirror = join(TOOLCHAIN_DIR, "plugin-mirror")): string {
  return join(mirror, "registry.terraform.io", "grafana", "grafana", version, terraformPlatform(), `terraform-provider-grafana_v${version}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readTrimmed(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8").trim() : undefined;
}

/** The real releases install-toolchain.sh checked and listed in <toolchainDir>/real-providers.json. */
export function listedRealReleases(toolchainDir = TOOLCHAIN_DIR): string[] {
  const file = join(toolchainDir, "real-providers.json");
  if (!existsSync(file)) return [];
  const doc = JSON.parse(readFileSync(file, "utf8")) as { releases?: { version: string }[] };
  return (doc.releases ?? []).map((r) => r.version);
}

/**
 * What of the toolchain (in `toolchainDir`, default .toolchain) is installed. `providerVersion`
 * (default 2.19.0) must be a checked real release (real-providers.json) in the mirror; pass null
 * when only terraform is needed.
 */
export function toolchainStatus(opts: { providerVersion?: string | null } = {}, toolchainDir = TOOLCHAIN_DIR): ToolchainStatus {
  const providerVersion = opts.providerVersion === undefined ? LEGACY_PROVIDER_VERSION : opts.providerVersion;
  const fail = (reason: string): ToolchainStatus => ({ ok: false, reason, install: INSTALL_COMMAND });
  const terraform = readTrimmed(join(toolchainDir, "terraform-path"));
  if (!terraform) return fail(`no ${join(toolchainDir, "terraform-path")}: the toolchain was never installed`);
  if (!isExecutable(terraform)) return fail(`terraform at ${terraform} (from terraform-path) is not executable`);
  const cliConfig = join(toolchainDir, "terraformrc");
  if (!existsSync(cliConfig)) return fail(`no ${cliConfig}`);
  const mirror = join(toolchainDir, "plugin-mirror");
  const base = join(mirror, "registry.terraform.io", "grafana", "grafana");
  const providerVersions = existsSync(base)
    ? readdirSync(base).filter((v) => isExecutable(providerMirrorFile(v, mirror))).sort()
    : [];
  if (providerVersion && !(providerVersions.includes(providerVersion) && listedRealReleases(toolchainDir).includes(providerVersion))) {
    const why = readTrimmed(join(toolchainDir, "provider-missing"));
    return fail(
      `the real Grafana provider ${providerVersion} is not a checked release in ${mirror} (real-providers.json)` +
        (why ? ` (install-toolchain.sh said: ${why.split("\n")[0]})` : ""),
    );
  }
  return { ok: true, toolchain: { terraform, cliConfig, mirror, providerVersions } };
}

/** Whether `go` is on PATH (needed to build go-client-check). */
export function goStatus(): { ok: true } | { ok: false; reason: string; install: string } {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  if (r.status === 0) return { ok: true };
  return { ok: false, reason: "`go` is not on PATH", install: "install Go >= 1.22 (https://go.dev/dl/)" };
}

function needStatus(need: E2ENeed): { ok: boolean; reason?: string; install?: string } {
  if (need === "go") return goStatus();
  return toolchainStatus({ providerVersion: need === "provider" ? LEGACY_PROVIDER_VERSION : null });
}

/** The toolchain, or an error saying how to install it (use inside describeE2E suites). */
export function requireToolchain(providerVersion: string | null = LEGACY_PROVIDER_VERSION): Toolchain {
  const s = toolchainStatus({ providerVersion });
  if (!s.ok) throw new Error(`e2e toolchain missing: ${s.reason}. Install it with: ${s.install}`);
  return s.toolchain;
}

const warned = new Set<string>();

/**
 * `describe` for suites that need real tools. Missing tools skip the suite (with a console
 * message) outside CI; with CI set they fail it, unless listed in E2E_OPTIONAL.
 */
export function describeE2E(name: string, fn: () => void, opts: { needs?: E2ENeed[] } = {}): void {
  const needs = opts.needs ?? ["terraform", "provider"];
  const missing = needs
    .map((n) => ({ need: n, ...needStatus(n) }))
    .filter((s) => !s.ok) as { need: E2ENeed; reason: string; install: string }[];
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const optional = (process.env.E2E_OPTIONAL ?? "").split(",").map((s) => s.trim());
  const message =
    missing.map((m) => `${m.need}: ${m.reason}`).join("; ") +
    `. Install with: ${[...new Set(missing.map((m) => m.install))].join(" and ")}`;
  const mustFail = !!process.env.CI && !missing.every((m) => optional.includes(m.need));
  if (mustFail) {
    describe(name, () => {
      test("has the e2e toolchain it needs", () => {
        throw new Error(
          `E2E TOOLCHAIN MISSING (CI is set, so this fails instead of skipping): ${message}. ` +
            `To skip pieces a machine cannot have, set E2E_OPTIONAL=${missing.map((m) => m.need).join(",")}.`,
        );
      });
    });
    return;
  }
  // A missing real provider is announced once per run by global-setup.ts.
  if (!warned.has(message) && missing.some((m) => m.need !== "provider")) {
    warned.add(message);
    // eslint-disable-next-line no-console
    console.warn(`[e2e] skipping "${name}": ${message}`);
  }
  describe.skip(`${name} [skipped: ${missing.map((m) => m.need).join(", ")} missing; run ${INSTALL_COMMAND}]`, fn);
}

// ---------------------------------------------------------------------------------------------
// running terraform
// ---------------------------------------------------------------------------------------------

const SECRET_PATTERNS = [
  /glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}/g, // service account tokens
  /eyJ[A-Za-z0-9+/]{16,}={0,2}/g, // base64 JSON, i.e. legacy API keys
];

/** Replace token- and key-shaped strings (and any `extra` literal) with [REDACTED]. */
export function redactSecrets(text: string, extra: Iterable<string> = []): string {
  let out = text;
  for (const s of extra) if (s) out = out.split(s).join("[REDACTED]");
  for (const re of SECRET_PATTERNS) out = out.replace(re, "[REDACTED]");
  return out;
}

export interface RunResult {
  code: number;
  /** Redacted. */
  stdout: string;
  /** Redacted. */
  stderr: string;
  /** Unredacted output (non-enumerable: never printed with the object). Keep it out of logs. */
  readonly raw: { stdout: string; stderr: string };
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Default 5 minutes. */
  timeoutMs?: number;
  toolchain?: Toolchain;
  /** More literal secrets to redact. */
  secrets?: Iterable<string>;
}

const NO_COLOR_COMMANDS = new Set([
  "init", "validate", "plan", "apply", "destroy", "refresh", "import", "show", "output",
  "providers", "console", "taint", "untaint", "get", "test", "graph",
]);

function result(code: number, stdout: string, stderr: string, secrets: Iterable<string>): RunResult {
  const r = { code, stdout: redactSecrets(stdout, secrets), stderr: redactSecrets(stderr, secrets) } as RunResult;
  Object.defineProperty(r, "raw", { value: { stdout, stderr }, enumerable: false });
  return r;
}

/** Environment for terraform: the outer TF_* settings dropped, the toolchain's config in. */
export function terraformEnv(toolchain: Toolchain, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("TF_") && k !== "CHECKPOINT_DISABLE") env[k] = v;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: toolchain.cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

/**
 * Run terraform asynchronously (so a GrafanaDouble in this same process keeps answering) in
 * `dir`. Adds -no-color to commands that take it. Never throws on a non-zero exit.
 */
export function runTerraform(dir: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const toolchain = opts.toolchain ?? requireToolchain(null);
  const fullArgs = args.length && NO_COLOR_COMMANDS.has(args[0]) ? [args[0], "-no-color", ...args.slice(1)] : args;
  const secrets = [...(opts.secrets ?? [])];
  return new Promise((resolvePromise) => {
    const child = spawn(toolchain.terraform, fullArgs, {
      cwd: dir,
      env: terraformEnv(toolchain, opts.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => {
      stderr += `\n[runTerraform] timed out after ${opts.timeoutMs ?? 300000} ms; killed`;
      child.kill("SIGTERM");
    }, opts.timeoutMs ?? 300000);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolvePromise(result(127, stdout, `${stderr}\n[runTerraform] ${err.message}`, secrets));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise(result(code ?? (signal ? 128 : 1), stdout, stderr, secrets));
    });
  });
}

/** One line summary of a failed run, for assertion messages (redacted). */
export function describeRun(args: string[], r: RunResult): string {
  return `terraform ${args.join(" ")} exited ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

export interface Workdir {
  dir: string;
  toolchain: Toolchain;
  /** runTerraform in this dir. */
  run(args: string[], opts?: Omit<RunOptions, "toolchain">): Promise<RunResult>;
  /** Like run, but throws (with redacted output) on a non-zero exit. */
  runOk(args: string[], opts?: Omit<RunOptions, "toolchain">): Promise<RunResult>;
  /** Removes the dir, unless E2E_KEEP_DIRS is set. */
  cleanup(): void;
}

/**
 * Write a configuration into a fresh temp dir (`main.tf` for HCL text, `main.tf.json` for a
 * Terraform JSON object) and, unless `init: false`, run `terraform init` there.
 */
export async function createWorkdir(
  config: string | object,
  opts: { init?: boolean; providerVersion?: string | null; files?: Record<string, string>; secrets?: Iterable<string> } = {},
): Promise<Workdir> {
  const toolchain = requireToolchain(opts.providerVersion === undefined ? LEGACY_PROVIDER_VERSION : opts.providerVersion);
  const dir = mkdtempSync(join(tmpdir(), "grafana-e2e-"));
  if (typeof config === "string") writeFileSync(join(dir, "main.tf"), config);
  else writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
  for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, name), text);
  const baseSecrets = [...(opts.secrets ?? [])];
  const run = (args: string[], o: Omit<RunOptions, "toolchain"> = {}): Promise<RunResult> =>
    runTerraform(dir, args, { ...o, toolchain, secrets: [...baseSecrets, ...(o.secrets ?? [])] });
  const runOk = async (args: string[], o: Omit<RunOptions, "toolchain"> = {}): Promise<RunResult> => {
    const r = await run(args, o);
    if (r.code !== 0) throw new Error(describeRun(args, r));
    return r;
  };
  const wd: Workdir = {
    dir,
    toolchain,
    run,
    runOk,
    cleanup: () => {
      if (!process.env.E2E_KEEP_DIRS) rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.init !== false) {
    try {
      await runOk(["init", "-input=false"]);
    } catch (err) {
      wd.cleanup();
      throw err;
    }
  }
  return wd;
}

// ---------------------------------------------------------------------------------------------
// go-client-check: the provider's own Go API client against the double
// ---------------------------------------------------------------------------------------------

export interface ClientCheckStep {
  step: string;
  ok: boolean;
  detail?: Record<string, unknown>;
  error?: string;
}

function spawnCollect(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number; out: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (out += d.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      resolvePromise({ code: 127, out: `${out}\n${e.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? 1, out });
    });
  });
}

/**
 * Path of the go-client-check binary, building it into .toolchain/bin when it is missing or
 * older than its sources (about 30 s cold on 2 cores, with module downloads).
 */
export async function ensureGoClientCheck(): Promise<string> {
  const bin = join(TOOLCHAIN_DIR, "bin", "go-client-check");
  const sources = ["main.go", "go.mod", "go.sum"].map((f) => join(GO_CLIENT_CHECK_DIR, f));
  const fresh =
    isExecutable(bin) && sources.every((s) => !existsSync(s) || statSync(s).mtimeMs <= statSync(bin).mtimeMs);
  if (fresh) return bin;
  const r = await spawnCollect("go", ["build", "-o", bin, "."], GO_CLIENT_CHECK_DIR, 10 * 60 * 1000);
  if (r.code !== 0) throw new Error(`building go-client-check failed (exit ${r.code}):\n${r.out}`);
  return bin;
}

/** Run go-client-check against a double; returns its steps (which never carry secrets). */
export async function runGoClientCheck(
  url: string,
  auth = "admin:admin",
  grafana = "10",
): Promise<{ code: number; steps: ClientCheckStep[]; output: string }> {
  const bin = await ensureGoClientCheck();
  const r = await spawnCollect(bin, ["-url", url, "-auth", auth, "-grafana", grafana], PROJECT_ROOT, 2 * 60 * 1000);
  const steps: ClientCheckStep[] = [];
  for (const line of r.out.split("\n")) {
    if (line.startsWith("{")) steps.push(JSON.parse(line) as ClientCheckStep);
  }
  return { code: r.code, steps, output: redactSecrets(r.out) };
}
