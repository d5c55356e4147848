/** The report's phase steps, provider constraint and referencing resources (#10: an apply-safe migration). */
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, read, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });
const report = () => JSON.parse(read(ws, "out", "migration-report.json"));
const commands = () => report().steps.map((s: { phase: number; command: string }) => `${s.phase}: ${s.command}`);

describe("steps", () => {
  test("GIVEN the seed WHEN migrated THEN the steps run phase 1 through a checked saved plan, then phase 2, and the Markdown lists the same", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(commands()).toEqual([
      "1: terraform init -upgrade",
      "1: terraform plan -out=tfplan",
      "1: terraform show -json tfplan > plan.json",
      "1: grafana-sa verify plan.json",
      "1: terraform apply tfplan",
      "2: grafana-sa finish . --in-place",
      "2: terraform init -upgrade",
      "2: terraform plan",
    ]);
    const md = read(ws, "out", "MIGRATION-REPORT.md");
    report().steps.forEach((s: { command: string; why: string }, i: number) => {
      expect(s.why).not.toBe("");
      expect(md).toContain(`${i + 1}. \`${s.command}\`\n   ${s.why}\n`);
    });
    expect(report().steps[0].why).toContain('">= 1.26.0, < 3.0.0"');
  });

  test("GIVEN a provider authenticated by a legacy key WHEN migrated THEN after init a targeted apply creates that token first, with why", () => {
    ws = workspace("provider-auth");
    expect(run("migrate", "provider-auth", "--out", "out").code).toBe(0);
    const steps = report().steps;
    expect(steps[1]).toEqual({ phase: 1, command: "terraform apply -target=grafana_service_account_token.bootstrap", why: expect.stringContaining("provider grafana.sa (out/main.tf) authenticates with grafana_service_account_token.bootstrap") });
    expect(steps[2].command).toBe("terraform plan -out=tfplan");
  });

  test("GIVEN the auth key has count WHEN migrated THEN the whole resource is targeted (every instance)", () => {
    ws = workspace("provider-auth");
    const main = read(ws, "provider-auth", "main.tf");
    write(join(ws, "provider-auth", "main.tf"), main.replace('resource "grafana_api_key" "bootstrap" {\n', 'resource "grafana_api_key" "bootstrap" {\n  count = 2\n').replace('"terraform-bootstrap"', '"terraform-bootstrap-${count.index}"').replace("grafana_api_key.bootstrap.key", "grafana_api_key.bootstrap[0].key"));
    expect(run("migrate", "provider-auth", "--out", "out").code).toBe(0);
    expect(report().steps[1].command).toBe("terraform apply -target=grafana_service_account_token.bootstrap");
  });

  test("GIVEN --revoke-legacy WHEN migrated THEN every token is created by target before the apply that revokes the keys", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out", "--revoke-legacy").code).toBe(0);
    const steps = report().steps;
    expect(steps[1]).toEqual({ phase: 1, command: "terraform apply -target=grafana_service_account_token.foo -target=grafana_service_account_token.bar", why: expect.stringContaining("destroys resources that left the configuration before it creates new ones") });
    expect(steps.find((s: { command: string }) => s.command === "terraform apply tfplan").why).toContain("revokes the legacy keys at once");
  });

  test("GIVEN a constraint that fits WHEN migrated THEN init runs without -upgrade", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "main.tf"), read(ws, "seed", "main.tf").replace('source  = "grafana/grafana"', 'source  = "grafana/grafana"\n      version = "~> 2.19"'));
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(report().steps[0].command).toBe("terraform init");
    expect(report().providerConstraint).toMatchObject({ previous: "~> 2.19", constraint: "~> 2.19", changed: false });
  });
});

describe("providerConstraint", () => {
  test("GIVEN the seed (grafana listed without a version) WHEN migrated THEN the report says where, from what to what and why", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(report().providerConstraint).toEqual({ file: "out/main.tf", line: 5, previous: null, constraint: ">= 1.26.0, < 3.0.0", changed: true, reason: expect.stringContaining("no version constraint") });
    expect(read(ws, "out", "main.tf").split("\n")[4]).toBe('      version = ">= 1.26.0, < 3.0.0"');
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toContain("## Provider version\n\n- `out/main.tf:5`: no version constraint -> `>= 1.26.0, < 3.0.0`: ");
  });

  test("GIVEN no required_providers WHEN migrated THEN the generated file carries the version, and the report names it", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "main.tf"), read(ws, "seed", "main.tf").replace(/^terraform \{[\s\S]*?\n\}\n/, ""));
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(read(ws, "out", "grafana-service-accounts.tf")).toContain('    grafana = {\n      source  = "grafana/grafana"\n      version = ">= 1.26.0, < 3.0.0"\n    }');
    expect(report().providerConstraint).toMatchObject({ file: "out/grafana-service-accounts.tf", line: null, previous: null, changed: true });
  });
});

