import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { cleanHcl } from "./hcl";

/** One synthesized stack, in both forms. */
export interface SynthesizedStack {
  readonly name: string;
  /** Terraform JSON, exactly as `cdktf synth` writes cdk.tf.json. */
  readonly json: string;
  /** Formatted HCL with bare references. */
  readonly hcl: string;
}

/**
 * Runs a real cdktf synth twice, once per form. cdktf reads SYNTH_HCL_OUTPUT when a stack is
 * constructed (the App option alone names the file cdk.tf but still writes JSON), so the
 * variable is set around each pass and the app is built anew for it.
 */
export async function synthesizeBoth(build: (app: App) => void): Promise<SynthesizedStack[]> {
  const jsonDir = synthPass(build, false);
  const hclDir = synthPass(build, true);
  try {
    const manifest = JSON.parse(readFileSync(join(jsonDir, "manifest.json"), "utf8"));
    const stacks: SynthesizedStack[] = [];
    for (const [name, entry] of Object.entries<{ synthesizedStackPath: string }>(manifest.stacks)) {
      const json = readFileSync(join(jsonDir, entry.synthesizedStackPath), "utf8");
      const rawHcl = readFileSync(join(hclDir, entry.synthesizedStackPath.replace(/\.tf\.json$/, ".tf")), "utf8");
      stacks.push({ name, json, hcl: await cleanHcl(rawHcl) });
    }
    return stacks;
  } finally {
    rmSync(jsonDir, { recursive: true, force: true });
    rmSync(hclDir, { recursive: true, force: true });
  }
}

function synthPass(build: (app: App) => void, hcl: boolean): string {
  const outdir = mkdtempSync(join(tmpdir(), hcl ? "grafana-hcl-" : "grafana-json-"));
  const saved = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  try {
    const app = new App({ outdir, hclOutput: hcl });
    build(app);
    app.synth();
    return outdir;
  } catch (err) {
    rmSync(outdir, { recursive: true, force: true });
    throw err;
  } finally {
    if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = saved;
  }
}

/**
 * Writes each stack as `<outdir>/stacks/<name>/cdk.tf.json` (what `cdktf deploy` runs) and
 * `<outdir>/hcl/<name>/main.tf` (a plain Terraform root module).
 */
export function writeSynthesized(outdir: string, stacks: SynthesizedStack[]): string[] {
  const written: string[] = [];
  for (const stack of stacks) {
    const jsonFile = join(outdir, "stacks", stack.name, "cdk.tf.json");
    const hclFile = join(outdir, "hcl", stack.name, "main.tf");
    for (const [file, text] of [[jsonFile, stack.json], [hclFile, stack.hcl]]) {
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
      written.push(file);
    }
  }
  return written;
}
