/**
 * No code kept in strings in src/: what runs is what tsc type-checks and compiles. The worker
 * thread runs a module of its own (src/cli/worker-thread.ts), not evaluated source text.
 */
import { readFileSync } from "fs";
import { relative } from "path";
import { sourceFiles, SRC } from "./source-graph";

const EVALUATES = [/\beval\s*\(/, /\beval\s*:\s*true\b/, /\bnew\s+Function\s*\(/, /\bvm\.run|\brunIn(?:New|This)?Context\s*\(/];

test("GIVEN the sources of src/ (generated bindings aside) THEN none evaluates code from a string (eval, a Worker's eval: true, new Function, vm)", () => {
  const found = sourceFiles(SRC).flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (EVALUATES.some((re) => re.test(line)) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(found).toEqual([]);
});

test("GIVEN a line that evaluates code THEN the check above finds it", () => {
  const lines = ['new Worker(SOURCE, { eval: true })', "eval(text)", 'new Function("a", body)', "vm.runInThisContext(code)"];
  expect(lines.filter((line) => EVALUATES.some((re) => re.test(line)))).toEqual(lines);
});
