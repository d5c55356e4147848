import { App } from "cdktf";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** One synthesized stack, in the forms asked for. */
export interface SynthesizedStack {
  readonly name: string;
  /** Terraform JSON, exactly as `cdktf synth` writes cdk.tf.json. */
  readonly json: string;
  /** Formatted HCL with bare references. */
  readonly hcl: string;
  /** The stack's annotations (construct warnings, errors), as cdktf's manifest has them. */
  readonly annotations: readonly StackAnnotation[];
}

export interface StackAnnotation {
  readonly constructPath: string;
  /** "@cdktf/info", "@cdktf/warn" or "@cdktf/error". */
  readonly level: string;
  readonly message: string;
}

/**
 * One line per annotation, as `cdktf synth` prints them (`WARN [path]: message`): the CLI
 * prints them, a plain `app.synth()` does not.
 */
export function annotationLines(stacks: readonly SynthesizedStack[]): string[] {
  const levels: Record<string, string> = { "@cdktf/info": "INFO", "@cdktf/warn": "WARN", "@cdktf/error": "ERROR" };
  return stacks.flatMap((s) => s.annotations.map((a) => `${levels[a.level] ?? a.level} [${a.constructPath}]: ${a.message}`));
}

export type SynthForm = "json" | "hcl";

/** Both forms; see synthesize. */
export function synthesizeBoth(build: (app: App) => void): Promise<SynthesizedStack[]> {
  return synthesize(build, ["json", "hcl"]);
}

/**
 * Runs a real cdktf synth once per form. cdktf reads SYNTH_HCL_OUTPUT when a stack is
 * constructed (the App option alone names the file cdk.tf but still writes JSON), so the
 * variable is set around each pass and the app is built anew for it. A form not asked for
 * comes back as an empty string.
 */
export async function synthesize(build: (app: App) => void, forms: SynthForm[]): Promise<SynthesizedStack[]> {
  const dirs = { json: forms.includes("json") ? synthPass(build, false) : undefined, hcl: forms.includes("hcl") ? synthPass(build, true) : undefined };
  try {
    const anyDir = (dirs.json ?? dirs.hcl) as string;
    const manifest = JSON.parse(readFileSync(join(anyDir, "manifest.json"), "utf8"));
    const stacks: SynthesizedStack[] = [];
    for (const [name, entry] of Object.entries<{ workingDirectory: string; annotations?: StackAnnotation[] }>(manifest.stacks)) {
      const json = dirs.json ? readFileSync(join(dirs.json, entry.workingDirectory, "cdk.tf.json"), "utf8") : "";
      const hcl = dirs.hcl ? await (await formatter()).cleanHcl(readFileSync(join(dirs.hcl, entry.workingDirectory, "cdk.tf"), "utf8")) : "";
      const annotations = (entry.annotations ?? []).map(({ constructPath, level, message }) => ({ constructPath, level, message }));
      stacks.push({ name, json, hcl, annotations });
    }
    return stacks;
  } finally {
    for (const dir of [dirs.json, dirs.hcl]) if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** ./hcl loads @cdktf/hcl-tools, whose WebAssembly set-up costs about 0.3 s: only for HCL. */
function formatter(): Promise<typeof import("../hcl/clean")> {
  return import("../hcl/clean");
}

function synthPass(build: (app: App) => void, hcl: boolean): string {
  const outdir = mkdtempSync(join(tmpdir(), hcl ? "grafana-hcl-" : "grafana-json-"));
  const saved = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
  try {
    // No stack traces: they cost time at scale and nothing here reads them.
    const app = new App({ outdir, hclOutput: hcl, stackTraces: false });
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
