/**
 * The CLI's second thread: hcl2json, hclwrite and file writes. hcl2json and hclwrite are Go
 * programs compiled to WebAssembly whose set-up (about 0.25 s and 0.3 s each) and work would
 * otherwise take the CLI's one thread, and writing a thousand files costs some 0.4 s of system
 * calls; here they overlap the reading, planning and rendering that thread does meanwhile.
 * They are the same tools, called the same way; only the thread differs. Results cross by
 * structured clone, which keeps what JSON would not (-0, an infinity, an own `__proto__` key),
 * so a document is the one hcl2json gave.
 */
import { Worker } from "worker_threads";
import type { ParseTool } from "./parse-hcl";
import type { FormatTool } from "../synth/format";
import { settleAll } from "./settle";

// Plain JavaScript evaluated in the worker, so it runs the same from lib/ and under ts-jest.
// hcl2json starts its set-up when required; hclwrite when first asked for (or prepared).
// Writes wait their turn: one batch per turn of the event loop, so a parse or format call that
// arrives meanwhile (the main thread is waiting for it) goes first.
const SOURCE = `
const { parentPort, workerData } = require("worker_threads");
const { mkdirSync, writeFileSync } = require("fs");
const { dirname, join } = require("path");
const hcl2json = require(workerData.hcl2json);
let hclTools;
const ops = {
  parse: (file, text) => hcl2json.parse(file, text),
  format: (text) => (hclTools ??= require(workerData.hclTools)).format(text),
  prepare: async () => void (hclTools ??= require(workerData.hclTools)),
};
const reply = async (id, run) => {
  try {
    parentPort.postMessage({ id, result: await run() });
  } catch (err) {
    const error = err instanceof Error ? { message: err.message, code: err.code, syscall: err.syscall } : { message: String(err) };
    parentPort.postMessage({ id, error });
  }
};
const writes = [];
const writeNext = () => {
  const { id, dir, files } = writes[0];
  reply(id, async () => {
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
  });
  writes.shift();
  if (writes.length > 0) setImmediate(writeNext);
};
parentPort.on("message", ({ id, op, args }) => {
  if (op !== "write") return void reply(id, () => ops[op](...args));
  writes.push({ id, dir: args[0], files: args[1] });
  if (writes.length === 1) setImmediate(writeNext);
});
`;

type Op = "parse" | "format" | "prepare" | "write";
interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { message: string; code?: string; syscall?: string };
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();

/** The worker, started on first use. It keeps the process alive only while a call is pending. */
function started(): Worker {
  if (worker) return worker;
  const w = new Worker(SOURCE, { eval: true, workerData: { hcl2json: require.resolve("@cdktf/hcl2json"), hclTools: require.resolve("@cdktf/hcl-tools") } });
  w.unref();
  w.on("message", ({ id, result, error }: Reply) => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) w.unref();
    if (error) call?.reject(Object.assign(new Error(error.message), error.code ? { code: error.code, syscall: error.syscall } : {}));
    else call?.resolve(result);
  });
  const fail = (err: Error) => {
    worker = undefined;
    for (const call of pending.values()) call.reject(err);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the CLI's worker thread exited (code ${code})`)));
  worker = w;
  return w;
}

function call(op: Op, ...args: unknown[]): Promise<unknown> {
  const w = started();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, op, args });
  });
}

/** `parse` from @cdktf/hcl2json, in the worker. */
export const workerParse: ParseTool = (file, text) => call("parse", file, text) as Promise<Record<string, unknown>>;

/** `format` from @cdktf/hcl-tools, in the worker. */
export const workerFormat: FormatTool = (text) => call("format", text) as Promise<string>;

// Writes go in batches, so a format call queued behind them waits for one batch at most.
const WRITE_BATCH = 50;

/**
 * Writes files under `dir` (creating directories) in the worker. A failure rejects with the
 * error's message, code and syscall, as fs gives them.
 */
export async function workerWrite(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  const batches: Promise<unknown>[] = [];
  for (let i = 0; i < files.length; i += WRITE_BATCH) batches.push(call("write", dir, files.slice(i, i + WRITE_BATCH)));
  await settleAll(batches);
}

/** Starts the worker, and hcl2json's set-up in it, for a caller that parses later. */
export function startWorker(): void {
  started();
}

/**
 * Starts hclwrite's set-up in the worker, for a caller that formats later. Asked for once the
 * parsing is done: in the one worker thread it would hold up hcl2json, which the caller is
 * waiting for.
 */
export function prepareFormatter(): void {
  void call("prepare").catch(() => undefined);
}
