/** Inputs that are not what they claim: binary files, and where a JSON syntax error is. */
import { isText, jsonSyntaxError } from "../../src/cli/input-errors";

function errorOf(text: string) {
  try {
    JSON.parse(text);
  } catch (err) {
    return jsonSyntaxError(text, (err as Error).message);
  }
  throw new Error("expected a JSON syntax error");
}

describe("jsonSyntaxError", () => {
  test.each([
    ["{ nope", { line: 1, column: 3, message: "Expected property name or '}'" }],
    ['{\n  "resource": {\n    "x": 1,\n  }\n}\n', { line: 4, column: 3, message: "Expected double-quoted property name" }],
    ['{"a": 1', { line: 1, column: 8, message: "Expected ',' or '}' after property value" }],
    ["", { line: 1, column: 1, message: "Unexpected end of JSON input" }],
    ['{\n  "a":\n  "b"\n', { line: 4, column: 1, message: "Expected ',' or '}' after property value" }],
    ["{} x", { line: 1, column: 4, message: "Unexpected non-whitespace character after JSON" }],
    ['{"a":"\\q"}', { line: 1, column: 8, message: "Bad escaped character" }],
  ])("GIVEN %j WHEN it fails to parse THEN the error is at a line and column, with the parser's words", (text, expected) => {
    expect(errorOf(text)).toEqual(expected);
  });

  test("GIVEN an unexpected token WHEN it fails THEN its place is found, and the parser's quote of the text (maybe a secret) is dropped", () => {
    const text = "[\n glsa_0123456789]";
    expect(() => JSON.parse(text)).toThrow(/glsa_0123456789/);
    expect(errorOf(text)).toEqual({ line: 2, column: 2, message: "Unexpected token 'g'" });
    expect(errorOf('{\n  "token": "x",\n  "b": tru}\n')).toEqual({ line: 3, column: 11, message: "Unexpected token '}'" });
    expect(errorOf("[1,2,]")).toEqual({ line: 1, column: 6, message: "Unexpected token ']'" });
  });
});

describe("isText", () => {
  test.each([
    ["UTF-8 text", Buffer.from('name = "ключ ✓"\n'), true],
    ["an empty file", Buffer.alloc(0), true],
    ["Latin-1 bytes", Buffer.from([0x6e, 0x61, 0xe9, 0x0a]), false],
    ["a NUL byte", Buffer.from("a\u0000b"), false],
    ["gzip", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff]), false],
  ])("GIVEN %s THEN isText is %s", (_, bytes, expected) => {
    expect(isText(bytes)).toBe(expected);
  });
});
