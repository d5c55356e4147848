/**
 * The layers of ARCHITECTURE.md: each folder of src/ imports (type-only imports too) only the
 * folders below it. src/hcl and src/model stand on nothing; planning on them; the constructs
 * and the reports on planning; the CLI on everything; nothing on the CLI.
 */
import { readFileSync } from "fs";
import { join, relative, sep } from "path";
import { allImports, sourceFiles, SRC } from "./source-graph";

const BELOW: Record<string, readonly string[]> = {
  model: [],
  hcl: [],
  planning: ["hcl", "model"],
  synth: ["hcl"],
  report: ["planning", "hcl", "model"],
  constructs: ["report", "planning", "hcl", "model"],
  cli: ["constructs", "report", "synth", "planning", "hcl", "model"],
};

/** The folder of src/ a module is in; "" for src/index.ts and src/cdk-runtime.ts, the package's entry points. */
const layer = (file: string) => (relative(SRC, file).includes(sep) ? relative(SRC, file).split(sep)[0] : "");

/** The imports of `file` that reach a folder its layer may not use. */
export function upwardImports(file: string, imports: readonly string[]): string[] {
  const from = layer(file);
  return imports.filter((target) => {
    const to = layer(target);
    if (to === from) return false;
    if (to === "cli") return true;
    // The package's entry points sit above every folder: no folder imports them.
    if (to === "") return true;
    return from !== "" && !(BELOW[from] ?? []).includes(to);
  });
}

test("GIVEN src/ WHEN every import is followed THEN each folder uses only the folders below it", () => {
  const found = sourceFiles(SRC).flatMap((file) => upwardImports(file, allImports(file)).map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`));
  expect(found).toEqual([]);
});

test("GIVEN a planner that imports the CLI, or hcl that imports planning THEN each is reported; planning importing hcl is not", () => {
  const at = (path: string) => `${SRC}${sep}${path.split("/").join(sep)}`;
  expect(upwardImports(at("planning/plan.ts"), [at("cli/layout.ts"), at("hcl/file.ts"), at("model/ttl.ts")])).toEqual([at("cli/layout.ts")]);
  expect(upwardImports(at("hcl/file.ts"), [at("planning/plan.ts"), at("hcl/blocks.ts")])).toEqual([at("planning/plan.ts")]);
  expect(upwardImports(at("index.ts"), [at("cli/index.ts"), at("planning/plan.ts")])).toEqual([at("cli/index.ts")]);
  expect(upwardImports(at("planning/plan.ts"), [at("cdk-runtime.ts")])).toEqual([at("cdk-runtime.ts")]);
});

test("GIVEN src/ THEN only src/hcl/tools.ts loads hcl2json and hclwrite (the worker thread calls it too)", () => {
  const loaders = sourceFiles(SRC).filter((file) => /["']@cdktf\/(hcl2json|hcl-tools)["']/.test(readFileSync(file, "utf8")));
  expect(loaders.map((file) => relative(SRC, file))).toEqual([join("hcl", "tools.ts")]);
});
