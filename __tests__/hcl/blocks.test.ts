/** topLevelBlocks finds the top-level blocks of a .tf file; removeBlocks takes some out; rewriteBlocks both. */
import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { BlockRewrite, HclBlock, lineNumber, removeBlocks, rewriteBlocks, scanHcl, topLevelBlocks } from "../../src/hcl/blocks";
import { maskHcl } from "../../src/hcl/scan";
import { hclText, RUNS, SEED } from "../support/hcl-text";

const summary = (text: string) => topLevelBlocks(text).map((b) => ({ kind: b.kind, labels: b.labels, line: b.line, text: text.slice(b.start, b.end) }));

describe("topLevelBlocks", () => {
  const text = [
    'terraform {',
    '  required_providers {',
    '    grafana = { source = "grafana/grafana" }',
    '  }',
    '}',
    '',
    '# The CI key.',
    '// Rotated by hand.',
    'resource "grafana_api_key" "ci" {',
    '  name = "ci"',
    '  role = "Viewer"',
    '  lifecycle {',
    '    prevent_destroy = true',
    '  }',
    '}',
    '',
    '# Unrelated comment, separated by a blank line.',
    '',
    'locals {',
    '  a = "}" # }',
    '  b = <<EOT',
    'resource "grafana_api_key" "fake" {',
    'EOT',
    '}',
    'provider "grafana" {',
    '  alias = "sa"',
    '}',
    '',
  ].join("\n");

  test("GIVEN a file WHEN scanned THEN each top-level block has its kind, labels and 1-based header line", () => {
    expect(topLevelBlocks(text).map((b) => [b.kind, b.labels, b.line])).toEqual([
      ["terraform", [], 1],
      ["resource", ["grafana_api_key", "ci"], 9],
      ["locals", [], 19],
      ["provider", ["grafana"], 25],
    ]);
  });

  test("GIVEN comment lines right above a block WHEN scanned THEN they belong to it; a blank line ends them", () => {
    const [, key, locals] = summary(text);
    expect(key.text.startsWith("# The CI key.\n// Rotated by hand.\nresource")).toBe(true);
    expect(key.text.endsWith("  }\n}\n")).toBe(true);
    expect(locals.text.startsWith("locals {")).toBe(true);
  });

  test("GIVEN braces and block headers inside strings, comments and heredocs WHEN scanned THEN they neither end a block nor start one", () => {
    const locals = summary(text)[2];
    expect(locals.text).toBe('locals {\n  a = "}" # }\n  b = <<EOT\nresource "grafana_api_key" "fake" {\nEOT\n}\n');
  });

  test("GIVEN nested blocks WHEN scanned THEN only top-level blocks are returned", () => {
    expect(topLevelBlocks(text).map((b) => b.kind)).not.toContain("lifecycle");
    expect(topLevelBlocks(text).map((b) => b.kind)).not.toContain("required_providers");
  });

  test("GIVEN bare identifier labels, which Terraform accepts WHEN scanned THEN they are labels like quoted ones", async () => {
    const bare = "resource grafana_api_key foo {\n  name = \"a\"\n  role = \"Viewer\"\n  lifecycle {\n    create_before_destroy = true\n  }\n}\n";
    expect(summary(bare)).toEqual([{ kind: "resource", labels: ["grafana_api_key", "foo"], line: 1, text: bare }]);
    expect(Object.keys(((await parse("bare.tf", bare)) as any).resource.grafana_api_key)).toEqual(["foo"]);
  });

  test("GIVEN a one-line block and a block with no labels WHEN scanned THEN both are found", () => {
    expect(summary('resource "a" "b" {}\nmoved {\n  from = a.b\n  to = a.c\n}\n').map((b) => [b.kind, b.labels])).toEqual([
      ["resource", ["a", "b"]],
      ["moved", []],
    ]);
  });

  test("GIVEN CRLF line ends WHEN scanned THEN the blocks and their comments are found", () => {
    const crlf = '# c\r\nresource "grafana_api_key" "k" {\r\n  name = "k"\r\n}\r\nlocals {\r\n}\r\n';
    const blocks = summary(crlf);
    expect(blocks.map((b) => [b.kind, b.line])).toEqual([
      ["resource", 2],
      ["locals", 5],
    ]);
    expect(blocks[0].text).toBe('# c\r\nresource "grafana_api_key" "k" {\r\n  name = "k"\r\n}\r\n');
  });
});

