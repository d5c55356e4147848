/** HclFile.attribute / setAttribute (src/hcl/body.ts): read and set an attribute, also in nested blocks and object values. */
import { parse } from "@cdktf/hcl2json";
import { format } from "@cdktf/hcl-tools";
import fc from "fast-check";
import { HclFile } from "../../src/hcl/file";
import { hclText, RUNS, SEED } from "../support/hcl-text";

const TF = `terraform {
  # the providers
  required_providers {
    grafana = {
      source = "grafana/grafana" # registry
    }
    aws = { source = "hashicorp/aws" }
  }
}

locals {
  a = "version = 1 }" # version = 2 }
  b = <<EOT
  version = 3
}
EOT
  c = 1
}
`;

const set = (text: string, path: string[], name: string, expr: string, kind = "terraform") => {
  const file = HclFile.of(text);
  return file.setAttribute(file.find(kind)[0], path, name, expr);
};

test("GIVEN nested blocks and objects WHEN an attribute is read THEN its value as written, comments after it excluded", () => {
  const file = HclFile.of(TF);
  const tf = file.find("terraform")[0];
  expect(file.attribute(tf, ["required_providers", "grafana"], "source")).toMatchObject({ value: '"grafana/grafana"', line: 5 });
  expect(file.attribute(tf, ["required_providers", "aws"], "source")?.value).toBe('"hashicorp/aws"');
  expect(file.attribute(tf, ["required_providers"], "aws")?.value).toBe('{ source = "hashicorp/aws" }');
  expect(file.attribute(tf, ["required_providers"], "source")).toBeUndefined();
  expect(file.attribute(tf, ["nope"], "source")).toBeUndefined();
  const locals = file.find("locals")[0];
  expect(file.attribute(locals, [], "a")?.value).toBe('"version = 1 }"');
  expect(file.attribute(locals, [], "b")?.value).toBe("<<EOT\n  version = 3\n}\nEOT");
  expect(file.attribute(locals, [], "version")).toBeUndefined();
  expect(file.attribute(locals, [], "c")).toMatchObject({ value: "1", line: 17 });
});

test("GIVEN a written value WHEN set THEN only the value changes, its comment stays", () => {
  expect(set(TF, ["required_providers", "grafana"], "source", '"x/y"')).toEqual({ text: TF.replace('"grafana/grafana"', '"x/y"'), line: 5 });
  expect(set(TF, [], "b", "2", "locals")).toEqual({ text: TF.replace("<<EOT\n  version = 3\n}\nEOT", "2"), line: 13 });
});

test("GIVEN no such attribute WHEN set THEN a line is added before the closing brace, `=` lined up as fmt lines it up", () => {
  expect(set(TF, ["required_providers", "grafana"], "version", '"~> 2"')).toEqual({
    text: TF.replace('      source = "grafana/grafana" # registry\n', '      source  = "grafana/grafana" # registry\n      version = "~> 2"\n'),
    line: 6,
  });
  // Every line of the group moves, not only the last; a shorter name takes the group's column.
  const group = "x {\n  a    = 1\n  bb   = 2\n  cccc = 3\n}\n";
  expect(set(group, [], "long_name", "4", "x")?.text).toBe("x {\n  a         = 1\n  bb        = 2\n  cccc      = 3\n  long_name = 4\n}\n");
  expect(set(group, [], "d", "4", "x")?.text).toBe("x {\n  a    = 1\n  bb   = 2\n  cccc = 3\n  d    = 4\n}\n");
  // A blank line or a multi-line value ends the group.
  expect(set("x {\n  a = 1\n\n  b = [\n    1,\n  ]\n}\n", [], "version", "4", "x")?.text).toBe("x {\n  a = 1\n\n  b = [\n    1,\n  ]\n  version = 4\n}\n");
});

test("GIVEN one-line objects and blocks WHEN an attribute is added THEN an object keeps one line, a block opens up", () => {
  expect(set(TF, ["required_providers", "aws"], "version", '"~> 5"')?.text).toBe(TF.replace('aws = { source = "hashicorp/aws" }', 'aws = { source = "hashicorp/aws", version = "~> 5" }'));
  expect(set("x {\n  o = {}\n}\n", ["o"], "a", "1", "x")?.text).toBe("x {\n  o = { a = 1 }\n}\n");
  expect(set("x {}\n", [], "a", "1", "x")).toEqual({ text: "x {\n  a = 1\n}\n", line: 2 });
  expect(set("x { a = 1 }\n", [], "version", "2", "x")).toEqual({ text: "x {\n  a       = 1\n  version = 2\n}\n", line: 3 });
});

