// npm run synth: every example stack as Terraform JSON and as formatted HCL, under cdktf.out/.
import { join, relative, resolve } from "path";
import { buildApp } from "../main";
import { synthesizeBoth, writeSynthesized } from "../src/synth/synthesize";

async function main(): Promise<void> {
  const root = resolve(__dirname, "..");
  const stacks = await synthesizeBoth((app) => buildApp({ outdir: app.outdir }, app));
  for (const file of writeSynthesized(join(root, "cdktf.out"), stacks)) console.log(`wrote ${relative(root, file)}`);
}

main().catch((err) => {
  console.error(`npm run synth failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
