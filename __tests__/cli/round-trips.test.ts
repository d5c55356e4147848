/** Files a migration empties, and migrate -> revert -> migrate on the seed configuration. */
import { existsSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, read, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

const PROVIDER = 'provider "grafana" {\n  url = "http://localhost:3000"\n}\n';
const KEYS = '# the keys\nresource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "Editor"\n}\n';

function keysAndProvider(): void {
  ws = workspace();
  write(join(ws, "in", "main.tf"), PROVIDER);
  write(join(ws, "in", "keys.tf"), KEYS);
  write(join(ws, "in", "outputs.tf"), '\nresource "grafana_api_key" "other" {\n  name = "other"\n  role = "Viewer"\n}\n\noutput "ci" {\n  value     = grafana_api_key.ci.key\n  sensitive = true\n}\n');
}

describe("a file that held only legacy keys", () => {
  test("GIVEN --out WHEN migrated THEN the file is not written, the report and stdout name it, and no file starts with a blank line", () => {
    keysAndProvider();
    const r = run("migrate", "in", "--out", "out");

    expect(r.code).toBe(0);
    expect(existsSync(join(ws, "out", "keys.tf"))).toBe(false);
    expect(r.stdout).not.toMatch(/out\/keys\.tf/);
    expect(r.stdout).toContain("Left out: in/keys.tf (only legacy keys).");
    expect(read(ws, "out", "outputs.tf")).toBe('output "ci" {\n  value     = grafana_service_account_token.ci.key\n  sensitive = true\n}\n');
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toContain("Removed in/keys.tf: it held only legacy keys");
    expect(JSON.parse(read(ws, "out", "migration-report.json")).removedFiles).toEqual(["in/keys.tf"]);
  });

  test("GIVEN --dry-run WHEN planned THEN the plan says the file would be removed", () => {
    keysAndProvider();
    expect(run("migrate", "in", "--dry-run").stdout).toMatch(/Would remove \(held only legacy keys\) \(1\):\n {2}in\/keys\.tf/);
  });

  test("GIVEN --in-place WHEN migrated THEN the file is deleted and its backup kept", () => {
    keysAndProvider();
    const r = run("migrate", "in", "--in-place");

    expect(r.code).toBe(0);
    expect(existsSync(join(ws, "in", "keys.tf"))).toBe(false);
    expect(read(ws, "in", "keys.tf.grafana-sa.bak")).toBe(KEYS);
    expect(read(ws, "in", "main.tf")).toBe(PROVIDER);
    expect(r.stdout).toContain("Deleted (backup kept): in/keys.tf (only legacy keys).");
    expect(read(ws, "in", "MIGRATION-REPORT.md")).toContain("Removed in/keys.tf");
  });
});

describe("migrate, revert, migrate", () => {
  const configs = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([name]) => name.endsWith(".tf") || name.endsWith(".tf.json")));

  test("GIVEN the seed configuration WHEN migrated, reverted and migrated again THEN the result is the single migration's", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed/main.tf", "--out", "once").code).toBe(0);
    expect(run("migrate", "seed/main.tf", "--out", "migrated").code).toBe(0);
    const reverted = run("revert", "migrated", "--out", "reverted");
    expect(reverted.code).toBe(0);

    // The revert leaves nothing that describes the tokens: no generated file, outputs or migration report.
    expect(Object.keys(tree(join(ws, "reverted")))).toEqual(["REVERT-REPORT.md", "grafana-api-keys.tf", "main.tf"]);
    expect(read(ws, "reverted", "main.tf")).toBe(read(ws, "once", "main.tf"));
    expect(read(ws, "reverted", "REVERT-REPORT.md")).toMatch(/## Outputs removed \(2\)[\s\S]*- `bar_token`\n- `foo_token`/);
    expect(read(ws, "reverted", "REVERT-REPORT.md")).toContain("Removed migrated/grafana-service-accounts.tf");

    const again = run("migrate", "reverted", "--out", "again");
    expect(again.code).toBe(0);
    // The reverted keys are new keys named key_foo-reverted (the old names are still taken in Grafana): the same migration, with those names.
    const renamed = <T>(v: T): T => JSON.parse(JSON.stringify(v).replace(/key_(foo|bar)/g, "key_$1-reverted"));
    expect(configs(tree(join(ws, "again")))).toEqual(renamed(configs(tree(join(ws, "once")))));
    const report = (dir: string) => {
      const { keys, accounts } = JSON.parse(read(ws, dir, "migration-report.json"));
      return { keys: keys.map(({ source, ...k }: { source: unknown }) => k), accounts };
    };
    expect(report("again")).toEqual(renamed(report("once")));
  });

  test("GIVEN a partial revert WHEN migrated again THEN the older generated file is an input and the new one takes the next name", () => {
    ws = workspace("multi");
    expect(run("migrate", "multi", "--out", "migrated").code).toBe(0);
    expect(run("revert", "migrated", "--out", "reverted", "--token", "grafana_service_account_token.alerts").code).toBe(0);
    expect(existsSync(join(ws, "reverted", "grafana-service-accounts.tf"))).toBe(true);

    const again = run("migrate", "reverted", "--out", "again");
    expect(again.code).toBe(0);
    expect(read(ws, "again", "grafana-service-accounts-2.tf")).toMatch(/resource "grafana_service_account_token" "alerts"/);
    expect(read(ws, "again", "grafana-service-accounts.tf")).toBe(read(ws, "reverted", "grafana-service-accounts.tf"));
  });
});