test("GIVEN a multi-line expression WHEN added THEN its later lines are indented with it", () => {
  expect(set(TF, ["required_providers"], "null", '{\n  source = "hashicorp/null"\n}')?.text).toBe(
    TF.replace('hashicorp/aws" }\n', 'hashicorp/aws" }\n    null = {\n      source = "hashicorp/null"\n    }\n'),
  );
});

test("GIVEN a CRLF file WHEN set THEN the other lines keep CRLF and the value is read without the \\r", () => {
  const crlf = TF.replace(/\n/g, "\r\n");
  const file = HclFile.of(crlf);
  expect(file.attribute(file.find("locals")[0], [], "c")?.value).toBe("1");
  const out = set(crlf, ["required_providers", "grafana"], "source", '"x/y"');
  expect(out?.text).toBe(crlf.replace('"grafana/grafana"', '"x/y"'));
  // Added lines end as the file's lines do.
  expect(set(crlf, ["required_providers", "grafana"], "version", '"1"')?.text).toBe(crlf.replace('      source = "grafana/grafana" # registry\r\n', '      source  = "grafana/grafana" # registry\r\n      version = "1"\r\n'));
  // A whole new entry, a multi-line object: no bare \n anywhere.
  const added = set(crlf, ["required_providers"], "gcp", '{\n  source = "hashicorp/google"\n}')?.text ?? "";
  expect(added).toContain('gcp = {\r\n');
  expect(added).not.toMatch(/[^\r]\n/);
});

describe("against hcl2json and hclwrite", () => {
  const doc = async (text: string) => parse("main.tf", text).then((d) => d as Record<string, any>, () => undefined);
  /** The document with `name` of the first block of `kind` (hcl2json's shape) set to `value`. */
  const expected = (before: Record<string, any>, path: string[], name: string, value: unknown) => {
    const copy = structuredClone(before);
    let body = copy;
    for (const key of path) body = Array.isArray(body[key]) ? body[key][0] : body[key];
    body[name] = value;
    return copy;
  };

  test("GIVEN any configuration hcl2json reads WHEN a top-level attribute is set THEN hcl2json reads only that change, and a formatted file stays formatted", async () => {
    const names = fc.constantFrom("name", "value", "x", "version", "a_much_longer_name");
    const values = fc.constantFrom<[string, unknown]>(['"v"', "v"], ["12", 12], ["true", true], ['{ k = "z" }', { k: "z" }]);
    await fc.assert(
      fc.asyncProperty(hclText, names, values, async (raw, name, [expr, value]) => {
        const text = raw.replace(/\r\n/g, "\n");
        const before = await doc(text);
        fc.pre(before !== undefined);
        const file = HclFile.of(text);
        const block = file.blocks.find((b) => b.kind === "terraform" || b.kind === "moved" || b.kind === "removed");
        fc.pre(block !== undefined && Array.isArray(before[block.kind]) && before[block.kind].length === 1);
        const out = file.setAttribute(block!, [], name, expr)!;
        expect(await doc(out.text)).toEqual(expected(before!, [block!.kind], name, value));
        expect(out.text.split("\n")[out.line - 1]).toMatch(new RegExp(`^\\s*(${name}\\s*=|.*\\{ .*${name} = )`));
        const formatted = await format(text);
        if (formatted === text) expect(await format(file.setAttribute(block!, [], name, expr)!.text)).toBe(file.setAttribute(block!, [], name, expr)!.text);
        // Known gap: fmt lines up comments after code on adjacent lines, which is not redone here.
        if (/[^\s][ \t]*(#|\/\/|\/\*)/.test(text.slice(block!.start, block!.end))) return;
        const tidy = HclFile.of(formatted);
        const again = tidy.setAttribute(tidy.blocks.find((b) => b.kind === block!.kind)!, [], name, expr)!.text;
        expect(await format(again)).toBe(again);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
