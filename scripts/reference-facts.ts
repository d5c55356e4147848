/**
 * Makes (or checks) the repository's facts-only copies of the Grafana provider's real schemas.
 *
 * The team keeps the full `terraform providers schema -json` output of real provider releases in
 * ../shared/reference, which a user who clones this repository does not have. The tests, the
 * build and the e2e tier read only these copies, in schema/reference/: the same files with every
 * description, summary and deprecation message dropped (names, types, flags and block nesting
 * are all that is kept; the provider's prose is not ours to ship).
 *
 *   npm run reference            write schema/reference/ from ../shared/reference
 *   npm run reference -- --check fail when schema/reference/ is not in step (CI, when ../shared
 *                                is present), or when our own schema subset copies a description
 *   --from DIR                   read the full schemas from DIR instead of ../shared/reference
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join, relative, resolve } from "path";

const ROOT = resolve(__dirname, "..");
const OUT_DIR = join(ROOT, "schema", "reference");
const SUBSET_FILE = join(ROOT, "schema", "grafana-provider.subset.json");
const FILES = [
  "grafana-provider-schema.v1.43.0.json",
  "grafana-provider-schema.v2.19.0.json",
  "grafana-provider-schema.v4.45.1.json",
  "grafana-legacy-resources.v2.19.0.json",
];
/** Prose, not facts: dropped wherever it is a text (an attribute may be named `description`). */
const PROSE = new Set(["description", "description_kind", "summary", "deprecation_message", "//"]);

function withoutProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProse);
  if (typeof value !== "object" || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (!(PROSE.has(key) && typeof inner === "string")) kept[key] = withoutProse(inner);
  return kept;
}

export function factsOf(name: string, full: unknown): string {
  const note = `Facts-only copy of ${name} (terraform providers schema -json of a real grafana/grafana release): descriptions dropped. Made by scripts/reference-facts.ts; do not edit.`;
  return `${JSON.stringify({ "//": note, ...(withoutProse(full) as object) }, null, 1)}\n`;
}

/** Every text of our own subset that repeats, word for word, a description of the real provider. */
function copiedDescriptions(fromDir: string): string[] {
  const theirs = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "description" && typeof inner === "string" && inner.trim() !== "") theirs.add(inner.trim());
        else collect(inner);
      }
    }
  };
  for (const name of FILES) collect(JSON.parse(readFileSync(join(fromDir, name), "utf8")));
  const copied: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value !== "object" || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === "description" && typeof inner === "string" && theirs.has(inner.trim())) copied.push(`${path}: ${JSON.stringify(inner)}`);
      else walk(inner, path ? `${path}.${key}` : key);
    }
  };
  walk(JSON.parse(readFileSync(SUBSET_FILE, "utf8")), "");
  return copied;
}

function main(args: string[]): number {
  const check = args.includes("--check");
  const fromAt = args.indexOf("--from");
  const fromDir = resolve(fromAt >= 0 ? args[fromAt + 1] ?? "" : join(ROOT, "..", "shared", "reference"));
  if (!existsSync(fromDir)) {
    const message = `reference-facts: ${fromDir} not found; the full schemas live only on the team's machines.`;
    if (check) {
      console.log(`${message} Check skipped: the facts in ${relative(ROOT, OUT_DIR)}/ are used as committed.`);
      return 0;
    }
    console.error(`${message} Pass --from DIR.`);
    return 2;
  }
  const problems: string[] = [];
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of FILES) {
    const facts = factsOf(name, JSON.parse(readFileSync(join(fromDir, name), "utf8")));
    const target = join(OUT_DIR, name);
    if (!check) writeFileSync(target, facts);
    else if (!existsSync(target) || readFileSync(target, "utf8") !== facts) problems.push(`${relative(ROOT, target)} is not in step with ${join(fromDir, basename(name))}; run npm run reference`);
  }
  for (const copy of copiedDescriptions(fromDir)) problems.push(`schema/grafana-provider.subset.json ${copy} copies the provider's description; write it in our own words`);
  for (const problem of problems) console.error(`reference-facts: ${problem}`);
  if (problems.length === 0) console.log(`reference-facts: ${check ? "in step with" : "written from"} ${fromDir}`);
  return problems.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
