import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
beforeEach(() => (ws = workspace("seed")));
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });
const read = (p: string) => readFileSync(join(ws, p), "utf8");
const SECRET = "glsa_StateSecretNeverPrinted0123456789_abcdef12";

/** The seed after phase 1: migrated with --adopt-ids into `m`, the provider pinned to 2.19. */
function phase1(): void {
  write(join(ws, "ids.json"), JSON.stringify({ key_foo: "7", key_bar: "8" }));
  expect(run("migrate", "seed", "--out", "m", "--adopt-ids", "ids.json").code).toBe(0);
  write(join(ws, "m", "main.tf"), read("m/main.tf").replace('source  = "grafana/grafana"', 'source  = "grafana/grafana"\n      version = "~> 2.19" # phase 1'));
}

test("GIVEN a migrated module after phase 1 WHEN finish --in-place THEN the migration's blocks go, the constraint is ~> 4.0 with its comment, FINISH-REPORT.md says to read the plan; a second run changes nothing", () => {
  phase1();
  const r = run("finish", "m", "--in-place");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("- removed block for grafana_api_key.foo (m/grafana-service-accounts.tf)");
  expect(r.stdout).toContain("- import block for grafana_service_account.foo (m/grafana-service-accounts.tf)");
  expect(r.stdout).toMatch(/~ grafana provider constraint "~> 2\.19" -> "~> 4\.0" \(m\/main\.tf:\d+\)/);
  expect(r.stdout).toMatch(/may also change other grafana resources.*read the whole plan/s);
  expect(read("m/grafana-service-accounts.tf")).not.toMatch(/^(removed|import) \{/m);
  expect(read("m/main.tf")).toContain('version = "~> 4.0" # phase 1');
  expect(read("m/FINISH-REPORT.md")).toMatch(/read the whole plan/);
  const before = tree(join(ws, "m"));
  const again = run("finish", "m", "--in-place");
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/^Nothing to finish in m/);
  expect(tree(join(ws, "m"))).toEqual(before);
});

test("GIVEN --out DIR and --provider-version WHEN finish THEN DIR holds the whole module with that constraint, and the inputs are unchanged", () => {
  phase1();
  const before = tree(join(ws, "m"));
  expect(run("finish", "m", "--out", "p2", "--provider-version", "~> 4.45").code).toBe(0);
  expect(tree(join(ws, "m"))).toEqual(before);
  expect(read("p2/main.tf")).toContain('version = "~> 4.45"');
  expect(existsSync(join(ws, "p2", "FINISH-REPORT.md"))).toBe(true);
  expect(run("finish", "m", "--dry-run").stdout).toMatch(/^Finishing the migration of m/);
  expect(tree(join(ws, "m"))).toEqual(before);
});

test("GIVEN a legacy key still declared, or in the --state WHEN finish THEN it refuses (exit 4) naming the keys and files, never printing a state value", () => {
  phase1();
  write(join(ws, "m", "late.tf"), `resource "grafana_api_key" "late" {\n  name = "late"\n  role = "Viewer"\n}\n`);
  const declared = run("finish", "m", "--in-place");
  expect(declared.code).toBe(4);
  expect(declared.stderr).toContain("m/late.tf:1: grafana_api_key.late is still declared");
  cleanup(join(ws, "m", "late.tf"));
  write(join(ws, "state.json"), JSON.stringify({ format_version: "1.0", values: { root_module: { resources: [{ address: "grafana_api_key.foo", mode: "managed", type: "grafana_api_key", values: { key: SECRET } }] } } }));
  const inState = run("finish", "m", "--in-place", "--state", "state.json");
  expect(inState.code).toBe(4);
  expect(inState.stderr).toContain("state.json: grafana_api_key.foo is still in the state");
  expect(inState.stderr + inState.stdout).not.toContain(SECRET);
  expect(existsSync(join(ws, "m", "FINISH-REPORT.md"))).toBe(false);
});

test("GIVEN a directory without migration-report.json WHEN finish THEN it refuses with the fix (exit 4)", () => {
  const r = run("finish", "seed", "--in-place");
  expect(r.code).toBe(4);
  expect(r.stderr).toMatch(/cannot read seed\/migration-report\.json: no such file\. finish needs the migration-report\.json/);
});
