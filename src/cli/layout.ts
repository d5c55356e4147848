/**
 * Where each output file goes, for --out and --in-place. Pure: paths and contents in, a file
 * list out; write-outputs.ts writes it.
 */
import { join, relative, resolve } from "path";
import type { RewrittenFile } from "../planning/plan";
import { outputError, usageError } from "./errors";
import type { InputFile, Inputs } from "./read-inputs";
import type { OptionValues } from "./command-types";

export type Format = "hcl" | "json" | "both";

export interface Target {
  readonly mode: "out" | "in-place" | "none";
  /** Absolute directory written to: DIR, or the inputs' directory in place. */
  readonly dir: string;
  /** The same, as shown to the user. */
  readonly display: string;
}

export interface PlannedFile {
  /** Relative to Target.dir. */
  readonly rel: string;
  readonly display: string;
  readonly content: string;
  /**
   * A rewritten input's content is known from the plan; the others are rendered after.
   * "deleted": an input the rewrite left empty, which --in-place removes (with a backup).
   * "copied": a file of the inputs' directory carried unchanged to DIR (.terraform.lock.hcl).
   */
  readonly kind: "input" | "generated" | "report" | "deleted" | "copied";
  /** A rewritten input's original: its InputFile.display (and SourceFile.path). */
  readonly source?: string;
}

export interface Layout {
  readonly files: PlannedFile[];
  /** Directories (as shown) that are Terraform modules to run terraform in. */
  readonly moduleDirs: string[];
  /** Inputs (as shown) left empty by the rewrite: not written, or deleted in place. */
  readonly removed: string[];
}

/** The files a layout writes (as shown), without those it deletes. */
export const writtenFiles = (l: Layout): string[] => l.files.filter((f) => f.kind !== "deleted").map((f) => f.display);

/** Usage checks on the output flags, before any input is read: --out, --in-place or --dry-run is needed. */
export function checkOutputFlags(values: OptionValues): void {
  if (values["in-place"] && values.out !== undefined) throw usageError("--in-place and --out exclude each other.");
  if (values["in-place"] && values.format === "both") throw usageError("--format both needs --out DIR (two module directories); it cannot be used with --in-place.");
  if (values.format !== undefined && !["hcl", "json", "both"].includes(values.format as string)) throw usageError(`--format must be hcl, json or both, not "${values.format}".`);
  if (!values["in-place"] && values.out === undefined && !values["dry-run"]) throw usageError("missing --out DIR (or --in-place, or --dry-run).");
}

/** Where the outputs go, once the inputs are known. */
export function outputTarget(values: OptionValues, inputs: Inputs, cwd: string): Target {
  checkOutputFlags(values);
  if (values["in-place"]) {
    if (inputs.files.length === 0) throw usageError("--in-place needs .tf or .tf.json inputs to rewrite.");
    if (new Set(inputs.files.map((f) => join(f.abs, ".."))).size > 1) throw usageError("--in-place needs every input in one directory (one Terraform module); use --out DIR for inputs from several directories.");
    return { mode: "in-place", dir: inputs.root, display: relative(cwd, inputs.root) || "." };
  }
  if (typeof values.out === "string") return { mode: "out", dir: resolve(cwd, values.out), display: values.out };
  return { mode: "none", dir: inputs.root, display: "" };
}

export function resolveFormat(values: OptionValues, inputs: Inputs): Format {
  const format = values.format;
  if (format === undefined) return inputs.files.length > 0 && inputs.files.every((f) => f.format === "json") ? "json" : "hcl";
  return format as Format;
}

/** The base name of the file migrate generates (grafana-service-accounts.tf, or -2, -3 ... beside an earlier one). */
export const MIGRATION_BASE = "grafana-service-accounts";
export const isMigrationFile = (name: string) => new RegExp(`^${MIGRATION_BASE}(-\\d+)?\\.tf(\\.json)?$`).test(name);

/** Generated file names: `<base>.tf` or `<base>.tf.json`. */
export const generatedName = (base: string, form: "hcl" | "json") => (form === "hcl" ? `${base}.tf` : `${base}.tf.json`);

export function layout(
  target: Target,
  inputs: InputFile[],
  rewritten: RewrittenFile[],
  /** undefined: nothing to generate, so only the reports are written (no input changes either). */
  generated: { readonly base: string; readonly hcl: string; readonly json: string } | undefined,
  format: Format,
  reports: { readonly name: string; readonly content: string }[],
  /** Files carried unchanged into each module directory of DIR; in place they are there already. */
  copied: readonly { readonly name: string; readonly content: string }[] = [],
): Layout {
  const files: PlannedFile[] = [];
  const taken = new Set<string>();
  const show = (rel: string) => (target.display && target.display !== "." ? join(target.display, rel) : rel);
  const add = (rel: string, content: string, kind: PlannedFile["kind"], source?: string) => {
    if (taken.has(rel)) throw outputError(`two outputs would be written to ${show(rel)}: an input has the name of a generated file. Rename the input first.`);
    taken.add(rel);
    files.push({ rel, display: show(rel), content, kind, ...(source === undefined ? {} : { source }) });
  };
  const forms: ("hcl" | "json")[] = format === "both" ? ["hcl", "json"] : [format];
  const byPath = new Map(rewritten.map((r) => [r.path, r]));
  const removed = inputs.filter((i) => byPath.get(i.display)?.deleted).map((i) => i.display);
  for (const form of forms) {
    if (!generated) break;
    const dir = format === "both" ? form : "";
    // An input may be an earlier run's generated file (migrate after a partial revert, or new
    // keys in a migrated module): the new one takes the next free name and leaves it as it is.
    let name = generatedName(generated.base, form);
    for (let n = 2; inputs.some((i) => i.rel === name); n++) name = generatedName(`${generated.base}-${n}`, form);
    for (const input of inputs) {
      const file = byPath.get(input.display);
      if (file?.deleted) {
        if (target.mode === "in-place") add(input.rel, "", "deleted", input.display);
      } else if (file && (target.mode !== "in-place" || file.changed)) add(join(dir, input.rel), file.content, "input", input.display);
    }
    add(join(dir, name), generated[form], "generated");
    if (target.mode !== "in-place") for (const c of copied) add(join(dir, c.name), c.content, "copied");
  }
  for (const report of reports) add(report.name, report.content, "report");
  const moduleDirs = format === "both" ? forms.map((f) => show(f)) : [target.display || "."];
  return { files, moduleDirs, removed };
}
