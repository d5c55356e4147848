/**
 * Every file the CLI reads or writes goes through here. Heavy modules (the HCL parser, the
 * planner) are imported lazily, so help and version stay fast.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "path";
import type { SourceFile } from "../planning/plan";
import type { TfDocument } from "../planning/tf-json";
import type { HclParser } from "./parse-hcl";
import { ExitError, inputError, outputError, usageError } from "./errors";
import { hclErrors, isText, jsonSyntaxError } from "./input-errors";
import { capLines } from "./diagnostics";
import { settleAll } from "./settle";
import { packageRoot, readVersion } from "../report/package-info";

export { readVersion };

// ---- package files ------------------------------------------------------------------------

export function readHelp(topic: string): string {
  return readFileSync(join(packageRoot(), "help", "cli", `${topic}.txt`), "utf8");
}

// ---- inputs -------------------------------------------------------------------------------

/** One configuration file of the inputs. */
export interface InputFile {
  /** As the user wrote it (or DIR/name); also SourceFile.path, so messages use it. */
  readonly display: string;
  readonly abs: string;
  /** Relative to Inputs.root: where the rewritten copy goes. */
  readonly rel: string;
  readonly format: "hcl" | "json";
}

export interface Inputs {
  /** What the planner reads: configuration files, then definitions. */
  readonly sources: SourceFile[];
  readonly files: InputFile[];
  /** Common parent directory of the configuration inputs. */
  readonly root: string;
  /** Directories holding configuration inputs, and definitions files, real paths. */
  readonly guarded: { readonly dirs: string[]; readonly files: string[] };
}

const CONFIG = /\.tf(\.json)?$/;

export async function readInputs(paths: string[], cwd: string, definitions?: string): Promise<Inputs> {
  const found: { display: string; abs: string }[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const abs = resolve(cwd, path);
    const stat = statOrFail(path, abs);
    const entries = stat.isDirectory() ? listConfigs(path, abs) : [{ display: path, abs }];
    if (!stat.isDirectory() && !CONFIG.test(path)) throw inputError(`${path} is not a .tf or .tf.json file. Pass Terraform files or directories; use --definitions for key definitions.`);
    for (const entry of entries) {
      const real = realpathSync(entry.abs);
      if (!seen.has(real)) found.push(entry);
      seen.add(real);
    }
  }
  if (found.length === 0 && definitions === undefined) throw usageError("no input paths. Pass .tf or .tf.json files or directories.");
  const root = found.length > 0 ? commonDir(found.map((f) => dirname(f.abs))) : cwd;
  const files: InputFile[] = found.map((f) => ({ ...f, rel: relative(root, f.abs), format: f.abs.endsWith(".json") ? "json" : "hcl" }));
  const sources = await readSources(files);
  const guardedFiles = files.map((f) => realpathSync(f.abs));
  if (definitions !== undefined) {
    sources.push(await readDefinitions(definitions, resolve(cwd, definitions)));
    guardedFiles.push(realpathSync(resolve(cwd, definitions)));
  }
  return { sources, files, root, guarded: { dirs: [...new Set(guardedFiles.slice(0, files.length).map(dirname))], files: guardedFiles } };
}

function statOrFail(display: string, abs: string) {
  try {
    return statSync(abs);
  } catch (err) {
    throw inputError(cannotRead(display, abs, err));
  }
}

/** `cannot read x: why`; for a symbolic link that leads nowhere, where it points. */
function cannotRead(display: string, abs: string, err: unknown): string {
  const link = lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() ? readlinkSync(abs) : undefined;
  if (link === undefined) return `cannot read ${display}: ${reason(err)}`;
  const why = (err as { code?: string }).code === "ENOENT" ? "which does not exist" : `which cannot be read: ${reason(err)}`;
  return `cannot read ${display}: it is a symbolic link to ${link}, ${why}. Fix or remove the link.`;
}

