// Regenerates the Grafana provider bindings in src/gen from the committed schema subset,
// exactly as `cdktf get` would from the provider's own schema. Run with `npm run get`.
import { generateProviderBindingsFromSchema } from "@cdktf/provider-generator";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "fs";
import { join, resolve } from "path";

const root = resolve(__dirname, "..");
const schemaFile = join(root, "schema", "grafana-provider.subset.json");
const target = join(root, "src", "gen");

async function main(): Promise<void> {
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  // Generate into a scratch dir first so a failure never leaves src/gen half-written.
  // The scratch dir sits beside the target so the final rename stays on one filesystem.
  mkdirSync(join(root, "src"), { recursive: true });
  const scratch = mkdtempSync(join(root, "src", ".gen-"));
  try {
    await generateProviderBindingsFromSchema(scratch, schema);
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
