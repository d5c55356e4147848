// Regenerates the Grafana provider bindings in src/gen from the committed schema subset,
// exactly as `cdktf get` would from the provider's own schema. Run with `npm run get`.
//
// Like `cdktf get`, it generates for the provider constraint cdktf.json names, so every stack
// synthesized with these bindings pins the provider in required_providers (without a pin,
// terraform takes the newest release, which cannot read legacy keys in state).
import type { TerraformProviderConstraint } from "@cdktf/commons";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "fs";
import { join, resolve } from "path";

const root = resolve(__dirname, "..");
const schemaFile = join(root, "schema", "grafana-provider.subset.json");
const target = join(root, "src", "gen");

/** The grafana/grafana entry of cdktf.json's terraformProviders, e.g. "grafana/grafana@~> 2.19". */
function grafanaConstraint(commons: typeof import("@cdktf/commons")): TerraformProviderConstraint {
  const { terraformProviders = [] } = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { terraformProviders?: string[] };
  const entry = terraformProviders.find((p) => p.split("@")[0] === "grafana/grafana");
  if (!entry) throw new Error('cdktf.json terraformProviders has no "grafana/grafana@<constraint>" entry');
  return new commons.TerraformProviderConstraint(entry);
}

async function main(): Promise<void> {
  // Nothing here phones home: @cdktf/commons reads this when it loads, so it loads after.
  process.env.CHECKPOINT_DISABLE ??= "1";
  const commons = await import("@cdktf/commons");
  const { CodeMaker, TerraformProviderGenerator } = await import("@cdktf/provider-generator");
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  // Generate into a scratch dir first so a failure never leaves src/gen half-written.
  // The scratch dir sits beside the target so the final rename stays on one filesystem.
  mkdirSync(join(root, "src"), { recursive: true });
  const scratch = mkdtempSync(join(root, "src", ".gen-"));
  try {
    const generator = new TerraformProviderGenerator(new CodeMaker(), schema);
    generator.generate(new commons.ConstructsMakerProviderTarget(grafanaConstraint(commons), commons.LANGUAGES[0]));
    await generator.save(scratch);
    rmSync(target, { recursive: true, force: true });
    renameSync(scratch, target);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  console.log(`generated Grafana bindings from ${schemaFile} into ${target}`);
}

main().catch((err) => {
  console.error(`npm run get failed: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