function listConfigs(display: string, abs: string): { display: string; abs: string }[] {
  let names: string[];
  try {
    names = readdirSync(abs).filter((n) => CONFIG.test(n));
  } catch (err) {
    throw inputError(`cannot read ${display}: ${reason(err)}`);
  }
  // Each entry on its own, so a broken one (a dangling link) is named, not its directory.
  const broken: string[] = [];
  names = names.filter((n) => {
    try {
      return statSync(join(abs, n)).isFile();
    } catch (err) {
      broken.push(cannotRead(join(display, n), join(abs, n), err));
      return false;
    }
  });
  if (broken.length > 0) throw inputError(capLines(broken.sort(), "error").join("\n"));
  if (names.length === 0) throw inputError(`${display} holds no .tf or .tf.json files (directories are not searched recursively).`);
  return names.sort().map((n) => ({ display: join(display, n), abs: join(abs, n) }));
}

function readText(display: string, abs: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    throw inputError(cannotRead(display, abs, err));
  }
  // Parsed as HCL, a binary file is an error per byte; one line says what is wrong.
  if (!isText(bytes)) throw inputError(`${display}: not a text file (UTF-8). Terraform reads its files as UTF-8 text: save it as UTF-8, or move it out of the inputs.`);
  return bytes.toString("utf8");
}

/**
 * Every input in order: .tf files parsed together by hcl2json (memoized per block shape, see
 * parse-hcl.ts), Terraform JSON read as JSON. Every input that cannot be read or parsed is
 * reported, in order, in one error (the first 20 problems and a count of the rest).
 */
async function readSources(files: InputFile[]): Promise<SourceFile[]> {
  const problems: string[][] = files.map(() => []);
  const attempt = <T>(i: number, read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof ExitError)) throw err;
      problems[i].push(err.message);
      return undefined;
    }
  };
  const texts = files.map((f, i) => attempt(i, () => readText(f.display, f.abs)));
  const hcl = files.flatMap((f, i) => (f.format === "hcl" && texts[i] !== undefined ? [i] : []));
  const parsed = hcl.length === 0 ? [] : await (await cliParser()).parseHclFiles(hcl.map((i) => ({ path: files[i].display, text: texts[i] as string })));
  const sources: (SourceFile | undefined)[] = files.map((f, i) => (f.format === "json" && texts[i] !== undefined ? attempt(i, () => readJson(f, texts[i] as string)) : undefined));
  parsed.forEach((p, j) => {
    const i = hcl[j];
    if ("error" in p) problems[i].push(...hclErrors(p.path, p.error instanceof Error ? p.error.message : String(p.error)).split("\n"));
    else sources[i] = { path: p.path, format: "hcl", text: texts[i] as string, doc: p.doc as TfDocument, scan: p.scan };
  });
  const failed = problems.flat();
  if (failed.length > 0) throw inputError(capLines(failed, "error").join("\n"));
  return sources as SourceFile[];
}

let parser: HclParser | undefined;

/** The CLI's parser: hcl2json in the worker thread, memoized per block shape for the process. */
async function cliParser(): Promise<HclParser> {
  if (!parser) {
    const [{ hclParser }, { workerParse }] = await Promise.all([import("./parse-hcl"), import("./worker")]);
    parser = hclParser(workerParse);
  }
  return parser;
}

function parseJson(display: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const at = jsonSyntaxError(text, (err as Error).message);
    throw inputError(`${display}:${at.line}:${at.column}: invalid JSON: ${at.message}.`);
  }
}

function readJson(file: InputFile, text: string): SourceFile {
  const doc = parseJson(file.display, text);
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw inputError(`${file.display}: a .tf.json file must hold a JSON object.`);
  return { path: file.display, format: "json", text, doc: doc as SourceFile["doc"] };
}

async function readDefinitions(display: string, abs: string): Promise<SourceFile> {
  statOrFail(display, abs);
  let loaded: unknown;
  if (/\.c?js$/.test(abs)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(abs);
      loaded = Array.isArray(mod) ? mod : (mod?.default ?? mod?.keys);
    } catch (err) {
      throw inputError(`cannot load ${display}: ${(err as Error).message}`);
    }
  } else if (abs.endsWith(".json")) {
    loaded = parseJson(display, readText(display, abs));
    if (!Array.isArray(loaded)) loaded = (loaded as { keys?: unknown })?.keys;
  } else {
    throw inputError(`${display}: definitions must be a .json, .js or .cjs file.`);
  }
  if (!Array.isArray(loaded)) throw inputError(`${display}: expected an array of key definitions ({ name, role, ttl }), as the file itself or its default or keys export.`);
  const { definitionsToDocument } = await import("../planning/legacy");
  try {
    return { path: display, format: "definitions", text: "", doc: definitionsToDocument(loaded, display) };
  } catch (err) {
    throw inputError((err as Error).message);
  }
}

