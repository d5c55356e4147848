/** --engine opentofu: removed blocks OpenTofu accepts, the version it needs, the same from the CLI and MigrationStack. */
import { engineFromLock, removedForm } from "../../src/planning/engine";
import { phaseSteps } from "../../src/report/phase-steps";
import { MigrationStack } from "../../src/constructs/migration-stack";
import { planMigration } from "../../src/planning/plan-migration";
import { synthesize } from "../../src/synth/synthesize";
import { migrate, parsedGenerated, sourceFile, synthesizedDocument, withoutComments } from "../migration/harness";

const KEYS = 'resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "Editor"\n}\n\nresource "grafana_api_key" "kept" {\n  name = "kept"\n  role = "Viewer"\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';
const CLOUD = 'resource "grafana_cloud_stack_api_key" "ci" {\n  stack_slug = "mystack"\n  name       = "ci"\n  role       = "Editor"\n}\n';
const removedOf = (doc: unknown) => (doc as { removed?: unknown[] }).removed;
const requiredOf = (doc: unknown) => (doc as { terraform?: { required_version?: string } }).terraform?.required_version;

describe("engineFromLock", () => {
  test.each([
    ['provider "registry.opentofu.org/grafana/grafana" {\n  version = "2.19.0"\n}\n', "opentofu"],
    ['provider "registry.terraform.io/grafana/grafana" {\n  version = "2.19.0"\n}\n', "terraform"],
    ['provider "registry.terraform.io/hashicorp/null" {\n}\nprovider "registry.opentofu.org/grafana/grafana" {\n}\n', "opentofu"],
    ["# no providers\n", undefined],
  ])("GIVEN the lock file %j THEN the engine is %j", (lock, engine) => {
    expect(engineFromLock(lock)).toBe(engine);
  });
});

describe("removed blocks per engine", () => {
  test.each([
    ["terraform", false, { lifecycle: true, requiredVersion: ">= 1.7" }],
    ["terraform", true, { lifecycle: true, requiredVersion: ">= 1.7" }],
    ["opentofu", false, { lifecycle: false, requiredVersion: ">= 1.7" }],
    ["opentofu", true, { lifecycle: true, requiredVersion: ">= 1.10" }],
  ] as const)("GIVEN %s and destroy %j THEN %j", (engine, destroy, form) => {
    expect(removedForm(engine, [{ destroy: false }, { destroy }])).toEqual(form);
  });

  test("GIVEN --engine opentofu WHEN the keys are forgotten THEN removed blocks have no lifecycle, required_version >= 1.7, and MigrationStack writes the same", async () => {
    const m = await migrate([await sourceFile("main.tf", KEYS)], { engine: "opentofu" });
    expect(m.plan.requiredVersion).toBe(">= 1.7");
    expect(removedOf(m.cli.json)).toEqual([{ from: "grafana_api_key.ci" }, { from: "grafana_api_key.kept" }]);
    expect(m.cli.hcl).toContain("removed {\n  from = grafana_api_key.ci\n}\n");
    expect(m.cli.hcl).not.toContain("lifecycle {\n    destroy");
    expect(withoutComments(m.cli.json)).toEqual(synthesizedDocument(m));
    const parsed = await parsedGenerated(m);
    expect(parsed.cli).toEqual(parsed.synthesized);
  });

  test("GIVEN --engine opentofu and --revoke-legacy THEN lifecycle { destroy } is written (true, and false for prevent_destroy), required_version >= 1.10, and MigrationStack writes the same", async () => {
    const m = await migrate([await sourceFile("main.tf", KEYS)], { engine: "opentofu", revokeLegacy: true });
    expect(m.plan.requiredVersion).toBe(">= 1.10");
    expect(requiredOf(m.cli.json)).toBe(">= 1.10");
    expect(removedOf(m.cli.json)).toEqual([
      { from: "grafana_api_key.ci", lifecycle: { destroy: true } },
      { from: "grafana_api_key.kept", lifecycle: { destroy: false } },
    ]);
    expect(withoutComments(m.cli.json)).toEqual(synthesizedDocument(m));
    const parsed = await parsedGenerated(m);
    expect(parsed.cli).toEqual(parsed.synthesized);
  });

  test("GIVEN the default engine THEN removed blocks keep lifecycle { destroy = false } and >= 1.7 (unchanged)", async () => {
    const m = await migrate([await sourceFile("main.tf", KEYS)]);
    expect(m.plan.engine).toBeUndefined();
    expect(requiredOf(m.cli.json)).toBe(">= 1.7");
    expect(removedOf(m.cli.json)).toEqual([
      { from: "grafana_api_key.ci", lifecycle: { destroy: false } },
      { from: "grafana_api_key.kept", lifecycle: { destroy: false } },
    ]);
  });
});

