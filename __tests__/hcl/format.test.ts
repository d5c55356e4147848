/**
 * formatHcl must return exactly what hclwrite's `format` returns for the whole text, for any
 * text: realistic configurations (from __tests__/support/hcl-text.ts: odd spacing, comments,
 * heredocs, CRLF and the occasional random edit that breaks them), the test corpus, and a generated
 * benchmark corpus. FC_SEED and FC_RUNS (300) tune the property runs.
 */
import { format } from "@cdktf/hcl-tools";
import fc from "fast-check";
import { readFileSync } from "fs";
import { formatHcl, hclFormatter } from "../../src/hcl/format";
import { corpusFiles, hclText, RUNS, SEED, withCorpus } from "../support/hcl-text";

function counting(): { calls: () => number; format: (text: string) => Promise<string> } {
  let calls = 0;
  return { calls: () => calls, format: (text) => (calls++, format(text)) };
}

describe("formatHcl", () => {
  test("GIVEN any configuration text WHEN formatted THEN the result is byte for byte hclwrite's", async () => {
    // One formatter for every run: later runs hit skeletons cached by earlier ones.
    const formatter = hclFormatter(format);
    await fc.assert(
      fc.asyncProperty(hclText, async (text) => {
        expect(await formatter(text)).toBe(await format(text));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test.each(corpusFiles().map((f) => [f.split("/corpus/")[1], f]))("GIVEN corpus file %s WHEN formatted THEN it is hclwrite's", async (_name, file) => {
    const text = readFileSync(file, "utf8");
    expect(await formatHcl(text)).toBe(await format(text));
  });

  test("GIVEN a generated benchmark corpus as one file WHEN formatted THEN it is hclwrite's AND hclwrite runs once for its few shapes", async () => {
    await withCorpus(20, 400, async (paths) => {
      const text = paths.map((p) => readFileSync(p, "utf8")).join("\n");
      const tool = counting();
      expect(await hclFormatter(tool.format)(text)).toBe(await format(text));
      expect(tool.calls()).toBe(1);
    });
  });

  test("GIVEN many blocks of one shape WHEN formatted twice THEN hclwrite sees one skeleton, then nothing", async () => {
    const text = Array.from({ length: 50 }, (_, i) => `resource "grafana_service_account" "sa_${i}" {\n  name = "sa-${i}"\n  role = "Viewer"\n  seconds_to_live = ${i * 60}\n}\n`).join("\n");
    const tool = counting();
    const formatter = hclFormatter(tool.format);
    expect(await formatter(text)).toBe(await format(text));
    expect(tool.calls()).toBe(1);
    expect(await formatter(text)).toBe(await format(text));
    expect(tool.calls()).toBe(1);
  });

  test("GIVEN a block with a trailing comment WHEN formatted THEN it is formatted as written, since the comment's column depends on the values", async () => {
    const text = 'locals {\n  a = "short" # one\n  bb = "a much longer value" # two\n}\nlocals {\n  a = "x" # one\n  bb = "y" # two\n}\n';
    expect(await formatHcl(text)).toBe(await format(text));
  });

  test.each([
    // Each of these leaves hclsyntax's lexer inside a string after the first block, so hclwrite
    // must not lay out the second (which is badly laid out on purpose).
    ["an unterminated string (hclsyntax reads on to the next quote)", 'a {\n  x = "open\n}\nb {\n z   =   1\n}\n'],
    ["a heredoc marker followed by spaces (not a heredoc to hclsyntax)", 'a {\n  x = <<EOT  \n  y = "\nEOT\n}\nb {\n z   =   1\n}\n'],
    ["a heredoc line that trims to the marker only with Unicode space", 'a {\n  x = <<EOT\n\u00a0EOT\n  "\nEOT\n}\nb {\n z   =   1\n}\n'],
    ["an interpolation across lines in a heredoc", 'a {\n  x = <<EOT\n${\n"}EOT\n  "\nEOT\n}\nb {\n z   =   1\n}\n'],
    ["trailing comments on facing lines of two blocks", "a {\n  x = 1\n} # one\nbb { # two\n  y = 1\n}\n"],
  ])("GIVEN %s WHEN formatted after its second block was THEN it is hclwrite's", async (_what, text) => {
    const formatter = hclFormatter(format);
    // Cached alone, the second block would come back laid out even where hclwrite leaves it.
    await formatter(text.slice(text.indexOf("\nb {") + 1));
    expect(await formatter(text)).toBe(await format(text));
  });

  test("GIVEN text the scanner cannot split WHEN formatted THEN hclwrite gets the whole text once", async () => {
    const tool = counting();
    const text = 'top = 1\nlocals {\n  a = "x"\n}\n';
    expect(await hclFormatter(tool.format)(text)).toBe(await format(text));
    expect(tool.calls()).toBe(1);
  });
});
