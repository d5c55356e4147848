/**
 * No import cycles in src/: neither modules that load each other (statically or through a lazy
 * `import()`) at run time, nor modules that only name each other's types. Type-only imports
 * vanish when compiled, but a type cycle still ties two modules into one.
 */
import { join, relative } from "path";
import { allImports, cycles, runtimeImports, sourceFiles, SRC } from "./source-graph";

test("GIVEN src/ WHEN its run-time imports are followed THEN no module comes back to itself", () => {
  const graph = new Map(sourceFiles(SRC).map((f) => [f, runtimeImports(f)]));
  expect(cycles(graph).map((group) => group.map((f) => relative(SRC, f)))).toEqual([]);
});

// Both modules exist: an import resolves only to a file that is there.
test("GIVEN two modules that import each other, one lazily WHEN checked THEN that is a cycle; a type-only import is not", () => {
  const a = join(SRC, "cli", "read-files.ts");
  const b = join(SRC, "cli", "worker.ts");
  expect(runtimeImports(a, 'const w = () => import("./worker");')).toEqual([b]);
  expect(runtimeImports(b, 'import type { X } from "./read-files";\nimport { type Y } from "./read-files";')).toEqual([]);
  expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([[a, b].sort()]);
});

test("GIVEN src/ WHEN all its imports are followed, type-only ones too THEN no module comes back to itself", () => {
  const graph = new Map(sourceFiles(SRC).map((f) => [f, allImports(f)]));
  expect(cycles(graph).map((group) => group.map((f) => relative(SRC, f)))).toEqual([]);
});

test("GIVEN two modules that import only each other's types WHEN all imports are checked THEN that is a cycle", () => {
  const a = join(SRC, "cli", "read-files.ts");
  const b = join(SRC, "cli", "worker.ts");
  const graph = new Map([
    [a, allImports(a, 'import type { W } from "./worker";\nexport type { V } from "./worker";')],
    [b, allImports(b, 'import { type X } from "./read-files";\nlet y: import("./read-files").Y;')],
  ]);
  expect(graph.get(a)).toEqual([b, b]);
  expect(graph.get(b)).toEqual([a, a]);
  expect(cycles(graph)).toEqual([[a, b].sort()]);
});
