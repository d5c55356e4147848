/**
 * What runs inside the CLI's worker thread (started by worker.ts, which says why there is one):
 * hcl2json, hclwrite and file writes, one request at a time by message. Never imported: a module
 * of the main thread would find no parentPort.
 */
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { parentPort } from "worker_threads";
import { hcl2json, hclwrite, prepareHcl2json, prepareHclwrite } from "../hcl/tools";

/** A file to write, relative to the directory of its write request. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

/** What the main thread asks for. */
export type Call =
  | { readonly op: "parse"; readonly args: [file: string, text: string] }
  | { readonly op: "format"; readonly args: [text: string] }
  | { readonly op: "prepare"; readonly args: [] }
  | { readonly op: "write"; readonly args: [dir: string, files: readonly FileToWrite[]] };

/** A call as sent; `id` comes back in its reply. */
export type Request = Call & { readonly id: number };

/** A result or an error; an fs error keeps its code and syscall. */
export interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { message: string; code?: string; syscall?: string };
}

const port = parentPort;
if (!port) throw new Error("worker-thread.ts runs in the CLI's worker thread only (see worker.ts)");

// hcl2json starts its set-up as the thread starts; hclwrite when first asked for (or prepared).
void prepareHcl2json();

const reply = async (id: number, run: () => unknown): Promise<void> => {
  try {
    port.postMessage({ id, result: await run() } satisfies Reply);
  } catch (err) {
    const fsErr = err as NodeJS.ErrnoException;
    const error = err instanceof Error ? { message: fsErr.message, code: fsErr.code, syscall: fsErr.syscall } : { message: String(err) };
    port.postMessage({ id, error } satisfies Reply);
  }
};

// Writes wait their turn: one batch per turn of the event loop, so a parse or format call that
// arrives meanwhile (the main thread is waiting for it) goes first.
const writes: { id: number; dir: string; files: readonly FileToWrite[] }[] = [];

const writeNext = (): void => {
  const { id, dir, files } = writes[0];
  void reply(id, async () => {
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
  });
  writes.shift();
  if (writes.length > 0) setImmediate(writeNext);
};

port.on("message", (request: Request) => {
  const { id } = request;
  switch (request.op) {
    case "parse":
      return void reply(id, () => hcl2json(...request.args));
    case "format":
      return void reply(id, () => hclwrite(...request.args));
    case "prepare":
      return void reply(id, prepareHclwrite);
    case "write":
      writes.push({ id, dir: request.args[0], files: request.args[1] });
      if (writes.length === 1) setImmediate(writeNext);
  }
});
