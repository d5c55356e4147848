import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, LocalBackend, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import { ApiKey, CloudStackApiKey, grafana, migrateLegacyKeys } from "../../src";
import { withoutComments } from "../migration/harness";
import { ensureBuilt } from "../cli/support";
import { AppBuilder, cliArgs, cliMigrated, readJson, synthApp } from "./in-place-support";

const CORPUS = join(__dirname, "..", "corpus");
let dir: string;

beforeAll(() => ensureBuilt(), 300_000);
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "grafana-in-place-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The corpus's cdk.tf.json as a cdktf app: every section of it set on a stack. */
const corpusCdkTfJson: AppBuilder = (app) => {
  const doc = readJson(join(CORPUS, "cdk-tf-json", "cdk.tf.json"));
  const stack = new TerraformStack(app, "legacy");
  for (const [section, value] of Object.entries(doc)) if (section !== "//") stack.addOverride(section, value);
  return stack;
};

/** The docs' seed (corpus/seed/main.tf) written with the project's constructs. */
const seed: AppBuilder = (app) => {
  const stack = new TerraformStack(app, "seed");
  new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000", auth: "admin:admin" });
  new ApiKey(stack, "foo", { name: "key_foo", role: "Viewer" });
  new ApiKey(stack, "bar", { name: "key_bar", role: "Admin", ttl: "30s" });
  return stack;
};

/** Keys referenced from a provider block, an output, another provider's resource and depends_on; a raw L1 and a Cloud stack key. */
const referenced: AppBuilder = (app) => {
  const stack = new TerraformStack(app, "grafana");
  new LocalBackend(stack, { path: "terraform.grafana.tfstate" });
  const auth = new TerraformVariable(stack, "grafana_auth", { type: "string", sensitive: true });
  new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000", auth: auth.stringValue, cloudAccessPolicyToken: "x" });
  const bootstrap = new ApiKey(stack, "bootstrap", { name: "bootstrap", role: "Admin", ttl: "1d" });
  new grafana.provider.GrafanaProvider(stack, "team", { alias: "team", url: "http://localhost:3000", auth: bootstrap.key });
  const raw = new grafana.apiKey.ApiKey(stack, "raw", { name: "raw", role: "Viewer", count: 2 });
  const data = new TerraformResource(stack, "after", { terraformResourceType: "terraform_data", dependsOn: [raw] });
  data.addOverride("input", `\${${raw.terraformResourceType}.${raw.friendlyUniqueId}[0].key}`);
  new TerraformOutput(stack, "bootstrap_key", { value: bootstrap.key, sensitive: true });
  new CloudStackApiKey(stack, "cloud", { stackSlug: "mystack", name: "cloud", role: "Editor", ttl: "1h" });
  return stack;
};

const CASES: [string, AppBuilder][] = [
  ["the cdk-tf-json corpus case", corpusCdkTfJson],
  ["the seed as a cdktf app", seed],
  ["keys referenced from a provider block, an output, terraform_data and depends_on", referenced],
];

describe.each(CASES)("GIVEN %s", (_name, build) => {
  test.each([{}, { strategy: "per-role" as const }, { revokeLegacy: true, tokenName: "{name}-sa-token" }])(
    "WHEN synthesized with migrateLegacyKeys(%j) THEN the stack's document equals what grafana-sa migrate writes for its cdk.tf.json (rewritten file and generated file merged)",
    (options) => {
      const legacyDir = synthApp(build, join(dir, "legacy"));
      const cli = cliMigrated(legacyDir, join(dir, "cli"), cliArgs(options));
      expect(cli.run.stderr).not.toMatch(/error/i);
      const inPlace = readJson(join(synthApp(build, join(dir, "in-place"), options), "cdk.tf.json"));
      expect(inPlace).toEqual(cli.merged);
      expect(inPlace.resource.grafana_api_key).toBeUndefined();
      expect(inPlace.removed.length).toBeGreaterThan(0);
    },
  );
});

test("GIVEN a stack with keys referenced everywhere WHEN migrated in place THEN every reference names the token, the stack keeps its backend, and no legacy key remains", () => {
  const doc = readJson(join(synthApp(referenced, dir, {}), "cdk.tf.json"));
  expect(doc.terraform.backend).toEqual({ local: { path: "terraform.grafana.tfstate" } });
  expect(doc.provider.grafana.find((p: any) => p.alias === "team").auth).toBe("${grafana_service_account_token.bootstrap.key}");
  expect(doc.output.bootstrap_key.value).toBe("${grafana_service_account_token.bootstrap.key}");
  expect(doc.resource.terraform_data.after).toMatchObject({ input: "${grafana_service_account_token.raw[0].key}", depends_on: ["grafana_service_account_token.raw"] });
  expect(doc.resource.grafana_cloud_stack_service_account_token.cloud).toMatchObject({ name: "cloud-token", stack_slug: "mystack", seconds_to_live: 3600 });
  expect(doc.removed.map((r: any) => r.from).sort()).toEqual(["grafana_api_key.bootstrap", "grafana_api_key.raw", "grafana_cloud_stack_api_key.cloud"]);
  expect(JSON.stringify(withoutComments(doc))).not.toMatch(/grafana_(cloud_stack_)?api_key\.[a-z]+(\[0\])?\.key/);
});

