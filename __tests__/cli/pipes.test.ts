/**
 * Output through pipes: a CI log or `| less` reads stdout from a pipe, whose buffer (64 KiB on
 * Linux) fills long before a large dry-run is printed. Every byte must still arrive, and the
 * exit code must still reach the shell.
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { BIN, cleanup, ensureBuilt, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
beforeEach(() => (ws = workspace()));
afterEach(() => cleanup(ws));

/**
 * Runs grafana-sa with stdout and stderr piped through `cat`, the reader starting only after a
 * pause so the pipe is full when grafana-sa finishes; returns what cat passed on and the exit
 * code grafana-sa gave the shell.
 */
function piped(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const script = `"$0" "$@" 2> >(cat >&2) | { sleep 0.3; cat; }; exit "\${PIPESTATUS[0]}"`;
  const r = spawnSync("bash", ["-c", script, process.execPath, BIN, ...args], { cwd: ws, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, GRAFANA_SA_DEBUG: "" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const manyKeys = (n: number) =>
  Array.from({ length: n }, (_, i) => `resource "grafana_api_key" "key_${i}" {\n  name = "key_${i}"\n  role = "Viewer"\n  seconds_to_live = 3600\n}\n`).join("\n");

test("GIVEN a dry-run printing well over 256 KiB WHEN stdout is a pipe read slowly THEN all of it arrives, ending with the last line", () => {
  write(join(ws, "in", "main.tf"), manyKeys(2000));
  const direct = spawnSync(process.execPath, [BIN, "migrate", "in", "--dry-run"], { cwd: ws, encoding: "utf8", maxBuffer: 1 << 30 });
  const r = piped(["migrate", "in", "--dry-run"]);
  expect(r.code).toBe(0);
  expect(r.stdout.length).toBeGreaterThan(256 * 1024);
  expect(r.stdout).toMatch(/Would write \(3\):\n {2}grafana-service-accounts\.tf\n {2}MIGRATION-REPORT\.md\n {2}migration-report\.json\n/);
  expect(r.stdout).toMatch(/\n\+removed \{\n\+ {2}from = grafana_api_key\.key_1999\n\+\n\+ {2}lifecycle \{\n\+ {4}destroy = false\n\+ {2}\}\n\+\}\n/);
  // main.tf held only keys: its deletion comes last, down to its last line.
  expect(r.stdout).toMatch(/\n--- a\/in\/main\.tf\n\+\+\+ \/dev\/null\n@@ -1,\d+ \+0,0 @@\n[^]*\n-}\n$/);
  expect(r.stdout).toBe(direct.stdout);
});

test("GIVEN --check with legacy keys left WHEN piped THEN exit 3 reaches the shell and the whole list arrives", () => {
  write(join(ws, "in", "main.tf"), manyKeys(8000));
  const r = piped(["migrate", "in", "--check"]);
  expect(r.code).toBe(3);
  expect(r.stdout.length).toBeGreaterThan(256 * 1024);
  expect(r.stdout).toMatch(/^8000 legacy API key\(s\) remain/);
  const lines = r.stdout.split("\n");
  expect(lines).toHaveLength(8002);
  expect(lines.slice(1, -1).every((l) => /^ {2}grafana_api_key\.key_\d+ \(in\/main\.tf\)$/.test(l))).toBe(true);
  expect(lines.at(-1)).toBe("");
});

test("GIVEN bad input WHEN piped THEN exit 4 reaches the shell with its message on stderr", () => {
  write(join(ws, "bad", "main.tf"), 'resource "grafana_api_key" "k" {\n  name = \n}\n');
  const r = piped(["migrate", "bad", "--dry-run"]);
  expect(r.code).toBe(4);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^grafana-sa: bad\/main\.tf:2:10: Invalid expression/);
});

test("GIVEN a reader that stops early (| head -1) WHEN the dry-run is long THEN grafana-sa ends quietly", () => {
  write(join(ws, "in", "main.tf"), manyKeys(2000));
  const r = spawnSync("bash", ["-c", `"$0" "$@" | head -1; exit "\${PIPESTATUS[0]}"`, process.execPath, BIN, "migrate", "in", "--dry-run"], { cwd: ws, encoding: "utf8" });
  expect(r.stdout).toBe("Migration plan: 2000 legacy key(s), strategy per-key.\n");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
