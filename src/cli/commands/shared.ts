/** Wiring shared by migrate and revert: checking the target, synthesizing, writing. */
import { join } from "path";
import type { App } from "cdktf";
import { GrafanaConstructError, GrafanaValueError } from "../../model/errors";
import { inputError } from "../errors";
import { checkInPlace, checkOutputDir, Inputs, writeFailure, writeInPlace, writeOutputDir } from "../io";
import type { Format, Layout, Target } from "../layout";

/** Refuses a target before anything is synthesized: overlapping or non-empty DIR, backups. */
export function checkTarget(target: Target, paths: Layout, inputs: Inputs, cwd: string, force: boolean): void {
  if (target.mode === "out") checkOutputDir(target.display, cwd, inputs, force);
  if (target.mode === "in-place") checkInPlace(inPlaceFiles(target, paths), cwd, force);
}

/** Writes a layout atomically: everything or nothing. */
export function commit(target: Target, files: Layout, cwd: string, force: boolean): void {
  try {
    if (target.mode === "out") writeOutputDir(target.dir, files.files.map((f) => ({ path: f.rel, content: f.content })));
    if (target.mode === "in-place") {
      const all = inPlaceFiles(target, files);
      writeInPlace(all, checkInPlace(all, cwd, force));
    }
  } catch (err) {
    throw writeFailure(err, target.display);
  }
}

function inPlaceFiles(target: Target, files: Layout) {
  return files.files.map((f) => ({ abs: join(target.dir, f.rel), content: f.content }));
}

/** Synthesizes one stack in the forms `format` needs. Construct checks failing are input errors. */
export async function synth(build: (app: App) => void, format: Format): Promise<{ hcl: string; json: string }> {
  const forms = format === "both" ? (["hcl", "json"] as const) : ([format] as const);
  const { synthesize } = await import("../../synth/synthesize");
  try {
    const [stack] = await synthesize(build, [...forms]);
    const nl = (s: string) => (s === "" || s.endsWith("\n") ? s : `${s}\n`);
    return { hcl: nl(stack.hcl), json: nl(stack.json) };
  } catch (err) {
    if (err instanceof GrafanaValueError || err instanceof GrafanaConstructError) throw inputError(err.message);
    throw err;
  }
}
