/**
 * No source file in src/ (the generated bindings in src/gen aside) over 300 lines: a file that
 * grows past that holds more than one idea, and is split where the ideas part.
 */
import { readFileSync } from "fs";
import { relative } from "path";
import { sourceFiles, SRC } from "./source-graph";

const MAX_LINES = 300;

/** Lines as an editor numbers them: a final newline ends the last line, it does not start one. */
export function lineCount(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

test(`GIVEN the sources of src/ (generated bindings aside) THEN none is over ${MAX_LINES} lines`, () => {
  const over = sourceFiles(SRC).flatMap((file) => {
    const lines = lineCount(readFileSync(file, "utf8"));
    return lines > MAX_LINES ? [`${relative(SRC, file)}: ${lines} lines`] : [];
  });
  expect(over).toEqual([]);
});

test("GIVEN texts with and without a final newline THEN lines are counted as an editor numbers them", () => {
  expect(lineCount("")).toBe(0);
  expect(lineCount("a")).toBe(1);
  expect(lineCount("a\n")).toBe(1);
  expect(lineCount("a\nb")).toBe(2);
  expect(lineCount("a\n\n")).toBe(2);
});
