/**
 * src/planning is pure planning (#14): documents and HclFile in, a typed plan out. How src/hcl
 * reads HCL text (the scanner's mask, the parse cache's skeletons, fragments and placeholders,
 * formatting) is src/hcl's own: planning imports none of those modules and names none of
 * their masks, placeholders or caches.
 */
import { readdirSync, readFileSync } from "fs";
import { basename, dirname, join, relative, resolve } from "path";
import * as ts from "typescript";

const SRC = resolve(__dirname, "../../src");
const HCL = join(SRC, "hcl");
const PLANNING = join(SRC, "planning");

/** src/hcl's modules that only src/hcl may use. */
const isPrivateHcl = (file: string) => dirname(file) === HCL && /^(scan|clean|fragments|parse|skeleton[\w-]*|format[\w-]*)\.ts$/.test(basename(file));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

function parsed(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** Every module a file names: imports and re-exports (type-only too) and lazy import()s. */
function importedModules(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) specifiers.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) specifiers.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith(".")).map((s) => `${resolve(dirname(source.fileName), s)}.ts`);
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

const planning = tsFiles(PLANNING).map(parsed);
// The names the private modules give their masks, placeholders and caches.
const privateNames = new Set(
  tsFiles(HCL)
    .filter(isPrivateHcl)
    .flatMap((f) => [...identifiers(parsed(f))])
    .filter((name) => /mask|placeholder|cache/i.test(name)),
);

test("the private modules and their names are known (a rename must not leave this test checking nothing)", () => {
  expect(tsFiles(HCL).filter(isPrivateHcl).map((f) => basename(f))).toEqual(expect.arrayContaining(["scan.ts", "parse.ts", "skeleton.ts", "fragments.ts", "format.ts", "clean.ts"]));
  expect([...privateNames]).toEqual(expect.arrayContaining(["maskHcl", "maskTemplate", "placeholder", "cache"]));
});

test.each(planning.map((s) => [relative(SRC, s.fileName), s] as const))("%s imports none of src/hcl's private modules", (_, source) => {
  expect(importedModules(source).filter(isPrivateHcl).map((f) => relative(SRC, f))).toEqual([]);
});

test.each(planning.map((s) => [relative(SRC, s.fileName), s] as const))("%s names no mask, and none of src/hcl's placeholders or caches", (_, source) => {
  expect([...identifiers(source)].filter((name) => /mask/i.test(name) || privateNames.has(name))).toEqual([]);
  // Nor does it talk of masked text in its comments: what it is given is text.
  expect(source.text.match(/\w*mask\w*/gi) ?? []).toEqual([]);
});
