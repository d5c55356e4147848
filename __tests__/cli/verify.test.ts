import { readFileSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
beforeEach(() => (ws = workspace("seed")));
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

// A value shaped like a secret, in the plan's attributes: verify must never print it.
const SECRET = "glsa_NeverPrintThisTokenValue0123456789_abcdef12";

interface Report {
  keys: { legacy: string; token: string }[];
  accounts: { address: string }[];
}

/** The seed migrated with --out, and the plan terraform makes for it (as terraform show -json writes it). */
function migrated(): { report: Report; changes: object[] } {
  expect(run("migrate", "seed", "--out", "out").code).toBe(0);
  const report = JSON.parse(readFileSync(join(ws, "out", "migration-report.json"), "utf8")) as Report;
  const entry = (address: string, actions: string[]) => ({ address, mode: "managed", type: address.split(".")[0], change: { actions, before: { key: SECRET }, after: { key: SECRET } } });
  const changes = [
    ...report.keys.map((k) => entry(k.legacy, ["forget"])),
    ...report.keys.map((k) => entry(k.token, ["create"])),
    ...report.accounts.map((a) => entry(a.address, ["create"])),
    entry("grafana_folder.unrelated", ["no-op"]),
  ];
  return { report, changes };
}
const savePlan = (changes: object[], name = "plan.json") => write(join(ws, name), JSON.stringify({ format_version: "1.2", resource_changes: changes }, null, 2));

test("GIVEN the plan of a migrated seed WHEN verified with --report THEN it is safe (exit 0) and no value of the plan is printed", () => {
  savePlan(migrated().changes);
  const r = run("verify", "plan.json", "--report", "out/migration-report.json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Checked \d+ planned change\(s\) in plan\.json against out\/migration-report\.json\./);
  expect(r.stdout).toMatch(/Safe to apply/);
  expect(r.stdout).not.toContain(SECRET);
});

test("GIVEN a plan that deletes a legacy key WHEN verified THEN exit 3 with the address, the actions and why, in every output form, never a value", () => {
  const { report, changes } = migrated();
  const key = report.keys[0].legacy;
  savePlan(changes.map((c) => ((c as { address: string }).address === key ? { ...c, change: { actions: ["delete"], before: { key: SECRET } } } : c)));
  const human = run("verify", "plan.json", "--report", "out/migration-report.json");
  expect(human.code).toBe(3);
  expect(human.stdout).toContain(`  ${key}  [delete]  the plan deletes (revokes) this legacy key`);
  expect(human.stdout).toMatch(/Not safe to apply/);
  const json = run("verify", "plan.json", "--report", "out/migration-report.json", "--json");
  expect(json.code).toBe(3);
  expect(JSON.parse(json.stdout)).toMatchObject({ safe: false, plan: "plan.json", report: "out/migration-report.json", violations: [{ address: key, actions: ["delete"] }], absentKeys: [] });
  expect(run("verify", "plan.json", "--report", "out/migration-report.json", "--output", "json").stdout).toBe(json.stdout);
  const sarif = JSON.parse(run("verify", "plan.json", "--report", "out/migration-report.json", "--output", "sarif").stdout);
  expect(sarif.runs[0].tool.driver.rules[0].id).toBe("GRAFANA-UNSAFE-PLAN");
  expect(sarif.runs[0].results).toEqual([expect.objectContaining({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: "plan.json" } } }] })]);
  const github = run("verify", "plan.json", "--report", "out/migration-report.json", "--output", "github");
  expect(github.stdout).toMatch(new RegExp(`^::error file=plan\\.json,title=Unsafe change in a migration's plan::${key.replace(/[.[\]]/g, "\\$&")} \\[delete\\]: `));
  for (const r of [human, json, github]) expect(r.stdout + r.stderr).not.toContain(SECRET);
});

test("GIVEN a plan without a legacy key (not in state) WHEN verified THEN that is a note, and the plan is still safe", () => {
  const { report, changes } = migrated();
  const key = report.keys[0].legacy;
  savePlan(changes.filter((c) => (c as { address: string }).address !== key));
  const r = run("verify", "plan.json", "--report", "out/migration-report.json");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`Note (1):\n  ${key} is not in the plan: not in state (already gone, or converted by Grafana)`);
  const github = run("verify", "plan.json", "--report", "out/migration-report.json", "--output", "github");
  expect(github.stdout).toMatch(/^::notice file=out\/migration-report\.json,title=Legacy key not in state::/);
});

test("GIVEN no --report WHEN verified THEN ./migration-report.json of the working directory is read, and without it the fix is named (exit 4)", () => {
  const { changes } = migrated();
  savePlan(changes);
  const missing = run("verify", "plan.json");
  expect(missing.code).toBe(4);
  expect(missing.stderr).toBe("grafana-sa: cannot read migration-report.json: no such file. Pass the migration-report.json that grafana-sa migrate wrote with --report FILE, or run verify in the directory that holds it.\n");
  write(join(ws, "migration-report.json"), readFileSync(join(ws, "out", "migration-report.json"), "utf8"));
  expect(run("verify", "plan.json").code).toBe(0);
});

test("GIVEN a plan that is not valid JSON, or not a plan WHEN verified THEN exit 4 naming the file and line:column", () => {
  migrated();
  write(join(ws, "plan.json"), `{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}\n`);
  const bad = run("verify", "plan.json", "--report", "out/migration-report.json");
  expect(bad.code).toBe(4);
  expect(bad.stderr).toMatch(/^grafana-sa: plan\.json:3:24: invalid JSON: /);
  write(join(ws, "state.json"), `{"values": {}}`);
  const notPlan = run("verify", "state.json", "--report", "out/migration-report.json");
  expect(notPlan.code).toBe(4);
  expect(notPlan.stderr).toBe("grafana-sa: state.json: not the JSON of a saved plan: run `terraform show -json tfplan > plan.json`.\n");
  expect(run("verify", "nope.json", "--report", "out/migration-report.json").stderr).toMatch(/^grafana-sa: cannot read nope\.json: /);
});

test("GIVEN --json with another --output, or no plan WHEN verify runs THEN it is a usage error (exit 2)", () => {
  expect(run("verify", "plan.json", "--json", "--output", "sarif").code).toBe(2);
  expect(run("verify").code).toBe(2);
});
