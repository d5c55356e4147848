/**
 * src/planning is pure planning (#14): documents and HclFile in, a typed plan out. How src/hcl
 * reads HCL text (the scanner's mask, the parse cache's skeletons, fragments and placeholders,
 * formatting) is src/hcl's own: planning imports none of those modules and names none of
 * their masks, placeholders or caches.
 */
import { readFileSync } from "fs";
import { basename, dirname, join, relative } from "path";
import * as ts from "typescript";
import { allImports, sourceFiles, SRC } from "./source-graph";

const HCL = join(SRC, "hcl");
const PLANNING = join(SRC, "planning");

/** src/hcl's modules that only src/hcl may use. */
const isPrivateHcl = (file: string) => dirname(file) === HCL && /^(scan|clean|fragments|parse|skeleton[\w-]*|format[\w-]*)\.ts$/.test(basename(file));

function parsed(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

function identifiers(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

const planning = sourceFiles(PLANNING).map(parsed);
// The names the private modules give their masks, placeholders and caches.
const privateNames = new Set(
  sourceFiles(HCL)
    .filter(isPrivateHcl)
    .flatMap((f) => [...identifiers(parsed(f))])
    .filter((name) => /mask|placeholder|cache/i.test(name)),
);

test("the private modules and their names are known (a rename must not leave this test checking nothing)", () => {
  expect(sourceFiles(HCL).filter(isPrivateHcl).map((f) => basename(f))).toEqual(expect.arrayContaining(["scan.ts", "parse.ts", "skeleton.ts", "fragments.ts", "format.ts", "clean.ts"]));
  expect([...privateNames]).toEqual(expect.arrayContaining(["maskHcl", "maskTemplate", "placeholder", "cache"]));
});

test.each(planning.map((s) => [relative(SRC, s.fileName), s] as const))("%s imports none of src/hcl's private modules", (_, source) => {
  expect(allImports(source.fileName, source.text).filter(isPrivateHcl).map((f) => relative(SRC, f))).toEqual([]);
});

test.each(planning.map((s) => [relative(SRC, s.fileName), s] as const))("%s names no mask, and none of src/hcl's placeholders or caches", (_, source) => {
  expect([...identifiers(source)].filter((name) => /mask/i.test(name) || privateNames.has(name))).toEqual([]);
  // Nor does it talk of masked text in its comments: what it is given is text.
  expect(source.text.match(/\w*mask\w*/gi) ?? []).toEqual([]);
});
