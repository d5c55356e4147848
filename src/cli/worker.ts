/**
 * The CLI's second thread: hcl2json, hclwrite and file writes. hcl2json and hclwrite are Go
 * programs compiled to WebAssembly whose set-up (about 0.25 s and 0.3 s each) and work would
 * otherwise take the CLI's one thread, and writing a thousand files costs some 0.4 s of system
 * calls; here they overlap the reading, planning and rendering that thread does meanwhile.
 * They are the same tools, called the same way; only the thread differs. Results cross by
 * structured clone, which keeps what JSON would not (-0, an infinity, an own `__proto__` key),
 * so a document is the one hcl2json gave.
 */
import { join } from "path";
import { Worker } from "worker_threads";
import type { FormatTool, ParseTool } from "../hcl/tools";
import { settleAll } from "./settle";
import type { Call, FileToWrite, Reply, Request } from "./worker-thread";

/**
 * The thread runs worker-thread.js, compiled beside this file in lib/. From the TypeScript
 * sources (ts-jest, ts-node) there is no .js: ts-node compiles worker-thread.ts in the thread
 * (a devDependency, as running from the sources is).
 */
function newWorker(): Worker {
  if (!__filename.endsWith(".ts")) return new Worker(join(__dirname, "worker-thread.js"));
  return new Worker(join(__dirname, "worker-thread.ts"), { execArgv: ["-r", require.resolve("ts-node/register/transpile-only")] });
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();

/** The worker, started on first use. It keeps the process alive only while a call is pending. */
function started(): Worker {
  if (worker) return worker;
  const w = newWorker();
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

function call(request: Call): Promise<unknown> {
  const w = started();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, ...request } satisfies Request);
  });
}

/** `parse` from @cdktf/hcl2json, in the worker. */
export const workerParse: ParseTool = (file, text) => call({ op: "parse", args: [file, text] }) as Promise<Record<string, unknown>>;

/** `format` from @cdktf/hcl-tools, in the worker. */
export const workerFormat: FormatTool = (text) => call({ op: "format", args: [text] }) as Promise<string>;

// Writes go in batches, so a format call queued behind them waits for one batch at most.
const WRITE_BATCH = 50;

/**
 * Writes files under `dir` (creating directories) in the worker. A failure rejects with the
 * error's message, code and syscall, as fs gives them.
 */
export async function workerWrite(dir: string, files: readonly FileToWrite[]): Promise<void> {
  const batches: Promise<unknown>[] = [];
  for (let i = 0; i < files.length; i += WRITE_BATCH) batches.push(call({ op: "write", args: [dir, files.slice(i, i + WRITE_BATCH)] }));
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
  void call({ op: "prepare", args: [] }).catch(() => undefined);
}
