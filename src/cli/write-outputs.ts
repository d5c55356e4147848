/**
 * Writing the outputs: the output directory checked, then written in a staging directory and
 * renamed into place; or files rewritten in place, each with a backup, all renamed at once.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { basename, dirname, join, resolve } from "path";
import type { Inputs } from "./read-inputs";
import { outputError } from "./errors";
import { settleAll } from "./settle";
import { isInside, reason, shown } from "./path-text";

export interface OutputFile {
  /** Relative to the output directory. */
  readonly path: string;
  readonly content: string;
}

/** Refuses an output directory that overlaps the inputs, or that is not empty (without force). */
export function checkOutputDir(dir: string, cwd: string, inputs: Inputs, force: boolean): string {
  const abs = resolve(cwd, dir);
  const real = realish(abs);
  for (const inputDir of inputs.guarded.dirs) {
    if (real === inputDir || isInside(real, inputDir)) throw outputError(`the output directory ${dir} is ${real === inputDir ? "an input directory" : "inside an input directory"} (${shown(inputDir, cwd)}); Terraform would read both copies. Choose a directory outside the inputs.`);
  }
  for (const file of inputs.guarded.files) if (isInside(file, real)) throw outputError(`the output directory ${dir} holds the input ${shown(file, cwd)}; choose a directory outside the inputs.`);
  let ancestor = dirname(abs);
  while (!existsSync(ancestor)) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) throw outputError(`cannot create ${dir}: ${shown(ancestor, cwd)} is not a directory.`);
  if (existsSync(abs)) {
    if (!statSync(abs).isDirectory()) throw outputError(`${dir} exists and is not a directory.`);
    if (readdirSync(abs).length > 0 && !force) throw outputError(`the output directory ${dir} is not empty; choose another, or pass --force to replace its contents.`);
  }
  return abs;
}

/** Writes files under a directory, creating subdirectories. */
export type WriteFiles = (dir: string, files: readonly OutputFile[]) => Promise<void>;

export const writeFilesHere: WriteFiles = async (dir, files) => {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
};

/** An output directory being written: see stageOutputDir. */
export interface StagedDir {
  /** Starts writing these files; they may still be in progress when this returns. */
  write(files: readonly OutputFile[]): void;
  /** Waits for every write, then puts the directory in place. On failure nothing is in place. */
  commit(): Promise<void>;
  /** Waits for the writes in progress and removes what they wrote. */
  abort(): Promise<void>;
}

/**
 * Files go into a temporary directory beside `abs` as the caller has them (through `writeFiles`,
 * which may write in another thread); commit renames it into place. An existing directory
 * (checked by checkOutputDir) is replaced only after everything is written.
 */
export function stageOutputDir(abs: string, writeFiles: WriteFiles = writeFilesHere): StagedDir {
  mkdirSync(dirname(abs), { recursive: true });
  const temp = mkdtempSync(join(dirname(abs), `.${basename(abs)}.grafana-sa-`));
  const writes: Promise<void>[] = [];
  const abort = async () => {
    await Promise.allSettled(writes);
    rmSync(temp, { recursive: true, force: true });
  };
  return {
    write(files) {
      const writing = writeFiles(temp, files);
      writing.catch(() => undefined); // reported by commit; until then not an unhandled rejection
      writes.push(writing);
    },
    async commit() {
      try {
        await settleAll(writes);
        moveIntoPlace(temp, abs);
      } catch (err) {
        await abort();
        throw err;
      }
    },
    abort,
  };
}

function moveIntoPlace(temp: string, abs: string): void {
  chmodSync(temp, 0o777 & ~process.umask());
  let aside: string | undefined;
  if (existsSync(abs)) {
    aside = `${temp}.old`;
    renameSync(abs, aside);
  }
  try {
    renameSync(temp, abs);
  } catch (err) {
    if (aside) renameSync(aside, abs);
    throw err;
  }
  if (aside) rmSync(aside, { recursive: true, force: true });
}

export interface InPlaceFile {
  readonly abs: string;
  readonly content: string;
  /** Deleted rather than written (its backup is kept like any other). */
  readonly delete?: boolean;
}

export const BACKUP_SUFFIX = ".grafana-sa.bak";

/** Refuses to overwrite backups of an earlier run unless forced; returns the files that get one. */
export function checkInPlace(files: InPlaceFile[], cwd: string, force: boolean): string[] {
  const backedUp = files.filter((f) => existsSync(f.abs)).map((f) => f.abs);
  const clashes = backedUp.filter((f) => existsSync(f + BACKUP_SUFFIX));
  if (clashes.length > 0 && !force) throw outputError(`backups from an earlier run exist: ${clashes.map((f) => shown(f + BACKUP_SUFFIX, cwd)).join(", ")}. Restore or delete them, or pass --force to overwrite them.`);
  return backedUp;
}

/** Writes temporaries for every file and backup first, then renames them all into place. */
export function writeInPlace(files: InPlaceFile[], backups: string[]): void {
  const temps: [string, string][] = [];
  const stage = (target: string, content: string | Buffer) => {
    const temp = `${target}.grafana-sa-${process.pid}.tmp`;
    temps.push([temp, target]);
    writeFileSync(temp, content);
  };
  try {
    for (const original of backups) stage(original + BACKUP_SUFFIX, readFileSync(original));
    for (const file of files) if (!file.delete) stage(file.abs, file.content);
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
  for (const [t, target] of temps) renameSync(t, target);
  // Last, once every backup is in place.
  for (const file of files) if (file.delete) rmSync(file.abs, { force: true });
}

/** An error from writing, as an ExitError that says nothing was written; other errors pass. */
export function writeFailure(err: unknown, where: string): unknown {
  return typeof (err as { code?: unknown }).code === "string" && (err as { syscall?: unknown }).syscall ? outputError(`cannot write ${where}: ${reason(err)}; nothing was written.`) : err;
}

/** The real path of `abs`, resolving the part that exists (the rest may be created later). */
function realish(abs: string): string {
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realish(parent), basename(abs));
}
