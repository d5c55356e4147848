/** Wiring shared by migrate and revert: checking the target, synthesizing, writing. */
import { join } from "path";
import type { App } from "cdktf";
import { GrafanaConstructError, GrafanaValueError } from "../../model/errors";
import { inputError } from "../errors";
import type { Inputs } from "../read-inputs";
import { checkInPlace, checkOutputDir, StagedDir, stageOutputDir, writeFailure, WriteFiles, writeInPlace } from "../write-outputs";
import type { Format, Layout, PlannedFile, Target } from "../layout";

/** Refuses a target before anything is synthesized: overlapping or non-empty DIR, backups. */
export function checkTarget(target: Target, paths: Layout, inputs: Inputs, cwd: string, force: boolean): void {
  if (target.mode === "out") checkOutputDir(target.display, cwd, inputs, force);
  if (target.mode === "in-place") checkInPlace(inPlaceFiles(target, paths.files), cwd, force);
}

/**
 * A layout being written, everything or nothing. With --out, files go to a staging directory as
 * they are added, through `writeFiles` (the CLI's worker thread for migrate), so the writing
 * overlaps whatever the caller renders before adding the rest; in place, they are all written
 * at the end, each file and backup beside its target first and then renamed.
 */
export interface Commit {
  add(files: readonly PlannedFile[]): void;
  finish(): Promise<void>;
  /** After a failure elsewhere: removes whatever was staged. */
  abort(): Promise<void>;
}

export function startCommit(target: Target, cwd: string, force: boolean, writeFiles?: WriteFiles): Commit {
  const failure = (err: unknown) => writeFailure(err, target.display);
  if (target.mode === "out") {
    let staged: StagedDir;
    try {
      staged = stageOutputDir(target.dir, writeFiles);
    } catch (err) {
      throw failure(err);
    }
    return {
      add: (files) => staged.write(files.map((f) => ({ path: f.rel, content: f.content }))),
      finish: () => staged.commit().catch((err) => Promise.reject(failure(err))),
      abort: () => staged.abort(),
    };
  }
  const all: PlannedFile[] = [];
  return {
    add: (files) => files.forEach((f) => all.push(f)),
    async finish() {
      if (target.mode !== "in-place") return;
      try {
        const files = inPlaceFiles(target, all);
        writeInPlace(files, checkInPlace(files, cwd, force));
      } catch (err) {
        throw failure(err);
      }
    },
    abort: async () => undefined,
  };
}

/** Writes a whole layout atomically. */
export async function commit(target: Target, files: Layout, cwd: string, force: boolean): Promise<void> {
  const writing = startCommit(target, cwd, force);
  writing.add(files.files);
  await writing.finish();
}

function inPlaceFiles(target: Target, files: readonly PlannedFile[]) {
  return files.map((f) => ({ abs: join(target.dir, f.rel), content: f.content, ...(f.kind === "deleted" ? { delete: true } : {}) }));
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
