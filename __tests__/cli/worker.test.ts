/**
 * The CLI's worker thread runs the real hcl2json and hclwrite and writes files. What comes back
 * must be what the tools give in this thread (documents with key order and the values JSON
 * cannot hold, error messages, formatted bytes), and a failed write must keep fs's code.
 */
import { parse } from "@cdktf/hcl2json";
import { format } from "@cdktf/hcl-tools";
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hclParser } from "../../src/hcl/parse";
import { workerFormat, workerParse, workerWrite } from "../../src/cli/worker";
import { corpusFiles, withoutScan } from "../support/hcl-text";
import { ensureBuilt, ROOT } from "./support";

const ordered = (value: unknown) => JSON.stringify(value, null, 1);
const settle = <T>(run: Promise<T>) => run.then((value) => ({ value }), (err: Error) => ({ error: err.message }));

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "grafana-sa-worker-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("workerParse", () => {
  test("GIVEN every corpus file WHEN parsed in the worker, together and memoized THEN each document is hcl2json's here, key order included", async () => {
    const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, "utf8") }));
    const parsed = await hclParser(workerParse).parseHclFiles(files);
    for (const [i, file] of files.entries()) expect(ordered(withoutScan(parsed[i]))).toBe(ordered({ path: file.path, doc: await parse(file.path, file.text) }));
  });

  test("GIVEN values JSON cannot hold and a __proto__ label THEN they cross the thread as hcl2json gave them", async () => {
    const text = 'locals {\n  z = -0\n  big = 1e999\n}\nresource "__proto__" "x" {\n  a = 1\n}\n';
    const doc = await workerParse("main.tf", text);
    expect(doc).toEqual(await parse("main.tf", text));
    const locals = (doc.locals as Record<string, unknown>[])[0];
    expect(Object.is(locals.z, -0)).toBe(true);
    expect(locals.big).toBe(Infinity);
    expect(Object.keys(doc.resource as object)).toEqual(["__proto__"]);
    expect(Object.hasOwn(doc.resource as object, "__proto__")).toBe(true);
  });

  test("GIVEN a syntax error THEN the message is hcl2json's", async () => {
    const text = 'resource "a" "b" {\n  name = "n" "m"\n}\n';
    expect(await settle(workerParse("bad.tf", text))).toEqual(await settle(parse("bad.tf", text)));
  });
});

describe("workerFormat", () => {
  test("GIVEN unformatted HCL THEN the bytes are hclwrite's here", async () => {
    const text = 'resource "a" "b" {\nname="n"\n    role   = "Viewer"\n  tags = {x=1, yy = 2}\n}\n';
    expect(await workerFormat(text)).toBe(await format(text));
  });
});

describe("workerWrite", () => {
  test("GIVEN files in nested directories, more than one batch THEN every one is written", async () => {
    const files = Array.from({ length: 120 }, (_, i) => ({ path: join(`d${i % 3}`, "e", `f${i}.tf`), content: `# ${i}\n` }));
    await workerWrite(dir, files);
    for (const f of files) expect(readFileSync(join(dir, f.path), "utf8")).toBe(f.content);
  });

  test("GIVEN a path under a regular file THEN it fails with fs's code and syscall, after the other batches are done", async () => {
    writeFileSync(join(dir, "blocker"), "");
    const files = Array.from({ length: 120 }, (_, i) => ({ path: i === 10 ? join("blocker", "x.tf") : `f${i}.tf`, content: "x\n" }));
    const err = await workerWrite(dir, files).catch((e: NodeJS.ErrnoException) => e);
    expect(err).toMatchObject({ code: "EEXIST", syscall: "mkdir" });
    // The batches after the failing one finished before the rejection: nothing writes into a
    // directory the caller is about to remove.
    expect(readFileSync(join(dir, "f119.tf"), "utf8")).toBe("x\n");
  });
});

test("GIVEN a process that used the worker WHEN its work is done THEN it exits by itself (the worker does not hold it)", () => {
  const script = `require("ts-node").register({ transpileOnly: true });
    const { workerParse } = require(${JSON.stringify(join(__dirname, "..", "..", "src", "cli", "worker.ts"))});
    workerParse("a.tf", "a = 1\\n").then((doc) => console.log(JSON.stringify(doc)));`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe('{"a":1}\n');
});

test("GIVEN the compiled package WHEN a process uses the worker from lib/ THEN the thread runs the compiled worker-thread.js, and the process exits by itself", () => {
  ensureBuilt();
  const lib = join(ROOT, "lib", "src", "cli");
  expect(existsSync(join(lib, "worker-thread.js"))).toBe(true);
  const script = `const { workerFormat, workerParse } = require(${JSON.stringify(join(lib, "worker.js"))});
    Promise.all([workerParse("a.tf", "a = 1\\n"), workerFormat("b=2\\n")]).then(([doc, text]) => console.log(JSON.stringify([doc, text])));`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe('[{"a":1},"b = 2\\n"]\n');
});
