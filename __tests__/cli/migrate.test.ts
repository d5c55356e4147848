import { readdirSync } from "fs";
import { join } from "path";
import { providerSchemaErrors } from "../support/provider-schema";
import { cleanup, ensureBuilt, expectNoSecrets, grafanaSa, read, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });
/** The generated file leaves required_providers to the input that already lists it. */
const schemaErrors = (json: unknown) => providerSchemaErrors(json).filter((e) => !e.startsWith("terraform.required_providers"));

describe("migrate the seed configuration", () => {
  test("GIVEN the seed WHEN migrating to --out THEN DIR holds the rewritten module, the generated file and reports", () => {
    ws = workspace("seed");
    const before = tree(join(ws, "seed"));

    const r = run("migrate", "seed/main.tf", "--out", "out");

    expect(r.code).toBe(0);
    expect(readdirSync(join(ws, "out")).sort()).toEqual(["MIGRATION-REPORT.md", "grafana-service-accounts.tf", "main.tf", "migration-report.json"]);
    const main = read(ws, "out", "main.tf");
    expect(main).not.toMatch(/grafana_api_key/);
    expect(main).toMatch(/provider "grafana"/);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    expect(generated).toMatch(/resource "grafana_service_account" "foo" \{\n\s+name = "sa-key_foo"\n\s+role = "Viewer"/);
    expect(generated).toContain(
      ['resource "grafana_service_account_token" "bar" {', '  name               = "key_bar-token"', "  service_account_id = grafana_service_account.bar.id", "  seconds_to_live    = 30", "}"].join("\n"),
    );
    expect(generated.match(/removed \{\n\s+from = grafana_api_key\.(foo|bar)\n\n\s+lifecycle \{\n\s+destroy = false/g)).toHaveLength(2);
    expect(generated).toMatch(/required_version = ">= 1.7"/);
    expect(generated).toMatch(/output "foo_token" \{\n\s+value\s+= grafana_service_account_token\.foo\.key\n[^}]*sensitive\s+= true/);
    // The seed lists required_providers already; a module may have only one list.
    expect(generated).not.toMatch(/required_providers/);
    expect(tree(join(ws, "seed"))).toEqual(before);
    expect(r.stderr).toMatch(/^warning: grafana_api_key.bar is an Admin key/m);
    expectNoSecrets(r.stdout, r.stderr, generated, read(ws, "out", "MIGRATION-REPORT.md"), read(ws, "out", "migration-report.json"));
  });

  test("the reports map each legacy key to its account and token, with next steps", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);

    const report = JSON.parse(read(ws, "out", "migration-report.json"));
    expect(report.keys).toEqual([
      expect.objectContaining({ legacy: "grafana_api_key.foo", account: "grafana_service_account.foo", accountName: "sa-key_foo", token: "grafana_service_account_token.foo", tokenName: "key_foo-token", role: "Viewer", ttl: "never", legacyKeyFate: "kept (forgotten by Terraform)", output: "foo_token" }),
      expect.objectContaining({ legacy: "grafana_api_key.bar", role: "Admin", ttl: "30s", output: "bar_token" }),
    ]);
    expect(report.keys[1].warnings.join()).toMatch(/GRAFANA-ADMIN-KEY/);
    const md = read(ws, "out", "MIGRATION-REPORT.md");
    expect(md).toMatch(/### grafana_api_key.foo\n\n- Declared in: seed\/main.tf:15/);
    expect(md).toMatch(/1\. `terraform init -upgrade`[\s\S]*`terraform plan -out=tfplan`/);
    expect(md).toMatch(/terraform output -raw/);
    expect(md).toMatch(/## Ignored keys \(0\)/);
    expect(md).toMatch(/### Phase 1: on a provider that still knows the legacy keys/);
  });

  test("the Cloud seed becomes a Cloud stack account and token on the same provider", () => {
    ws = workspace("seed-cloud");
    const r = run("migrate", "seed-cloud", "--out", "out");

    expect(r.code).toBe(0);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    // Style-guide order: the provider meta-argument first, then the arguments.
    expect(generated).toContain(
      [
        'resource "grafana_cloud_stack_service_account" "management" {',
        "  provider = grafana.cloud",
        "",
        "  stack_slug = grafana_cloud_stack.my_stack.slug",
        '  name       = "sa-management-key"',
        '  role       = "Admin"',
        "}",
      ].join("\n"),
    );
    expect(generated).toMatch(/resource "grafana_cloud_stack_service_account_token" "management"/);
    expect(generated).toMatch(/from = grafana_cloud_stack_api_key\.management/);
    expect(read(ws, "out", "main.tf")).not.toMatch(/grafana_cloud_stack_api_key/);
    expect(read(ws, "out", "main.tf")).toMatch(/resource "grafana_cloud_stack" "my_stack"/);
    expect(r.stderr).toMatch(/warning: provider grafana.cloud authenticates with cloud_api_key/);
    expectNoSecrets(r.stdout, r.stderr, generated, read(ws, "out", "MIGRATION-REPORT.md"));
  });
});

describe("inputs", () => {
  test("a .tf.json input gives a JSON module by default, with references rewritten", () => {
    ws = workspace("json");
    const r = run("migrate", "json/main.tf.json", "--out", "out");

    expect(r.code).toBe(0);
    expect(readdirSync(join(ws, "out")).sort()).toEqual(["MIGRATION-REPORT.md", "grafana-service-accounts.tf.json", "main.tf.json", "migration-report.json"]);
    const main = JSON.parse(read(ws, "out", "main.tf.json"));
    expect(main.resource).toBeUndefined();
    expect(main.output.ci_key.value).toBe("${grafana_service_account_token.ci.key}");
    const generated = JSON.parse(read(ws, "out", "grafana-service-accounts.tf.json"));
    expect(generated.resource.grafana_service_account.ci).toMatchObject({ name: "sa-ci", role: "Editor" });
    expect(generated.resource.grafana_service_account_token.ci).toMatchObject({ name: "ci-token", seconds_to_live: 86400 });
    expect(generated.removed).toEqual([{ from: "grafana_api_key.ci", lifecycle: { destroy: false } }]);
    expect(generated.output.ci_token).toMatchObject({ sensitive: true, value: "${grafana_service_account_token.ci.key}" });
    expect(schemaErrors(generated)).toEqual([]);
    expect(JSON.parse(read(ws, "out", "migration-report.json")).rewrites).toEqual([{ file: "json/main.tf.json", from: "grafana_api_key.ci.key", to: "grafana_service_account_token.ci.key" }]);
  });

  test("a cdk.tf.json inside a cdktf.out tree is plain Terraform JSON", () => {
    ws = workspace();
    write(join(ws, "cdktf.out", "stacks", "app", "cdk.tf.json"), read(__dirname, "..", "fixtures", "json", "main.tf.json"));
    const r = run("migrate", "cdktf.out/stacks/app/cdk.tf.json", "--out", "migrated");

    expect(r.code).toBe(0);
    expect(readdirSync(join(ws, "migrated")).sort()).toEqual(["MIGRATION-REPORT.md", "cdk.tf.json", "grafana-service-accounts.tf.json", "migration-report.json"]);
  });

  test("a directory gives its *.tf and *.tf.json files, not recursively, and keeps their names", () => {
    ws = workspace("multi");
    const r = run("migrate", "multi", "--out", "out");

    expect(r.code).toBe(0);
    expect(Object.keys(tree(join(ws, "out"))).sort()).toEqual(["MIGRATION-REPORT.md", "consumers.tf", "grafana-service-accounts.tf", "migration-report.json"]);
    const consumers = read(ws, "out", "consumers.tf");
    expect(consumers).toMatch(/auth  = grafana_service_account_token\.dashboards\.key/);
    expect(consumers).toMatch(/value = grafana_service_account_token\.alerts\.expiration/);
    // keys.tf held only keys: it is left out, not written empty.
    expect(r.stdout).toContain("Left out: multi/keys.tf (only legacy keys).");
    expect(read(ws, "out", "grafana-service-accounts.tf")).not.toMatch(/nested/);
  });

  test("files from several directories keep their paths relative to the common parent", () => {
    ws = workspace("seed", "multi");
    const r = run("migrate", "seed/main.tf", "multi/keys.tf", "multi/consumers.tf", "--out", "out");

    expect(r.code).toBe(0);
    expect(Object.keys(tree(join(ws, "out"))).sort()).toEqual(["MIGRATION-REPORT.md", "grafana-service-accounts.tf", "migration-report.json", "multi/consumers.tf", "seed/main.tf"]);
    expect(r.stderr).toMatch(/warning: the inputs come from several directories/);
  });

  test("--definitions adds keys described as data, from JSON or a CommonJS module", () => {
    ws = workspace("seed");
    write(join(ws, "defs.json"), JSON.stringify([{ name: "reporting", role: "Viewer", ttl: "7d" }]));
    write(join(ws, "defs.cjs"), `module.exports = { keys: [{ name: "cloud-ci", role: "Editor", secondsToLive: 3600, stackSlug: "prod" }] };`);

    expect(run("migrate", "seed", "--definitions", "defs.json", "--out", "a").code).toBe(0);
    expect(read(ws, "a", "grafana-service-accounts.tf")).toMatch(/resource "grafana_service_account_token" "reporting" \{\n\s+name\s+= "reporting-token"\n\s+service_account_id = grafana_service_account\.reporting\.id\n\s+seconds_to_live\s+= 604800/);
    expect(run("migrate", "--definitions", "defs.cjs", "--out", "b").code).toBe(0);
    expect(read(ws, "b", "grafana-service-accounts.tf")).toMatch(/resource "grafana_cloud_stack_service_account" "cloud-ci" \{[^}]*stack_slug = "prod"/);
  });
});
