/** migrate --out and the module's other files: the lock file goes with it; a local state does not, and migrate says so. */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
beforeEach(() => (ws = workspace("seed")));
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

const LOCK = `# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/grafana/grafana" {
  version     = "2.19.0"
  constraints = "~> 2.19"
  hashes = [
    "h1:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=",
  ]
}
`;
// A state holds secrets: migrate may check that it exists, never read, copy or print it.
const STATE_SECRET = "glsa_StateSecretNeverPrinted0123456789_abcdef12";
const report = () => JSON.parse(readFileSync(join(ws, "out", "migration-report.json"), "utf8"));

test("GIVEN a lock file beside the inputs WHEN migrate --out THEN DIR gets it unchanged, with the rest", () => {
  write(join(ws, "seed", ".terraform.lock.hcl"), LOCK);
  const r = run("migrate", "seed", "--out", "out");
  expect(r.code).toBe(0);
  expect(readFileSync(join(ws, "out", ".terraform.lock.hcl"), "utf8")).toBe(LOCK);
  expect(report().files).toContain(join("out", ".terraform.lock.hcl"));
});

test("GIVEN a lock file and --format both WHEN migrate --out THEN each module directory gets it", () => {
  write(join(ws, "seed", ".terraform.lock.hcl"), LOCK);
  expect(run("migrate", "seed", "--out", "out", "--format", "both").code).toBe(0);
  for (const dir of ["hcl", "json"]) expect(readFileSync(join(ws, "out", dir, ".terraform.lock.hcl"), "utf8")).toBe(LOCK);
});

test("GIVEN a lock file WHEN migrate --in-place THEN it stays as it is, with no backup", () => {
  write(join(ws, "seed", ".terraform.lock.hcl"), LOCK);
  expect(run("migrate", "seed", "--in-place").code).toBe(0);
  expect(readFileSync(join(ws, "seed", ".terraform.lock.hcl"), "utf8")).toBe(LOCK);
  expect(existsSync(join(ws, "seed", ".terraform.lock.hcl.grafana-sa.bak"))).toBe(false);
});

test("GIVEN a local terraform.tfstate and no backend WHEN migrate --out THEN a GRAFANA-OUT-NO-STATE warning names --in-place and moving the state, and the state is not read or copied", () => {
  write(join(ws, "seed", "terraform.tfstate"), JSON.stringify({ version: 4, resources: [{ instances: [{ attributes: { key: STATE_SECRET } }] }] }));
  const r = run("migrate", "seed", "--out", "out");
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/warning: the inputs keep their state in a local terraform\.tfstate.*--in-place.*move the state/s);
  expect(report().diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code: "GRAFANA-OUT-NO-STATE", level: "warning" })]));
  expect(existsSync(join(ws, "out", "terraform.tfstate"))).toBe(false);
  expect(JSON.stringify(tree(join(ws, "out"))) + r.stdout + r.stderr).not.toContain(STATE_SECRET);
});

test("GIVEN a local terraform.tfstate WHEN the inputs configure a backend, or migrate runs --in-place THEN there is no warning", () => {
  write(join(ws, "seed", "terraform.tfstate"), "{}");
  expect(run("migrate", "seed", "--in-place").stderr).not.toMatch(/GRAFANA-OUT-NO-STATE/);
  cleanup(ws);
  ws = workspace("seed");
  write(join(ws, "seed", "terraform.tfstate"), "{}");
  write(join(ws, "seed", "backend.tf"), `terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n`);
  const r = run("migrate", "seed", "--out", "out");
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(/GRAFANA-OUT-NO-STATE/);
});
