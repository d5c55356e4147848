/**
 * parseHcl must deep-equal hcl2json's `parse` for the whole file, or fail with its error, for
 * any text: realistic configurations (generated below, the occasional random edit breaking
 * them), the test corpus, and a generated benchmark corpus. FC_SEED and FC_RUNS (300) tune
 * the property runs.
 */
import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hclParser, parseHcl, ParseTool } from "../../src/cli/parse-hcl";

const RUNS = Number(process.env.FC_RUNS ?? 300);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

// ---------------------------------------------------------------------------------------
// The generator (the same as in __tests__/synth/format.test.ts; keep them in step)

const name = fc.constantFrom("name", "role", "seconds_to_live", "provider", "value", "x", "long_attribute_name", "a-b");
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);
const plainString = fc.stringMatching(/^[a-zA-Z0-9 ._:/#=-]{0,10}$/).map((s) => `"${s}"`);
const oddString = fc.constantFrom('"a\\"b"', '"back\\\\slash"', '"tab\\t"', '"\\u00e9"', '"é"', '"e\u0301"', '"${var.x}-y"', '"$${lit}"', '"%{ if true }y%{ endif }"', '"100%"', '""', '"${ a.b }"', '"x ${ {a = 1}.a }"');
const integer = fc.oneof(fc.nat(100_000).map(String), fc.constantFrom("0", "007", "123456789012345", "1234567890123456"));
const otherNumber = fc.constantFrom("1.50", "1e3", "0.0", "-5", "-0", "1e999", "1E+2", "0x10");
const keyword = fc.constantFrom("true", "false", "null");
const reference = fc.array(word, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));
const oddReference = fc.constantFrom("a.b[0]", 'a["x"]', "a.b.*.c", "a[*].b", "true.x", "null.y", "string.z", "in.x", "a.b-c", "var.x.y", "count.index", "each.key");
const scalar = fc.oneof({ weight: 5, arbitrary: plainString }, { weight: 2, arbitrary: integer }, { weight: 3, arbitrary: reference }, oddString, otherNumber, keyword, oddReference);
const inline = fc.oneof(
  { weight: 8, arbitrary: scalar },
  fc.array(scalar, { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
  fc.array(fc.tuple(word, scalar), { maxLength: 2 }).map((kv) => `{ ${kv.map(([k, v]) => `${k} = ${v}`).join(", ")} }`),
  fc.tuple(word, scalar, scalar).map(([f, a, b]) => `${f}(${a}, ${b})`),
  fc.tuple(reference, scalar, scalar).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
  reference.map((r) => `[for v in ${r} : upper(v)]`),
);
const comment = fc.oneof(
  fc.tuple(fc.constantFrom("#", "//", "/*"), fc.constantFrom(" note", ' a = "x" {', "", " } ] )", " tail  ")).map(([mark, text]) => (mark === "/*" ? `/*${text} */` : mark + text)),
  fc.constant("/* two */ # comments"),
);

/** Lines of a value that may span several; the first is the rest of the attribute's line. */
const multiline: fc.Arbitrary<string[]> = fc.oneof(
  fc.array(fc.tuple(name, scalar), { minLength: 1, maxLength: 3 }).map((kv) => ["{", ...kv.map(([k, v]) => `  ${k} = ${v}`), "}"]),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((xs) => ["[", ...xs.map((x) => `  ${x},`), "]"]),
  fc.tuple(word, name, scalar, reference).map(([f, k, v, r]) => [`${f}({`, `  ${k} = ${v}`, `}, ${r})`]),
  fc.constantFrom(["<<EOT", "plain line", '  a = "looks like code" # not a comment', "${var.x} and %{ if y }z%{ endif }", "EOT"], ["<<-EOT", "    indented", "    b = 1", "    EOT"], ["[", "  # a comment in a list", "  a.b,", "]"], ["concat(", "  # a comment in a call: part of its source", "  a.b,", "  [1],", ")"]),
);

interface Style {
  readonly indent: (depth: number) => string;
  readonly equals: string;
  readonly trailing: string;
}
const style: fc.Arbitrary<Style> = fc.record({
  indentKind: fc.constantFrom("two", "four", "tab", "none", "ragged"),
  equals: fc.constantFrom(" = ", "=", "  =  ", " =\t"),
  trailing: fc.constantFrom("", "", " ", "  \t"),
}).map(({ indentKind, equals, trailing }) => ({
  indent: (d: number) => (indentKind === "two" ? "  " : indentKind === "four" ? "    " : indentKind === "tab" ? "\t" : indentKind === "none" ? "" : " ".repeat(d % 3)).repeat(d),
  equals,
  trailing,
}));

type Item =
  | { kind: "attr"; name: string; value: string | string[]; comment?: string }
  /** copies: how many more blocks of the same shape with other values follow. */
  | { kind: "block"; header: string; items: Item[]; copies?: number; headerComment?: string; closeComment?: string }
  | { kind: "blank" }
  | { kind: "comment"; text: string };

const attribute: fc.Arbitrary<Item> = fc.record({
  name,
  value: fc.oneof({ weight: 5, arbitrary: inline }, { weight: 2, arbitrary: multiline }),
  comment: fc.option(comment, { freq: 12, nil: undefined }),
}).map((a) => ({ kind: "attr", ...a }));
const label = fc.oneof({ weight: 4, arbitrary: plainString.filter((s) => !s.includes("#") && !s.includes("/")) }, word, fc.constantFrom('"a\\"b"', '"é"', '"${x}"', '"__proto__"'));
const nestedHeader = fc.oneof(fc.constantFrom("lifecycle", "content", "connection"), fc.tuple(fc.constantFrom("dynamic", "setting"), label).map(([k, l]) => `${k} ${l}`));
const nested: fc.Arbitrary<Item> = fc.tuple(nestedHeader, fc.array(fc.oneof({ weight: 5, arbitrary: attribute }, fc.constant<Item>({ kind: "blank" })), { maxLength: 3 })).map(([header, items]) => ({ kind: "block", header, items }));
const bodyItem = fc.oneof({ weight: 12, arbitrary: attribute }, { weight: 3, arbitrary: nested }, { weight: 2, arbitrary: fc.constant<Item>({ kind: "blank" }) }, comment.map((text): Item => ({ kind: "comment", text })));
const topHeader = fc.oneof(
  fc.tuple(fc.constantFrom("resource", "data"), label, label).map(([k, a, b]) => `${k} ${a} ${b}`),
  fc.tuple(fc.constantFrom("provider", "output", "variable", "module"), label).map(([k, a]) => `${k} ${a}`),
  fc.constantFrom("locals", "terraform", "removed", "moved"),
  fc.tuple(word, fc.array(label, { maxLength: 3 })).map(([k, ls]) => [k, ...ls].join(" ")),
);
// Argument names are kept distinct (a repeated one is an error, and the random edits give enough
// of those), and now and then every argument has a trailing comment: hclwrite aligns those.
const body = fc.tuple(fc.array(bodyItem, { maxLength: 6 }), fc.option(comment, { freq: 4, nil: undefined })).map(([items, all]) =>
  items.map((item, i) => (item.kind !== "attr" ? item : { ...item, name: `${item.name}${items.slice(0, i).some((o) => o.kind === "attr" && o.name === item.name) ? `_${i}` : ""}`, comment: all ?? item.comment })),
);
const topBlock: fc.Arbitrary<Item> = fc
  .record({ header: topHeader, items: body, copies: fc.nat(3), headerComment: fc.option(comment, { freq: 6, nil: undefined }), closeComment: fc.option(comment, { freq: 6, nil: undefined }) })
  .map((b) => ({ kind: "block", ...b }));
const topItem = fc.oneof({ weight: 10, arbitrary: topBlock }, { weight: 3, arbitrary: fc.constant<Item>({ kind: "blank" }) }, { weight: 2, arbitrary: comment.map((text): Item => ({ kind: "comment", text })) }, fc.constantFrom<Item>({ kind: "attr", name: "top", value: "1" }, { kind: "block", header: 'one "line" { a = 1 }', items: [] }, { kind: "block", header: "empty {}", items: [] }));

function render(items: Item[], s: Style, depth = 0): string[] {
  const pad = s.indent(depth);
  return items.flatMap((item): string[] => {
    switch (item.kind) {
      case "blank":
        return [s.trailing];
      case "comment":
        return [pad + item.text];
      case "attr": {
        const [first, ...rest] = typeof item.value === "string" ? [item.value] : item.value;
        const last = item.comment && rest.length === 0 ? ` ${item.comment}` : "";
        return [`${pad}${item.name}${s.equals}${first}${last}${s.trailing}`, ...rest.map((line, i) => (line.startsWith("EOT") || line.startsWith("    ") ? line : s.indent(depth) + line + (i === rest.length - 1 && item.comment ? ` ${item.comment}` : "")))];
      }
      case "block": {
        if (item.header.endsWith("}")) return [pad + item.header];
        const after = (c: string | undefined) => (c ? ` ${c}` : "");
        const lines = [`${pad}${item.header} {${after(item.headerComment)}${s.trailing}`, ...render(item.items, s, depth + 1), `${pad}}${after(item.closeComment)}`];
        return [...lines, ...Array.from({ length: item.copies ?? 0 }, (_, copy) => otherValues(lines, copy)).flat()];
      }
    }
  });
}

/** The same lines with other plain strings and integers (most are holes, so the shape stays). */
function otherValues(lines: string[], copy: number): string[] {
  let n = 0;
  return lines.map((line) => line.replace(/"[A-Za-z0-9 _.:-]*"|\b[1-9][0-9]*\b(?!\.)/g, (v) => (v.startsWith('"') ? `"c${copy}_${n++}"` : String(copy * 1000 + n++))));
}

/** A configuration's text, and now and then a random edit that may break it. */
const hclText: fc.Arbitrary<string> = fc
  .record({
    items: fc.array(topItem, { maxLength: 8 }),
    style,
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    edit: fc.option(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom("{", "}", '"', "#", "=", "\n", "[", "(", "/*", " ", "<<EOT\n", "\\")), { freq: 5, nil: undefined }),
  })
  .map(({ items, style: s, crlf, finalNewline, edit }) => {
    let text = render(items, s).join("\n") + (finalNewline ? "\n" : "");
    if (edit) {
      const [at, op, insert] = edit;
      const i = text.length === 0 ? 0 : at % text.length;
      text = op === 0 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(op === 1 ? i : i + 1);
    }
    return crlf ? text.replace(/\r?\n/g, "\r\n") : text;
  });

// ---------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------

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

function corpusFiles(): string[] {
  const root = join(__dirname, "..", "corpus");
  return readdirSync(root).flatMap((dir) => {
    const full = join(root, dir);
    return statSync(full).isDirectory() ? readdirSync(full).filter((f) => f.endsWith(".tf")).map((f) => join(full, f)) : [];
  });
}

function withCorpus<T>(files: number, keys: number, use: (paths: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "parse-corpus-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const paths: string[] = require("../../bench/corpus").writeCorpus(dir, files, keys);
  return use(paths).finally(() => rmSync(dir, { recursive: true, force: true }));
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
      for (const [i, file] of files.entries()) expect(ordered(parsed[i])).toBe(ordered({ path: file.path, doc: await parse(file.path, file.text) }));
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