describe("removeBlocks", () => {
  const keyBlock = (name: string) => `# key ${name}\nresource "grafana_api_key" "${name}" {\n  name = "${name}"\n  role = "Viewer"\n}\n`;
  const remove = (text: string, names: string[]) => removeBlocks(text, topLevelBlocks(text).filter((b) => names.includes(b.labels[1])));

  test("GIVEN a block between others WHEN removed THEN its leading comments go with it and one blank line is left", () => {
    const text = `locals {\n}\n\n${keyBlock("a")}\noutput "o" {\n  value = 1\n}\n`;
    expect(remove(text, ["a"])).toBe('locals {\n}\n\noutput "o" {\n  value = 1\n}\n');
  });

  test("GIVEN adjacent blocks WHEN both are removed THEN the blank lines around them shrink to one", () => {
    const text = `locals {\n}\n\n\n${keyBlock("a")}\n\n${keyBlock("b")}\n\n\noutput "o" {\n}\n`;
    expect(remove(text, ["a", "b"])).toBe('locals {\n}\n\noutput "o" {\n}\n');
  });

  test("GIVEN the first and the last blocks WHEN removed THEN no blank line is left at the top or the bottom", () => {
    const text = `\n${keyBlock("a")}\nlocals {\n}\n\n${keyBlock("b")}\n\n`;
    expect(remove(text, ["a", "b"])).toBe("locals {\n}\n");
  });

  test("GIVEN blank lines elsewhere, in a heredoc and between other blocks WHEN a block is removed THEN they are kept byte for byte", () => {
    const heredoc = 'resource "null_resource" "n" {\n  script = <<EOT\none\n\n\n\ntwo\nEOT\n}\n';
    const text = `${heredoc}\n\n\nlocals {\n}\n\n${keyBlock("a")}`;
    expect(remove(text, ["a"])).toBe(`${heredoc}\n\n\nlocals {\n}\n`);
  });

  test("GIVEN nothing to remove WHEN called THEN the text is returned as it is", () => {
    const text = "\n\nlocals {\n}\n\n\n\n";
    expect(removeBlocks(text, [])).toBe(text);
  });

  test("GIVEN CRLF line ends WHEN a block is removed THEN the rest keeps CRLF", () => {
    const text = 'locals {\r\n}\r\n\r\n# k\r\nresource "grafana_api_key" "a" {\r\n}\r\n\r\noutput "o" {\r\n}\r\n';
    expect(remove(text, ["a"])).toBe('locals {\r\n}\r\n\r\noutput "o" {\r\n}\r\n');
  });
});

describe("lineNumber", () => {
  test("GIVEN offsets WHEN converted THEN lines count from 1", () => {
    expect([0, 1, 2, 3].map((o) => lineNumber("a\nb\n", o))).toEqual([1, 1, 2, 2]);
  });
});

describe("block comments above a block", () => {
  test("GIVEN a /* */ comment on the lines right above a block WHEN scanned THEN it belongs to the block", () => {
    const text = 'locals {}\n\n/*\n * The CI key.\n */\n# And a line.\nresource "grafana_api_key" "ci" {\n  name = "ci"\n}\n';
    const [, key] = summary(text);
    expect(key.text.startsWith("/*\n * The CI key.\n */\n# And a line.\nresource")).toBe(true);
  });

  test("GIVEN a line of code that ends with a comment, or two comments on the line, WHEN scanned THEN the code line stays outside the block", () => {
    for (const above of ["} /* end of locals */", "/* a */ } /* b */"]) {
      const text = `locals {\n${above}\nresource "grafana_api_key" "ci" {\n}\n`;
      expect(summary(text)[1].text).toBe('resource "grafana_api_key" "ci" {\n}\n');
    }
  });
});

