/**
 * Random cdktf apps holding legacy keys (raw L1s and the project's constructs, with count,
 * for_each, provider aliases, depends_on, lifecycle, and references from outputs, locals,
 * provider blocks and terraform_data): synthesized with migrateLegacyKeys, each stack equals
 * what `grafana-sa migrate` writes for its cdk.tf.json. FC_SEED and FC_RUNS (8) tune a run.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { grafana } from "../../src";
import type { Strategy } from "../../src/planning/plan";
import { ensureBuilt } from "../cli/support";
import { cliArgs, cliMigrated, readJson, synthApp } from "./in-place-support";

interface Key {
  readonly cloud: boolean;
  readonly role: "Viewer" | "Editor" | "Admin";
  readonly ttl?: number;
  readonly instances?: { count: number } | { forEach: string[] };
  readonly alias?: "a1";
  readonly dependsOn?: number;
  readonly preventDestroy: boolean;
  /** 0 output, 1 local, 2 terraform_data, 3 a provider's auth. */
  readonly uses: number[];
}

const genKey: fc.Arbitrary<Key> = fc.record({
  cloud: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  role: fc.constantFrom<Key["role"]>("Viewer", "Editor", "Admin"),
  ttl: fc.option(fc.integer({ min: 1, max: 2_592_000 }), { nil: undefined }),
  instances: fc.option(fc.oneof(fc.integer({ min: 1, max: 3 }).map((count) => ({ count })), fc.uniqueArray(fc.constantFrom("a", "b"), { minLength: 1 }).map((forEach) => ({ forEach }))), { nil: undefined, freq: 3 }),
  alias: fc.option(fc.constant<"a1">("a1"), { nil: undefined, freq: 3 }),
  dependsOn: fc.option(fc.nat({ max: 3 }), { nil: undefined, freq: 3 }),
  preventDestroy: fc.boolean(),
  uses: fc.uniqueArray(fc.nat({ max: 3 }), { maxLength: 3 }),
});

const genApp = fc.array(genKey, { minLength: 1, maxLength: 4 });

function build(keys: Key[]) {
  return (app: App) => {
    const stack = new TerraformStack(app, "random");
    new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000", cloudAccessPolicyToken: "t" });
    new grafana.provider.GrafanaProvider(stack, "a1", { alias: "a1", url: "http://localhost:3000" });
    const made: TerraformResource[] = [];
    keys.forEach((k, i) => {
      const suffix = k.instances === undefined ? "" : "count" in k.instances ? "-${count.index}" : "-${each.key}";
      const common = { name: `key${i}${suffix}`, role: k.role, secondsToLive: k.ttl };
      const key = k.cloud ? new grafana.cloudStackApiKey.CloudStackApiKey(stack, `k${i}`, { ...common, stackSlug: "stack-a" }) : new grafana.apiKey.ApiKey(stack, `k${i}`, common);
      if (k.instances && "count" in k.instances) key.addOverride("count", k.instances.count);
      if (k.instances && "forEach" in k.instances) key.addOverride("for_each", `\${toset(${JSON.stringify(k.instances.forEach)})}`);
      if (k.alias) key.addOverride("provider", `grafana.${k.alias}`);
      const earlier = k.dependsOn !== undefined && k.dependsOn < i ? made[k.dependsOn] : undefined;
      if (earlier) key.addOverride("depends_on", [`${earlier.terraformResourceType}.${earlier.friendlyUniqueId}`]);
      if (k.preventDestroy) key.addOverride("lifecycle.prevent_destroy", true);
      made.push(key);
      const one = `${key.terraformResourceType}.${key.friendlyUniqueId}${k.instances === undefined ? "" : "count" in k.instances ? "[0]" : `["${k.instances.forEach[0]}"]`}`;
      for (const use of k.uses) {
        if (use === 0) new TerraformOutput(stack, `o${i}`, { value: `\${${one}.key}`, sensitive: true });
        if (use === 1) new TerraformLocal(stack, `l${i}`, `Bearer \${${one}.key}`);
        if (use === 2) new TerraformResource(stack, `t${i}`, { terraformResourceType: "terraform_data" }).addOverride("input", `\${${one}.role}`);
        if (use === 3) new grafana.provider.GrafanaProvider(stack, `p${i}`, { alias: `p${i}`, url: "http://localhost:3000", auth: `\${${one}.key}` });
      }
    });
    return stack;
  };
}

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FC_RUNS ?? 8);

beforeAll(() => {
  ensureBuilt();
  console.log(`in-place properties: fast-check seed ${SEED}, ${RUNS} runs (FC_SEED / FC_RUNS to change)`);
}, 300_000);

test.each(["per-key", "per-role"] as Strategy[])("GIVEN any cdktf app with legacy keys WHEN synthesized with migrateLegacyKeys(%s) THEN the stack equals grafana-sa migrate's output for its cdk.tf.json", (strategy) =>
  fc.assert(
    fc.property(genApp, (keys) => {
      const dir = mkdtempSync(join(tmpdir(), "grafana-in-place-prop-"));
      try {
        const legacy = synthApp(build(keys), join(dir, "legacy"));
        const cli = cliMigrated(legacy, join(dir, "cli"), cliArgs({ strategy }));
        // The whole run on failure: a CLI ended by a signal once, under CI load, with no code.
        expect(cli.run).toMatchObject({ code: 0 });
        expect(readJson(join(synthApp(build(keys), join(dir, "in-place"), { strategy }), "cdk.tf.json"))).toEqual(cli.merged);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  ),
  120_000,
);
