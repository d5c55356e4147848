/**
 * parseHcl must deep-equal hcl2json's `parse` for the whole file, or fail with its error, for
 * any text: realistic configurations (from __tests__/support/hcl-text.ts, the occasional random
 * edit breaking them), the test corpus, and a generated benchmark corpus. FC_SEED and FC_RUNS (300) tune
 * the property runs.
 */
import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { readFileSync } from "fs";
import { hclParser } from "../../src/hcl/parse";
import type { ParseTool } from "../../src/hcl/tools";
import { scanHcl } from "../../src/hcl/blocks";
import { corpusFiles, hclText, RUNS, SEED, withCorpus, withoutScan } from "../support/hcl-text";

// hcl2json in this thread, memoized for the whole file as the CLI's parser is for a run.
const { parseHcl } = hclParser();

type Outcome = { doc: Record<string, unknown> } | { error: string };

/** Key order too: code that walks the document (planRevert does) must see hcl2json's order. */
const ordered = (value: unknown) => JSON.stringify(value, null, 1);

function outcome(run: Promise<Record<string, unknown>>): Promise<Outcome> {
  return run.then(
    (doc) => ({ doc }),
    (err: Error) => ({ error: err.message }),
  );
}

function counting(): { calls: () => number; parse: ParseTool } {
  let calls = 0;
  return { calls: () => calls, parse: (file, text) => (calls++, parse(file, text)) };
}

describe("parseHcl", () => {
  test("GIVEN any configuration text WHEN parsed THEN the document deep-equals hcl2json's, or the error is hcl2json's", async () => {
    // One parser for every run: later runs hit skeletons cached by earlier ones.
    const parser = hclParser(parse);
    await fc.assert(
      fc.asyncProperty(hclText, async (text) => {
        expect(ordered(await outcome(parser.parseHcl("main.tf", text)))).toBe(ordered(await outcome(parse("main.tf", text))));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test.each(corpusFiles().map((f) => [f.split("/corpus/")[1], f]))("GIVEN corpus file %s WHEN parsed THEN it is hcl2json's document", async (_name, file) => {
    const text = readFileSync(file, "utf8");
    expect(ordered(await parseHcl(file, text))).toBe(ordered(await parse(file, text)));
  });

  test("GIVEN a generated benchmark corpus WHEN its files are parsed together THEN each is hcl2json's document AND one call parses all their new shapes", async () => {
    await withCorpus(30, 300, async (paths) => {
      const files = paths.map((path) => ({ path, text: readFileSync(path, "utf8") }));
      const tool = counting();
      const parsed = await hclParser(tool.parse).parseHclFiles(files);
      for (const [i, file] of files.entries()) {
        expect(ordered(withoutScan(parsed[i]))).toBe(ordered({ path: file.path, doc: await parse(file.path, file.text) }));
        expect(parsed[i].scan).toEqual(scanHcl(file.text));
      }
      expect(tool.calls()).toBe(1);
    });
  });

  test("GIVEN files of one shape WHEN parsed one by one THEN hcl2json parses the shape once, and a file seen before not at all", async () => {
    const file = (n: number) => Array.from({ length: 20 }, (_, i) => `resource "grafana_api_key" "k${n}_${i}" {\n  name = "key-${n}-${i}"\n  role = "Viewer"\n  seconds_to_live = ${i * 60}\n  provider = grafana.team${n}\n}\n`).join("\n");
    const tool = counting();
    const parser = hclParser(tool.parse);
    for (const n of [1, 2, 3, 1]) expect(ordered(await parser.parseHcl(`f${n}.tf`, file(n)))).toBe(ordered(await parse(`f${n}.tf`, file(n))));
    expect(tool.calls()).toBe(1);
  });

  test("GIVEN a syntax error deep inside a large file WHEN parsed THEN the error is hcl2json's, with its file and line", async () => {
    const blocks = Array.from({ length: 200 }, (_, i) => `resource "a" "r${i}" {\n  name = "n${i}"\n}\n`);
    blocks[150] = `resource "a" "broken" {\n  name = "n" "m"\n}\n`;
    const text = blocks.join("\n");
    const direct = await outcome(parse("deep.tf", text));
    expect(direct).toEqual({ error: expect.stringMatching(/^parse config: \[deep\.tf:602,/) });
    expect(await outcome(parseHcl("deep.tf", text))).toEqual(direct);
  });

  test.each([
    ["repeated locals and terraform blocks", 'locals {\n  a = 1\n}\nterraform {\n  required_version = ">= 1"\n}\nlocals {\n  b = "x"\n}\nterraform {\n}\n'],
    ["providers with and without an alias", 'provider "grafana" {\n  url = "a"\n}\nprovider "grafana" {\n  alias = "b"\n}\nprovider "other" {}\n'],
    ["blocks with no, one and two labels", 'x {\n  a = 1\n}\ny "l" {\n  a = 2\n}\nz "l" "m" {\n  a = 3\n}\nz "l" "n" {\n  a = 4\n}\nz "k" "n" {\n  a = 5\n}\n'],
    ["duplicate blocks", 'resource "a" "b" {\n  x = 1\n}\nresource "a" "b" {\n  x = 1\n}\n'],
    ["a __proto__ label", 'resource "__proto__" "__proto__" {\n  x = 1\n}\n__proto__ {\n}\n'],
    ["bare labels", "resource grafana_api_key k {\n  name = k.x\n}\n"],
    ["values of every hole kind, alone and inside expressions", 'locals {\n  s = "str"\n  n = 42\n  r = a.b.c\n  o = {\n    s = "in object"\n    n = 7\n  }\n  m = merge({\n    s = "in a call"\n    r = x.y\n  }, z.w)\n}\n'],
    ["comment lines between arguments, and in a call whose source hcl2json copies", 'locals {\n  # between arguments\n  x = concat(\n    # inside the call\n    a.b,\n  )\n  // between arguments\n}\n'],
    ["numbers JSON text cannot hold (-0, an infinity)", "locals {\n  z = -0\n  big = 1e999\n}\n"],
    ["references named like types and keywords", "locals {\n  a = string.x\n  b = true.x\n  c = null.y\n  d = in.x\n  e = a.b-c\n}\n"],
  ])("GIVEN %s WHEN parsed THEN it is hcl2json's document", async (_what, text) => {
    expect(await outcome(parseHcl("main.tf", text))).toEqual(await outcome(parse("main.tf", text)));
  });

  test.each([
    ["blocks with and without labels", 'x {\n}\nx "l" {\n}\n'],
    ["blocks with one and two labels", 'x "l" {\n}\nx "l" "m" {\n}\n'],
    ["a top-level attribute", 'a = 1\nlocals {\n}\n'],
  ])("GIVEN %s WHEN parsed THEN the outcome (document or error) is hcl2json's", async (_what, text) => {
    expect(await outcome(parseHcl("main.tf", text))).toEqual(await outcome(parse("main.tf", text)));
  });

  test("GIVEN simple values WHEN hcl2json parses them alone THEN it gives what the skeleton puts back: content, number, reference in ${}", async () => {
    expect(await parse("v.tf", 'x {\n  s = "a b"\n  n = 123456789012345\n  r = a.b-c.d\n}\n')).toEqual({ x: [{ s: "a b", n: 123456789012345, r: "${a.b-c.d}" }] });
  });
});
