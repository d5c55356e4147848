/**
 * Reading one file the user named, with one clear message when it cannot be read: missing, a
 * dangling link, not text, invalid JSON (with line and column). The inputs (read-inputs.ts), the
 * --adopt-ids file, saved plans and reports, the lock file.
 */
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync } from "fs";
import { join, resolve } from "path";
import { inputError } from "./errors";
import { isText, jsonSyntaxError } from "./input-errors";
import { reason } from "./path-text";

/** The file's stat, or an input error saying why it cannot be read. */
export function statOrFail(display: string, abs: string) {
  try {
    return statSync(abs);
  } catch (err) {
    throw inputError(cannotRead(display, abs, err));
  }
}

/** `cannot read x: why`; for a symbolic link that leads nowhere, where it points. */
export function cannotRead(display: string, abs: string, err: unknown): string {
  const link = lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() ? readlinkSync(abs) : undefined;
  if (link === undefined) return `cannot read ${display}: ${reason(err)}`;
  const why = (err as { code?: string }).code === "ENOENT" ? "which does not exist" : `which cannot be read: ${reason(err)}`;
  return `cannot read ${display}: it is a symbolic link to ${link}, ${why}. Fix or remove the link.`;
}

/** The file's text, or an input error: unreadable, or not UTF-8 text. */
export function readText(display: string, abs: string): string {
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

/** `text` as JSON, or an input error naming the line and column of the syntax error. */
export function parseJson(display: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const at = jsonSyntaxError(text, (err as Error).message);
    throw inputError(`${display}:${at.line}:${at.column}: invalid JSON: ${at.message}.`);
  }
}

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