test("GIVEN a migrated stack WHEN synthesized THEN the report is written beside cdk.tf.json, lists the constructs to replace with their file and line, and its warnings are annotations with the report's ids", () => {
  const app = new App({ outdir: dir });
  const stack = seed(app);
  migrateLegacyKeys(stack);
  app.synth();
  const stackDir = join(dir, "stacks", "seed");
  const markdown = readFileSync(join(stackDir, "MIGRATION-REPORT.md"), "utf8");
  const json = readJson(join(stackDir, "migration-report.json"));
  // In the order of the keys in the synthesized document (cdktf sorts it).
  expect(json.constructs).toEqual([
    { address: "grafana_api_key.bar", path: "seed/bar/Resource", createdAt: expect.stringMatching(/^__tests__\/constructs\/migrate-legacy-keys\.test\.ts:\d+$/) },
    { address: "grafana_api_key.foo", path: "seed/foo/Resource", createdAt: expect.stringMatching(/^__tests__\/constructs\/migrate-legacy-keys\.test\.ts:\d+$/) },
  ]);
  expect(markdown).toContain("## Constructs to replace in phase 2 (2)");
  expect(markdown).toMatch(/- `seed\/foo\/Resource` \(.*migrate-legacy-keys\.test\.ts:\d+\): `grafana_api_key\.foo`/);
  // Phase 2 happens in the code: no grafana-sa finish on a synthesized stack.
  const phase2 = json.steps.filter((s: any) => s.phase === 2);
  expect(phase2.map((s: any) => s.command)).toEqual(["cdktf synth", "terraform init -upgrade", "terraform plan"]);
  expect(phase2[0].why).toContain("remove migrateLegacyKeys(seed)");
  expect(json.steps[0].command).toMatch(/^terraform init/);
  const manifest = readJson(join(dir, "manifest.json"));
  const warnings = manifest.stacks.seed.annotations.filter((a: any) => a.level === "@cdktf/warn").map((a: any) => a.message);
  for (const code of ["GRAFANA-ADMIN-KEY", "GRAFANA-TTL-NONE"]) {
    expect(json.diagnostics.map((d: any) => d.code).concat(json.keys.flatMap((k: any) => k.warnings.map((w: string) => w.split(":")[0])))).toContain(code);
    expect(warnings.some((w: string) => w.startsWith(`${code}: `))).toBe(true);
  }
  expect(markdown + JSON.stringify(json)).not.toContain("admin:admin");
});

test("GIVEN a stack whose keys cannot be migrated WHEN synthesized THEN synth fails with the planner's error as an annotation", () => {
  const app = new App({ outdir: dir });
  const stack = new TerraformStack(app, "bad");
  new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });
  new ApiKey(stack, "same", { name: "same", role: "Viewer", ttl: "1h" });
  migrateLegacyKeys(stack, { tokenName: "{name}" });
  expect(() => app.synth()).toThrow(/\[bad\] GRAFANA-NAME-TEMPLATE: .*gives every token its key.s name/);
});

test("GIVEN a stack without legacy keys WHEN migrateLegacyKeys is still called THEN synth warns to remove the call and writes no report", () => {
  const app = new App({ outdir: dir });
  const stack = new TerraformStack(app, "done");
  new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });
  migrateLegacyKeys(stack);
  app.synth();
  const manifest = readJson(join(dir, "manifest.json"));
  expect(manifest.stacks.done.annotations.map((a: any) => a.message)).toEqual([expect.stringMatching(/^GRAFANA-MIGRATE-NOTHING: .*remove the migrateLegacyKeys call/)]);
  expect(existsSync(join(dir, "stacks", "done", "MIGRATION-REPORT.md"))).toBe(false);
});

test("GIVEN migrateLegacyKeys called twice on one stack THEN it says to call it once", () => {
  const stack = new TerraformStack(new App({ outdir: dir }), "twice");
  migrateLegacyKeys(stack);
  expect(() => migrateLegacyKeys(stack, { strategy: "per-role" })).toThrow("twice/: migrateLegacyKeys is called twice".replace("/", ""));
});