describe("providerConstraints", () => {
  test("GIVEN inputs from two module directories WHEN migrated THEN each module's constraint is reported, the first also as providerConstraint", () => {
    ws = workspace();
    const module = (constraint: string, name: string) => `terraform {\n  required_providers {\n    grafana = "${constraint}"\n  }\n}\n\nresource "grafana_api_key" "${name}" {\n  name = "${name}"\n  role = "Viewer"\n}\n`;
    write(join(ws, "infra", "a", "main.tf"), module("~> 2.0", "a"));
    write(join(ws, "infra", "b", "main.tf"), module("1.24.0", "b"));
    expect(run("migrate", "infra/a", "infra/b", "--out", "out").code).toBe(0);
    const json = report();
    expect(json.providerConstraints.map((c: { file: string; previous: string; constraint: string; changed: boolean }) => [c.file, c.previous, c.constraint, c.changed])).toEqual([
      ["out/a/main.tf", "~> 2.0", "~> 2.0", false],
      ["out/b/main.tf", "1.24.0", ">= 1.26.0, < 2.0.0", true],
    ]);
    expect(json.providerConstraint).toEqual(json.providerConstraints[0]);
    expect(read(ws, "out", "b", "main.tf")).toContain('grafana = ">= 1.26.0, < 2.0.0"');
  });
});

describe("referencing", () => {
  test("GIVEN resources, outputs and providers that use a key WHEN migrated THEN referencing lists only the managed resources", () => {
    ws = workspace("seed");
    const extra = [
      'resource "grafana_folder" "f" {\n  title = grafana_api_key.foo.name\n}\n',
      'output "k" {\n  value     = grafana_api_key.bar.key\n  sensitive = true\n}\n',
      'provider "grafana" {\n  alias = "ci"\n  auth  = grafana_api_key.bar.key\n}\n',
    ].join("\n");
    write(join(ws, "seed", "extra.tf"), extra);
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(report().referencing).toEqual(["grafana_folder.f"]);
    expect(report().rewrites[0]).toEqual({ file: "seed/extra.tf", from: "grafana_api_key.foo.name", to: "grafana_service_account_token.foo.name" });
  });
});

describe("engine (terraform or opentofu)", () => {
  const lock = (host: string) => `provider "${host}/grafana/grafana" {\n  version     = "2.19.0"\n  constraints = ">= 1.26.0, < 3.0.0"\n}\n`;
  const generated = () => read(ws, "out", "grafana-service-accounts.tf");

  test("GIVEN --engine opentofu WHEN migrated THEN the steps run tofu, removed blocks have no lifecycle, and the report says why", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out", "--engine", "opentofu").code).toBe(0);
    expect(commands().filter((c: string) => !c.includes("grafana-sa")).every((c: string) => /^\d: tofu /.test(c))).toBe(true);
    expect(generated()).toMatch(/removed \{\n  from = grafana_api_key\.\w+\n\}/);
    expect(generated()).toContain('required_version = ">= 1.7"');
    expect(report().engine).toEqual({ name: "opentofu", reason: "chosen with --engine opentofu", note: expect.stringContaining("required_version >= 1.7") });
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toContain("Engine: opentofu (chosen with --engine opentofu)");
  });

  test("GIVEN a lock file from registry.opentofu.org WHEN migrated THEN opentofu is detected; --engine terraform overrides it", () => {
    ws = workspace("seed");
    write(join(ws, "seed", ".terraform.lock.hcl"), lock("registry.opentofu.org"));
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(report().engine.name).toBe("opentofu");
    expect(report().engine.reason).toContain("detected: .terraform.lock.hcl locks providers from registry.opentofu.org");
    expect(commands()[0]).toBe("1: tofu init");
    expect(run("migrate", "seed", "--out", "out", "--force", "--engine", "terraform").code).toBe(0);
    expect(report().engine).toMatchObject({ name: "terraform", reason: "chosen with --engine terraform" });
    expect(commands()[0]).toBe("1: terraform init");
  });

  test("GIVEN a lock file from registry.terraform.io THEN terraform, saying so", () => {
    ws = workspace("seed");
    write(join(ws, "seed", ".terraform.lock.hcl"), lock("registry.terraform.io"));
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(report().engine.reason).toContain(".terraform.lock.hcl locks providers from registry.terraform.io, so terraform");
  });

  test("GIVEN --engine opentofu --revoke-legacy THEN required_version >= 1.10 and the report says why", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out", "--engine", "opentofu", "--revoke-legacy").code).toBe(0);
    expect(generated()).toContain('required_version = ">= 1.10"');
    expect(generated()).toContain("destroy = true");
    expect(report().requiredTerraformVersion).toBe(">= 1.10");
    expect(report().engine.note).toContain("only OpenTofu 1.10 and later accept");
  });

  test("GIVEN an unknown engine THEN a usage error names the choices", () => {
    ws = workspace("seed");
    const r = run("migrate", "seed", "--out", "out", "--engine", "pulumi");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--engine must be terraform or opentofu, not "pulumi".');
  });
});

describe("Cloud stack keys", () => {
  test("GIVEN seed-cloud WHEN migrated THEN phase 1's plan runs with -refresh=false and verify still follows", () => {
    ws = workspace("seed-cloud");
    expect(run("migrate", "seed-cloud", "--out", "out").code).toBe(0);
    expect(commands()).toContain("1: terraform plan -refresh=false -out=tfplan");
    expect(commands()).toContain("1: grafana-sa verify plan.json");
  });
});