describe("rewriteBlocks", () => {
  /** The two-pass way it replaces: remove the blocks, then scan the rest again to rewrite it. */
  function removeThenRewrite(text: string, how: BlockRewrite): string {
    const stripped = removeBlocks(text, topLevelBlocks(text).filter(how.remove));
    const masked = maskHcl(stripped);
    let out = "";
    let last = 0;
    for (const block of topLevelBlocks(stripped, masked).filter(how.keep)) {
      out += how.rewrite(stripped.slice(last, block.start), masked.slice(last, block.start), last) + stripped.slice(block.start, block.end);
      last = block.end;
    }
    return out + how.rewrite(stripped.slice(last), masked.slice(last), last);
  }

  // Every code character `a` (as the mask shows it) becomes `A`: a rewrite that depends on the
  // mask being right, and changes no line.
  const upperA = (code: string, masked: string) => code.replace(/a/g, (c, i: number) => (masked[i] === "a" ? "A" : c));

  test("GIVEN any configuration hcl2json reads WHEN blocks are removed and the code rewritten from one scan THEN the text is what removing first and rescanning gives", async () => {
    await fc.assert(
      fc.asyncProperty(hclText, fc.nat(), async (text, seed) => {
        const ok = await parse("main.tf", text).then(() => true, () => false);
        fc.pre(ok);
        // By what a block says, which is the same in both passes (offsets are not).
        const pick = (b: HclBlock, salt: number) => [...b.kind, ...b.labels.join(".")].reduce((h, c) => h * 31 + c.charCodeAt(0), seed + salt) % 3 === 0;
        const how: BlockRewrite = { remove: (b) => b.kind === "resource" && pick(b, 0), keep: (b) => ["removed", "moved", "import"].includes(b.kind) || (b.kind !== "resource" && pick(b, 1)), rewrite: upperA };
        expect(rewriteBlocks(text, scanHcl(text), how)).toBe(removeThenRewrite(text, how));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test("GIVEN a key between kept blocks, with comments and CRLF WHEN rewritten THEN the key goes and only the code outside the kept blocks changes", () => {
    const text = 'locals {\r\n  a = "a"\r\n}\r\n\r\n# the key\r\nresource "k" "a" {\r\n}\r\n\r\nmoved {\r\n  from = a.a\r\n}\r\n';
    const how: BlockRewrite = { remove: (b) => b.kind === "resource", keep: (b) => b.kind === "moved", rewrite: upperA };
    expect(rewriteBlocks(text, scanHcl(text), how)).toBe('locAls {\r\n  A = "a"\r\n}\r\n\r\nmoved {\r\n  from = a.a\r\n}\r\n');
  });
});

describe("blockComments", () => {
  test("GIVEN comments above, on and inside a key block WHEN read THEN each belongs to its argument or to the block", () => {
    const { blockComments } = require("../../src/hcl/comments");
    const text = 'locals {}\n\n# CI key\n/* owned by\n   platform */\nresource "grafana_api_key" "ci" { # header\n  name = "ci" // its name\n  # Editor because it deploys\n  role = "Editor"\n  lifecycle {\n    ignore_changes = [name] # inner\n  }\n  # last\n}\n';
    expect(blockComments(text, topLevelBlocks(text)[1])).toEqual({
      above: ["# CI key", "/* owned by\n   platform */", "# header", "# last"],
      args: { name: { above: [], trailing: "// its name" }, role: { above: ["# Editor because it deploys"] }, lifecycle: { above: ["# inner"] } },
    });
  });
});
