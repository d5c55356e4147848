// npm run synth: every example stack as Terraform JSON and as formatted HCL, under cdktf.out/.
import { join, relative, resolve } from "path";
import { buildApp } from "../main";
import { annotationLines, synthesizeBoth, writeSynthesized } from "../src/synth/synthesize";

async function main(): Promise<void> {
  // Nothing here phones home: cdktf's checkpoint (version and telemetry) calls stay off.
  process.env.CHECKPOINT_DISABLE ??= "1";
  const root = resolve(__dirname, "..");
  const stacks = await synthesizeBoth((app) => buildApp({ outdir: app.outdir }, app));
  // The construct warnings `cdktf synth` prints; an error annotation fails the synth, as there.
  for (const line of annotationLines(stacks)) console.error(line);
  if (stacks.some((s) => s.annotations.some((a) => a.level === "@cdktf/error"))) throw new Error("error annotations above; nothing was written");
  for (const file of writeSynthesized(join(root, "cdktf.out"), stacks)) console.log(`wrote ${relative(root, file)}`);
}

main().catch((err) => {
  console.error(`npm run synth failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