describe("comments on a legacy key", () => {
  const KEY = '# CI key, used by the pipeline\n/* owned by platform */\nresource "grafana_api_key" "ci" {\n  name = "ci" // pipeline name\n  # Editor because it deploys\n  role            = "Editor"\n  seconds_to_live = 3600\n  # no argument\n}\n';

  test("GIVEN HCL output WHEN migrated THEN they move to the account and token, next to the arguments that survive, formatted", () => {
    ws = workspace();
    write(join(ws, "in", "main.tf"), PROVIDER + "\n" + KEY);
    expect(run("migrate", "in", "--out", "out").code).toBe(0);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    expect(generated).toContain('# CI key, used by the pipeline\n/* owned by platform */\n# no argument\nresource "grafana_service_account" "ci" {\n  name = "sa-ci"\n  # Editor because it deploys\n  role = "Editor"\n}');
    expect(generated).toContain('  name               = "ci-token" // pipeline name\n');
    expect(read(ws, "out", "main.tf")).toBe(PROVIDER);
  });

  test("GIVEN a migrated key's comments WHEN reverted THEN the key takes them back from its account and token, and a second migration moves them as the first did", () => {
    ws = workspace();
    write(join(ws, "in", "main.tf"), PROVIDER + "\n" + KEY);
    expect(run("migrate", "in", "--out", "out").code).toBe(0);
    const reverted = run("revert", "out", "--out", "rev");
    expect(reverted.code).toBe(0);
    expect(reverted.stderr).not.toContain("comments");
    expect(read(ws, "rev", "grafana-api-keys.tf")).toContain('# CI key, used by the pipeline\n/* owned by platform */\n# no argument\nresource "grafana_api_key" "ci" {\n  name = "ci-reverted" // pipeline name\n  # Editor because it deploys\n  role            = "Editor"\n  seconds_to_live = 3600\n}\n');
    expect(run("migrate", "rev", "--out", "again").code).toBe(0);
    const accounts = (dir: string) => read(ws, dir, "grafana-service-accounts.tf").replace(/ci-reverted/g, "ci").replace(/^terraform \{[\s\S]*?\n\}\n/, "");
    expect(accounts("again")).toBe(accounts("out"));
  });

  test("GIVEN a migrated key's comments WHEN reverted to Terraform JSON THEN a warning says they are not carried and how to keep them", () => {
    ws = workspace();
    write(join(ws, "in", "main.tf"), PROVIDER + "\n" + KEY);
    expect(run("migrate", "in", "--out", "out").code).toBe(0);
    const reverted = run("revert", "out", "--out", "rev", "--format", "json");
    expect(reverted.code).toBe(0);
    expect(reverted.stderr).toMatch(/warning: grafana_api_key\.ci: its account and token have comments[\s\S]*--format hcl/);
  });

  test("GIVEN JSON output WHEN migrated THEN they are the blocks' \"//\" properties; a JSON key's \"//\" text carries over too", () => {
    ws = workspace();
    write(join(ws, "in", "main.tf"), KEY);
    expect(run("migrate", "in", "--out", "out", "--format", "json").code).toBe(0);
    const doc = JSON.parse(read(ws, "out", "grafana-service-accounts.tf.json"));
    expect(doc.resource.grafana_service_account.ci["//"]).toBe("CI key, used by the pipeline\nowned by platform\nno argument\nEditor because it deploys");
    expect(doc.resource.grafana_service_account_token.ci["//"]).toBe("pipeline name");

    write(join(ws, "json", "keys.tf.json"), JSON.stringify({ resource: { grafana_api_key: { ci: { "//": "CI key", name: "ci", role: "Editor" } } } }));
    expect(run("migrate", "json", "--out", "out2").code).toBe(0);
    expect(JSON.parse(read(ws, "out2", "grafana-service-accounts.tf.json")).resource.grafana_service_account.ci["//"]).toBe("CI key");
  });
});