/** An object of key name or address to service account ID. */
/**
 * The --adopt-ids file: key name (or address) to "<id>", "<org>:<id>" or a number, or to
 * { "account": "<org>:<id>", "token": <id> } as grafana-sa inspect writes it. Only the shape is
 * checked here; the planner checks each entry against the keys (adopt-ids.ts).
 */
export function readAdoptIds(display: string, cwd: string): Record<string, string | { account: string; token?: number | string }> {
  const abs = resolve(cwd, display);
  statOrFail(display, abs);
  const ids = parseJson(display, readText(display, abs));
  const id = (v: unknown) => typeof v === "string" || Number.isSafeInteger(v);
  const entry = (v: unknown) => id(v) || (typeof v === "object" && v !== null && !Array.isArray(v) && id((v as { account?: unknown }).account) && Object.keys(v).every((k) => k === "account" || k === "token") && ((v as { token?: unknown }).token === undefined || id((v as { token?: unknown }).token)));
  const bad = typeof ids === "object" && ids !== null && !Array.isArray(ids) ? Object.entries(ids).filter(([, v]) => !entry(v)).map(([k]) => k) : undefined;
  const shape = `an object of key name (or address) to service account ID, like { "key_foo": "1:42" } or { "key_foo": { "account": "1:42", "token": 7 } }`;
  if (!bad) throw inputError(`${display}: expected ${shape}.`);
  if (bad.length > 0) throw inputError(bad.map((k) => `${display}: entry ${JSON.stringify(k)} is neither an ID nor { "account": ..., "token": ... }; expected ${shape}.`).join("\n"));
  return Object.fromEntries(Object.entries(ids as object).map(([k, v]) => [k, id(v) ? String(v) : { account: String(v.account), ...(v.token !== undefined ? { token: String(v.token) } : {}) }]));
}

/**
 * A JSON file read whole (a saved plan, a migration report, a state): a missing or unreadable
 * file, or invalid JSON with its line and column. `missing` is the fix to add when it does not exist.
 */
export function readJsonFile(display: string, cwd: string, missing?: string): unknown {
  const abs = resolve(cwd, display);
  if (missing !== undefined && !existsSync(abs) && !lstatSync(abs, { throwIfNoEntry: false })) throw inputError(`cannot read ${display}: no such file. ${missing}`);
  statOrFail(display, abs);
  return parseJson(display, readText(display, abs));
}

/** A file of the module directory that may be absent (the lock file): its text, or undefined. */
export function readOptionalText(dir: string, name: string, display: string): string | undefined {
  const abs = join(dir, name);
  return existsSync(abs) ? readText(display, abs) : undefined;
}

/** Whether Terraform's local state file sits in `dir`. Only its existence: a state file holds secrets and is never read. */
export const hasLocalState = (dir: string) => existsSync(join(dir, "terraform.tfstate"));

// ---- outputs ------------------------------------------------------------------------------

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

// ---- helpers ------------------------------------------------------------------------------

/** An error from writing, as an ExitError that says nothing was written; other errors pass. */
export function writeFailure(err: unknown, where: string): unknown {
  return typeof (err as { code?: unknown }).code === "string" && (err as { syscall?: unknown }).syscall ? outputError(`cannot write ${where}: ${reason(err)}; nothing was written.`) : err;
}

function reason(err: unknown): string {
  const code = (err as { code?: string }).code;
  const known: Record<string, string> = { ENOENT: "no such file or directory", EACCES: "permission denied", ENOTDIR: "not a directory", EISDIR: "is a directory", ELOOP: "too many levels of symbolic links" };
  return (code && known[code]) ?? (err as Error).message;
}

/** The real path of `abs`, resolving the part that exists (the rest may be created later). */
function realish(abs: string): string {
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realish(parent), basename(abs));
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

function commonDir(dirs: string[]): string {
  return dirs.reduce((common, dir) => {
    while (common !== dir && !isInside(dir, common)) common = dirname(common);
    return common;
  });
}

function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === "" ? "." : rel.startsWith("..") ? abs : rel;
}
