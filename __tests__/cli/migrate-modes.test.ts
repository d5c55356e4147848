import { existsSync, readdirSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, expectNoSecrets, grafanaSa, read, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

describe("modes that write nothing", () => {
  test("--dry-run prints the plan and writes nothing", () => {
    ws = workspace("seed");
    const before = tree(ws);
    const r = run("migrate", "seed", "--out", "out", "--dry-run");

    expect(r.code).toBe(0);
    expect(tree(ws)).toEqual(before);
    expect(existsSync(join(ws, "out"))).toBe(false);
    expect(r.stdout).toMatch(/Service accounts \(2\):\n  \+ grafana_service_account\.foo  name "sa-key_foo"  role Viewer/);
    expect(r.stdout).toMatch(/Tokens \(2\):/);
    expect(r.stdout).toMatch(/Removed blocks \(2\):\n  grafana_api_key\.foo  destroy = false/);
    expect(r.stdout).toMatch(/Would write \(4\):\n  out\/main\.tf/);
    expectNoSecrets(r.stdout, r.stderr);
  });

  test("--check exits 3 while legacy keys remain and 0 on the migrated output", () => {
    ws = workspace("seed");
    const before = tree(ws);
    const r = run("migrate", "seed", "--check");
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/2 legacy API key\(s\) remain/);
    expect(r.stdout).toMatch(/grafana_api_key\.foo \(seed\/main\.tf\)/);
    expect(tree(ws)).toEqual(before);

    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    const clean = run("migrate", "out", "--check");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/No legacy API keys/);
  });

  test("a configuration without legacy keys is left alone", () => {
    ws = workspace();
    write(join(ws, "in", "main.tf"), 'resource "grafana_folder" "f" {\n  title = "f"\n}\n');
    const r = run("migrate", "in", "--out", "out");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nothing to migrate/);
    expect(existsSync(join(ws, "out"))).toBe(false);
  });
});

describe("--in-place", () => {
  test("rewrites the inputs, keeps backups, and puts the generated file beside them", () => {
    ws = workspace("multi");
    const keys = read(ws, "multi", "keys.tf");
    const consumers = read(ws, "multi", "consumers.tf");
    const r = run("migrate", "multi", "--in-place");

    expect(r.code).toBe(0);
    expect(read(ws, "multi", "keys.tf.grafana-sa.bak")).toBe(keys);
    expect(read(ws, "multi", "consumers.tf.grafana-sa.bak")).toBe(consumers);
    expect(existsSync(join(ws, "multi", "keys.tf"))).toBe(false); // it held only keys
    expect(read(ws, "multi", "consumers.tf")).toMatch(/grafana_service_account_token\.dashboards\.key/);
    expect(read(ws, "multi", "grafana-service-accounts.tf")).toMatch(/removed \{/);
    expect(existsSync(join(ws, "multi", "MIGRATION-REPORT.md"))).toBe(true);
    expect(readdirSync(join(ws, "multi")).filter((n) => n.includes(".tmp"))).toEqual([]);
  });

  test("refuses to overwrite backups of an earlier run unless --force", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "main.tf.grafana-sa.bak"), "# earlier backup\n");
    const before = tree(ws);

    const r = run("migrate", "seed", "--in-place");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/backups from an earlier run exist: seed\/main\.tf\.grafana-sa\.bak/);
    expect(tree(ws)).toEqual(before);

    expect(run("migrate", "seed", "--in-place", "--force").code).toBe(0);
    expect(read(ws, "seed", "main.tf.grafana-sa.bak")).toBe(before["seed/main.tf"]);
  });
});
