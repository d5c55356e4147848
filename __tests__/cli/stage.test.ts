/**
 * stageOutputDir: files are written in the background as they are added, and the directory
 * appears whole or not at all. The writers here are test doubles that fail or lag on purpose;
 * the real worker writer is covered by worker.test.ts and the CLI tests.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { OutputFile, stageOutputDir, WriteFiles, writeFilesHere } from "../../src/cli/write-outputs";

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), "grafana-sa-stage-"))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const out = () => join(root, "out");
const leftovers = () => readdirSync(root).filter((n) => n.startsWith("."));

/** A double: writes like writeFilesHere after a delay, or fails on a file named "fail". */
const lagging: WriteFiles = (dir, files) =>
  new Promise((resolve, reject) =>
    setTimeout(() => {
      if (files.some((f) => f.path === "fail")) reject(Object.assign(new Error("no space left on device"), { code: "ENOSPC", syscall: "write" }));
      else writeFilesHere(dir, files).then(resolve, reject);
    }, 20),
  );

const file = (path: string, content = `${path}\n`): OutputFile => ({ path, content });

test("GIVEN files added in two steps THEN the directory holds both, and nothing is left beside it", async () => {
  const staged = stageOutputDir(out(), lagging);
  staged.write([file("a.tf"), file(join("sub", "b.tf"))]);
  staged.write([file("c.md")]);
  expect(existsSync(out())).toBe(false);
  await staged.commit();
  expect(readFileSync(join(out(), "sub", "b.tf"), "utf8")).toBe(`${join("sub", "b.tf")}\n`);
  expect(readdirSync(out()).sort()).toEqual(["a.tf", "c.md", "sub"]);
  expect(leftovers()).toEqual([]);
});

test("GIVEN an existing directory WHEN a write fails THEN it keeps its contents, the error is fs's, and the staging is gone", async () => {
  mkdirSync(out());
  writeFileSync(join(out(), "old.tf"), "old\n");
  const staged = stageOutputDir(out(), lagging);
  staged.write([file("a.tf")]);
  staged.write([file("fail")]);
  staged.write([file("b.tf")]);
  await expect(staged.commit()).rejects.toMatchObject({ code: "ENOSPC", syscall: "write" });
  expect(readdirSync(out())).toEqual(["old.tf"]);
  expect(leftovers()).toEqual([]);
});

test("GIVEN writes in progress WHEN the caller aborts THEN they finish first and nothing is left", async () => {
  const staged = stageOutputDir(out(), lagging);
  staged.write([file("a.tf")]);
  await staged.abort();
  expect(existsSync(out())).toBe(false);
  expect(leftovers()).toEqual([]);
});

test("GIVEN an existing directory WHEN every write succeeds THEN it is replaced", async () => {
  mkdirSync(out());
  writeFileSync(join(out(), "old.tf"), "old\n");
  const staged = stageOutputDir(out());
  staged.write([file("new.tf")]);
  await staged.commit();
  expect(readdirSync(out())).toEqual(["new.tf"]);
  expect(leftovers()).toEqual([]);
});