test("GIVEN a plan made without an engine WHEN MigrationStack gets engine opentofu THEN it writes what the CLI writes for an opentofu plan", async () => {
  const inputs = [await sourceFile("main.tf", KEYS)];
  const tofu = await migrate(inputs, { engine: "opentofu", revokeLegacy: true });
  const [stack] = await synthesize((app) => new MigrationStack(app, "migration", { plan: planMigration(inputs, { revokeLegacy: true }), engine: "opentofu" }), ["json"]);
  expect(synthesizedDocument({ ...tofu, json: JSON.parse(stack.json) })).toEqual(withoutComments(tofu.cli.json));
});

describe("steps per engine", () => {
  test("GIVEN --engine opentofu THEN every step that runs the engine runs tofu", async () => {
    const m = await migrate([await sourceFile("main.tf", KEYS)], { engine: "opentofu" });
    const commands = phaseSteps(m.plan, { outputs: [] }).map((s) => s.command);
    expect(commands).toEqual([
      "tofu init -upgrade",
      "tofu plan -out=tfplan",
      "tofu show -json tfplan > plan.json",
      "grafana-sa verify plan.json",
      "tofu apply tfplan",
      "grafana-sa finish . --in-place",
      "tofu init -upgrade",
      "tofu plan",
    ]);
  });

  test("GIVEN --engine opentofu and --revoke-legacy THEN the targeted apply runs tofu and says 1.10 is needed", async () => {
    const m = await migrate([await sourceFile("main.tf", KEYS)], { engine: "opentofu", revokeLegacy: true });
    const [, targeted] = phaseSteps(m.plan, { outputs: [] });
    expect(targeted.command).toMatch(/^tofu apply -target=/);
    expect(targeted.why).toContain("OpenTofu >= 1.10 is needed for removed blocks that destroy");
  });

  test("GIVEN Cloud stack keys THEN phase 1's plan does not refresh (their refresh needs the Cloud API, and fails on Grafana 12.1), and says what that skips", async () => {
    const m = await migrate([await sourceFile("main.tf", CLOUD)]);
    const plan = phaseSteps(m.plan, { outputs: [] }).find((s) => / plan .*-out=tfplan$/.test(s.command));
    expect(plan?.command).toBe("terraform plan -refresh=false -out=tfplan");
    expect(plan?.why).toContain("Grafana 12.1 removed the key endpoints");
    expect(plan?.why).toContain("does not refresh other resources");
  });

  test("GIVEN a module pinned to provider 1.x THEN phase 1's plan does not refresh (1.x fails on a key read's 404)", async () => {
    const m = await migrate([await sourceFile("main.tf", `terraform {\n  required_providers {\n    grafana = { source = "grafana/grafana", version = "~> 1.24" }\n  }\n}\n\n${KEYS}`)]);
    const [, plan] = phaseSteps(m.plan, { outputs: [] });
    expect(plan.command).toBe("terraform plan -refresh=false -out=tfplan");
    expect(plan.why).toContain("provider 1.x release");
  });

  test("GIVEN only grafana_api_key keys THEN phase 1's plan refreshes as usual", async () => {
    const m = await migrate([await sourceFile("main.tf", KEYS)]);
    expect(phaseSteps(m.plan, { outputs: [] })[1].command).toBe("terraform plan -out=tfplan");
  });
});
