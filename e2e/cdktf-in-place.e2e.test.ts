/**
 * A cdktf app's stack migrated in place: legacy keys referenced from a provider block, an output
 * and terraform_data, applied on a legacy provider; one added line (migrateLegacyKeys) makes its
 * synth equal the CLI's output for that stack; then the report's steps run in order in the
 * stack's directory, phase 2 done in code (the call removed, the constructs replaced, the
 * provider raised), ending with a clean plan on 4.x.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, LocalBackend, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { ApiKey, grafana, ServiceAccount, ServiceAccountToken } from "../src";
import { cliMigrated, readJson, synthApp } from "../__tests__/constructs/in-place-support";
import { describeEachProviderSet, ensureBuiltCli, prepareDoubleWorkdir } from "./support/provider-double";
import { runStep, Step } from "./support/steps";

const PROVIDER = { url: "http://127.0.0.1:1", auth: "admin:admin" };

/** The app before the migration, and (phase 2) after: the same references, to the tokens. */
function app(phase: "legacy" | "finished") {
  return (scope: App): TerraformStack => {
    const stack = new TerraformStack(scope, "grafana");
    // cdktf's default local backend is an absolute path where the app runs: the state stays in the workdir instead.
    new LocalBackend(stack, { path: "terraform.tfstate" });
    new grafana.provider.GrafanaProvider(stack, "grafana", PROVIDER);
    let key: string;
    let role: string;
    if (phase === "legacy") {
      const ci = new ApiKey(stack, "ci", { name: "ci", role: "Editor", ttl: "1d" });
      key = ci.key;
      role = `\${${ci.resource.terraformResourceType}.${ci.resource.friendlyUniqueId}.role}`;
    } else {
      // What the report's "Constructs to replace" asks for: its account and token, same addresses.
      const account = new ServiceAccount(stack, "ci", { name: "sa-ci", role: "Editor" });
      const token = new ServiceAccountToken(stack, "ci-token", { serviceAccount: account, name: "ci-token", ttl: "1d" });
      token.resource.overrideLogicalId("ci");
      key = token.key;
      role = "Editor";
      stack.addOverride("terraform.required_providers.grafana.version", "~> 4.0");
      new TerraformOutput(stack, "ci_token", { value: token.key, sensitive: true });
    }
    new grafana.provider.GrafanaProvider(stack, "team", { ...PROVIDER, alias: "team", auth: key });
    new TerraformOutput(stack, "ci_key", { value: key, sensitive: true });
    new TerraformResource(stack, "uses", { terraformResourceType: "terraform_data" }).addOverride("input", role);
    return stack;
  };
}

describeEachProviderSet("a cdktf app migrated in place with migrateLegacyKeys", () => {
  beforeAll(async () => {
    await ensureBuiltCli();
  });

  test("GIVEN a legacy cdktf stack applied WHEN one line is added THEN its synth equals the CLI's output, and the report's steps end on 4.x with a clean plan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grafana-cdktf-in-place-"));
    const legacyDir = synthApp(app("legacy"), join(dir, "legacy"));
    const wd = await prepareDoubleWorkdir(legacyDir);
    try {
      await wd.runOk(["apply", "-auto-approve", "-input=false", "-target=grafana_api_key.ci"]);
      await wd.runOk(["apply", "-auto-approve", "-input=false"]);

      const migratedDir = synthApp(app("legacy"), join(dir, "migrated"), {});
      const cli = cliMigrated(legacyDir, join(dir, "cli"));
      expect(readJson(join(migratedDir, "cdk.tf.json"))).toEqual(cli.merged);

      await wd.replaceConfig(migratedDir, { providerVersion: null });
      copyFileSync(join(migratedDir, "migration-report.json"), join(wd.dir, "migration-report.json"));
      const steps = (readJson(join(migratedDir, "migration-report.json")) as { steps: Step[] }).steps;
      expect(steps.map((s) => s.command)).toContain("cdktf synth");
      for (const step of steps) {
        if (step.command === "cdktf synth") {
          // Phase 2 in code: the app without migrateLegacyKeys, its constructs replaced.
          await wd.replaceConfig(synthApp(app("finished"), join(dir, "finished")), { providerVersion: null });
          continue;
        }
        await runStep(wd, step);
      }
      expect(readFileSync(join(wd.dir, ".terraform.lock.hcl"), "utf8")).toMatch(/version\s+=\s+"4\.45\.1"/);
      const last = await wd.run(["plan", "-detailed-exitcode", "-input=false"]);
      expect({ code: last.code, stderr: last.stderr, stdout: last.code === 0 ? "" : last.stdout }).toEqual({ code: 0, stderr: "", stdout: "" });
      expect(wd.log().filter((e) => e.op === "delete")).toEqual([]);
    } finally {
      wd.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
