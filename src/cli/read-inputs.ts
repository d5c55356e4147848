/**
 * The configuration inputs: the files and directories named on the command line found, read
 * and parsed (HCL in the worker thread, Terraform JSON here), and the key definitions loaded.
 * The HCL parser and the planner are imported lazily, so help and version stay fast.
 */
import { readdirSync, realpathSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";
import type { SourceFile } from "../planning/plan";
import type { TfDocument } from "../hcl/tf-json";
import type { HclParser } from "../hcl/parse";
import { ExitError, inputError, usageError } from "./errors";
import { hclErrors } from "./input-errors";
import { capLines } from "./diagnostics";
import { commonDir, reason } from "./path-text";
import { cannotRead, parseJson, readText, statOrFail } from "./read-files";

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

/**
 * Every input in order: .tf files parsed together by hcl2json (memoized per block shape, see
 * src/hcl/parse.ts), Terraform JSON read as JSON. Every input that cannot be read or parsed is
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
  // The parse's scan of each .tf file, kept for the planner as a file of blocks (loaded lazily, as the parser is).
  const { HclFile } = parsed.length === 0 ? { HclFile: undefined } : await import("../hcl/file");
  const sources: (SourceFile | undefined)[] = files.map((f, i) => (f.format === "json" && texts[i] !== undefined ? attempt(i, () => readJson(f, texts[i] as string)) : undefined));
  parsed.forEach((p, j) => {
    const i = hcl[j];
    if ("error" in p) problems[i].push(...hclErrors(p.path, p.error instanceof Error ? p.error.message : String(p.error)).split("\n"));
    else sources[i] = { path: p.path, format: "hcl", text: texts[i] as string, doc: p.doc as TfDocument, hcl: HclFile?.of(texts[i] as string, p.scan) };
  });
  const failed = problems.flat();
  if (failed.length > 0) throw inputError(capLines(failed, "error").join("\n"));
  return sources as SourceFile[];
}

let parser: HclParser | undefined;

/** The CLI's parser: hcl2json in the worker thread, memoized per block shape for the process. */
async function cliParser(): Promise<HclParser> {
  if (!parser) {
    const [{ hclParser }, { workerParse }] = await Promise.all([import("../hcl/parse"), import("./worker")]);
    parser = hclParser(workerParse);
  }
  return parser;
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
