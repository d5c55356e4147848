import { BlockPiece, placeholder, placeholderIndex, splitTopLevel } from "../../src/hcl/skeleton";

function blocks(text: string): BlockPiece[] {
  const pieces = splitTopLevel(text);
  if (!pieces) throw new Error("expected the text to split");
  return pieces.filter((p): p is BlockPiece => p.type === "block");
}

function onlyBlock(text: string): BlockPiece {
  const [block, ...rest] = blocks(text);
  expect(rest).toEqual([]);
  return block;
}

describe("splitTopLevel", () => {
  test("GIVEN blocks, comments and blank lines WHEN split THEN the pieces join back to the text AND leading comments belong to the gap", () => {
    const text = '# top\n\nresource "a" "b" {\n  x = 1\n}\n\n// above\nlocals {\n  y = 2\n}\n/* tail */\n';
    const pieces = splitTopLevel(text)!;
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    expect(pieces.map((p) => p.type)).toEqual(["gap", "block", "gap", "block", "gap"]);
    expect(pieces[2].text).toBe("\n// above\n");
  });

  test("GIVEN a block comment right above a block WHEN split THEN it is gap too", () => {
    const pieces = splitTopLevel("/* about\n   b */\nb {\n}\n")!;
    expect(pieces.map((p) => p.type)).toEqual(["gap", "block"]);
    expect(pieces[1].text).toBe("b {\n}\n");
  });

  test("GIVEN a block WHEN split THEN its labels and simple values are holes, numbered in order", () => {
    const block = onlyBlock('resource "grafana_api_key" bare {\n  name = "k-1"\n  ttl  = 3600\n  auth = grafana.main.key\n}\n');
    expect(block.kind).toBe("resource");
    expect(block.labelCount).toBe(2);
    expect(block.holes).toEqual([
      { kind: "label", source: '"grafana_api_key"' },
      { kind: "label", source: "bare" },
      { kind: "string", source: '"k-1"' },
      { kind: "integer", source: "3600" },
      { kind: "traversal", source: "grafana.main.key" },
    ]);
    expect(block.skeleton).toBe(`resource ${placeholder(0)} ${placeholder(1)} {\n  name = ${placeholder(2)}\n  ttl  = ${placeholder(3)}\n  auth = ${placeholder(4)}\n}\n`);
  });

  test("GIVEN two blocks of one shape WHEN split THEN their skeletons are equal", () => {
    const [a, b] = blocks('resource "x" "a" {\n  n = "1"\n}\nresource "y" "b" {\n  n = "two"\n}\n');
    expect(a.skeleton).toBe(b.skeleton);
  });

  test.each([
    ["an escape", 'a = "x\\"y"'],
    ["a template", 'a = "${var.x}"'],
    ["an escaped template", 'a = "$${x}"'],
    ["a percent sign", 'a = "100%"'],
    ["a non-ASCII character", 'a = "é"'],
    ["a decimal", "a = 1.50"],
    ["an exponent", "a = 1e3"],
    ["hexadecimal", "a = 0x10"],
    ["a leading zero", "a = 007"],
    ["sixteen digits", "a = 1234567890123456"],
    ["a negative number", "a = -5"],
    ["a keyword", "a = true"],
    ["a single name", "a = foo"],
    ["an index", "a = foo.bar[0]"],
    ["a splat", "a = foo.*.bar"],
    ["a call", 'a = upper("x")'],
    ["a trailing comment", 'a = "x" # note'],
    ["two attributes on a line", "a = { b = 1 }"],
  ])("GIVEN a value with %s WHEN split THEN it stays in the skeleton", (_what, line) => {
    const block = onlyBlock(`locals {\n  ${line}\n}\n`);
    expect(block.holes).toEqual([]);
    expect(block.skeleton).toBe(block.text);
  });

  test.each([
    ["a heredoc", 'locals {\n  a = <<EOT\n  b = "x"\nEOT\n}\n'],
    ["a block comment", 'locals {\n  /*\n  b = "x"\n  */\n}\n'],
  ])("GIVEN an attribute-like line inside %s WHEN split THEN it is not a hole", (_what, text) => {
    expect(onlyBlock(text).holes).toEqual([]);
  });

  test("GIVEN a label with an escape or a template WHEN split THEN it stays in the skeleton but still counts", () => {
    const block = onlyBlock('resource "a\\"b" "${x}" {\n}\n');
    expect(block.labelCount).toBe(2);
    expect(block.holes).toEqual([]);
  });

  test.each([
    ["a top-level attribute", 'a = 1\nlocals {\n}\n'],
    ["a reserved character", 'locals {\n  a = "\uE000"\n}\n'],
    ["a block after a closing brace on its line", "a {\n} b {\n}\n"],
    ["unbalanced brackets", "a {\n  b = (\n}\n"],
    ["a missing closing brace", "a {\n  b = 1\n"],
    ["an unterminated comment", "a {\n}\n/* open\n"],
    ["a comment left open after a closing brace", "a {\n} /* open\n*/\n"],
  ])("GIVEN %s WHEN split THEN it cannot be split (the tool gets the whole text)", (_what, text) => {
    expect(splitTopLevel(text)).toBeUndefined();
  });

  test("GIVEN comments WHEN split THEN the pieces say on which facing lines they may be", () => {
    const [a, b, c] = blocks('a {\n  x = "http://u"\n}\nb { # c\n  y = 1\n}\nc {\n  z = "#"\n} // end\n');
    expect(a.comments).toEqual({ any: false, firstLine: false, lastLine: false });
    expect(b.comments).toEqual({ any: true, firstLine: true, lastLine: false });
    // A `#` in a string that is not a hole may be reported: over-reporting is safe.
    expect(c.comments.lastLine).toBe(true);
  });

  test("GIVEN comment lines between arguments and blocks WHEN split THEN the uncommented skeleton leaves them out, and only them", () => {
    const text = 'resource "a" "b" { # kept\n  # dropped\n  x = 1 # kept\n  // dropped\n  y = [\n    # kept: inside an expression\n    1,\n  ]\n  z = <<EOT\n# kept: heredoc text\nEOT\n  nested {\n    # dropped\n  }\n}\n';
    const block = onlyBlock(text);
    expect(block.uncommented).toBe(block.skeleton.replace(/^[ \t]*(#|\/\/) dropped\n/gm, ""));
    expect(block.uncommented).not.toContain("dropped");
    expect(block.uncommented.match(/kept/g)).toHaveLength(4);
  });

  test("GIVEN a block comment in a block WHEN split THEN no comment line is left out (one could close it)", () => {
    const block = onlyBlock("locals {\n  /* open\n  # inside */\n  a = 1\n}\n");
    expect(block.uncommented).toBe(block.skeleton);
  });

  test("GIVEN CRLF line ends WHEN split THEN the CR stays in the skeleton after the hole", () => {
    const block = onlyBlock('locals {\r\n  a = "x"  \r\n}\r\n');
    expect(block.holes).toEqual([{ kind: "string", source: '"x"' }]);
    expect(block.skeleton).toBe(`locals {\r\n  a = ${placeholder(0)}  \r\n}\r\n`);
  });
});

describe("placeholderIndex", () => {
  test("GIVEN a placeholder's content WHEN read THEN it gives the index; anything else gives undefined", () => {
    expect(placeholderIndex(placeholder(12).slice(1, -1))).toBe(12);
    expect(placeholderIndex(placeholder(12))).toBeUndefined();
    expect(placeholderIndex("12")).toBeUndefined();
  });
});
