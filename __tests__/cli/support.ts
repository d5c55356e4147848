/** Runs the compiled grafana-sa binary against temporary workspaces. */
import { spawnSync } from "child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";

export const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "lib", "src", "cli", "index.js");
export const FIXTURES = join(ROOT, "__tests__", "fixtures");
/** The docs' seed configurations live once, in the migration corpus. */
const CORPUS = join(ROOT, "__tests__", "corpus");
const fixtureDir = (name: string) => (["seed", "seed-cloud", "provider-auth"].includes(name) ? join(CORPUS, name) : join(FIXTURES, name));

/**
 * Builds lib/ when it is older than any source file. Jest workers run test files in
 * parallel, so one builds under a lock directory while the others wait for it.
 */
export function ensureBuilt(): void {
  const lock = join(tmpdir(), `grafana-sa-cli-build-${Buffer.from(ROOT).toString("hex").slice(-32)}.lock`);
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (;;) {
    if (!stale()) return;
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000) rmSync(lock, { recursive: true, force: true });
      sleep(250);
      continue;
    }
    try {
      const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function stale(): boolean {
  const built = statSync(BIN, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  let newest = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(ROOT, "src"));
  return newest > built;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why there is no code: the signal that ended the CLI, or the error that kept it from starting. */
  readonly signal?: string | null;
  readonly error?: string;
}

export function grafanaSa(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Run {
  const env = { ...process.env, GRAFANA_SA_DEBUG: "", ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ...(r.status === null ? { signal: r.signal, error: r.error?.message } : {}) };
}

/** A fresh temporary directory holding copies of the named fixtures (fixtures/<name> -> <name>). */
export function workspace(...fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "grafana-sa-cli-"));
  for (const f of fixtures) cpSync(fixtureDir(f), join(dir, f), { recursive: true });
  return dir;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, relative path -> content: compare before and after to prove nothing changed. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      // A symbolic link is compared by where it points: it may lead nowhere.
      if (lstatSync(path).isSymbolicLink()) out[relative(dir, path)] = `-> ${readlinkSync(path)}`;
      else if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

export function read(...parts: string[]): string {
  return readFileSync(join(...parts), "utf8");
}

export function write(path: string, text: string): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

/**
 * Secret-looking text that must never appear in what grafana-sa prints or generates: token
 * and API key shapes, and the credentials the fixtures' provider blocks hold.
 */
export const SECRET_PATTERNS = [/glsa_[A-Za-z0-9]{8,}/, /eyJ[A-Za-z0-9+/=]{10,}/, /admin:admin/, /<API-Key>/];

export function expectNoSecrets(...texts: string[]): void {
  for (const text of texts) for (const pattern of SECRET_PATTERNS) expect(text).not.toMatch(pattern);
}
