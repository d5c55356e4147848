/** An existing cdktf tree as migration input, and the policy that keeps keys from coming back. */
import { App, Aspects, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { ApiKey, MigrationStack, NoLegacyApiKeys, planMigration, ServiceAccount, sourcesFromConstructTree } from "../../src";
import { ApiKey as RawApiKey } from "../../src/gen/providers/grafana/api-key";
import { GrafanaProvider } from "../../src/gen/providers/grafana/provider";
import { synthesize } from "../../src/synth/synthesize";

function legacyApp() {
  // A plain App: Testing.app() keeps synthesizing past error annotations.
  const app = new App({ outdir: Testing.app().outdir });
  const stack = new TerraformStack(app, "legacy");
  new GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });
  const ci = new ApiKey(stack, "ci", { name: "ci", role: "Editor", ttl: "1d" });
  const raw = new RawApiKey(stack, "raw", { name: "raw", role: "Viewer", secondsToLive: 60 });
  new TerraformOutput(stack, "ci_key", { value: ci.key, sensitive: true });
  new TerraformOutput(stack, "raw_key", { value: raw.key, sensitive: true });
  const untouched = new TerraformStack(app, "other");
  new GrafanaProvider(untouched, "grafana", {});
  new ServiceAccount(untouched, "sa", { name: "sa", role: "Viewer" });
  return { app, stack };
}

describe("sourcesFromConstructTree", () => {
  test("GIVEN ApiKey constructs and raw L1 keys WHEN read THEN each stack with keys is one JSON source and migrates fully", async () => {
    const { app } = legacyApp();

    const sources = sourcesFromConstructTree(app);

    expect(sources.map((s) => [s.path, s.format])).toEqual([["legacy/cdk.tf.json", "json"]]);
    const plan = planMigration(sources);
    expect(plan.diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(plan.tokens.map((t) => [t.address, t.secondsToLive])).toEqual([
      ["grafana_service_account_token.ci", 86400],
      ["grafana_service_account_token.raw", 60],
    ]);
    const rewritten = JSON.parse(plan.files[0].content);
    expect(rewritten.resource?.grafana_api_key).toBeUndefined();
    expect(rewritten.output.ci_key.value).toBe("${grafana_service_account_token.ci.key}");
    expect(rewritten.output.raw_key.value).toBe("${grafana_service_account_token.raw.key}");
    const [stack] = await synthesize((a) => new MigrationStack(a, "migration", { plan }), ["hcl"]);
    expect(stack.hcl).toMatch(/removed \{\n\s+from = grafana_api_key\.ci/);
  });
});

describe("NoLegacyApiKeys", () => {
  test("GIVEN a stack with a legacy key from any bindings WHEN synthesized with the policy THEN synth fails naming it", () => {
    const { app, stack } = legacyApp();
    // cdktf runs aspects per stack and does not inherit them from the App.
    Aspects.of(stack).add(new NoLegacyApiKeys());
    expect(() => app.synth()).toThrow(/GRAFANA-NO-LEGACY-KEY: legacy\/raw is a grafana_api_key/);
  });

  test("GIVEN only service accounts WHEN synthesized with the policy THEN synth passes", () => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, "clean");
    new GrafanaProvider(stack, "grafana", {});
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" }).addToken("t", { name: "t", ttl: "1h" });
    Aspects.of(stack).add(new NoLegacyApiKeys());
    expect(() => app.synth()).not.toThrow();
  });
});
