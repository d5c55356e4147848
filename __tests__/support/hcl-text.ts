/**
 * Realistic HCL text for property tests of the block-shape caches (src/hcl/parse.ts, format.ts): blocks,
 * nested blocks, every kind of value, comments, heredocs, odd spacing, CRLF, and the occasional
 * random edit that breaks the text. Also the test corpus's .tf files and a generated benchmark
 * corpus.
 */
import fc from "fast-check";
import { mkdtempSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const RUNS = Number(process.env.FC_RUNS ?? 300);
export const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);


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
const multiline: fc.Arbitrary<readonly string[]> = fc.oneof(
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
  | { kind: "attr"; name: string; value: string | readonly string[]; comment?: string }
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
export const hclText: fc.Arbitrary<string> = fc
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

/** Every .tf file of __tests__/corpus. */
export function corpusFiles(): string[] {
  const root = join(__dirname, "..", "corpus");
  return readdirSync(root).flatMap((dir) => {
    const full = join(root, dir);
    return statSync(full).isDirectory() ? readdirSync(full).filter((f) => f.endsWith(".tf")).map((f) => join(full, f)) : [];
  });
}

/** A generated benchmark corpus (bench/corpus.js) in a temporary directory, for the time of `use`. */
export function withCorpus<T>(files: number, keys: number, use: (paths: string[]) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "hcl-corpus-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const paths: string[] = require("../../bench/corpus").writeCorpus(dir, files, keys);
  return use(paths).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** A parse result without the scan it carries for the planner (tests compare that apart). */
export function withoutScan<T extends { scan?: unknown }>(parsed: T): Omit<T, "scan"> {
  const { scan: _scan, ...rest } = parsed;
  return rest;
}
