// @ts-check
"use strict";
/**
 * Preparation, not measured: parses a corpus with @cdktf/hcl2json, plans the migration with
 * the compiled library and writes the parts of the plan that MigrationStack renders as JSON.
 * Usage: node plan.js <libDir> <corpusDir> <out.json>
 */
const { readdirSync, readFileSync, writeFileSync } = require("fs");
const { join, resolve } = require("path");

async function main() {
  const [libDir, corpusDir, out] = process.argv.slice(2);
  const lib = require(resolve(libDir, "src"));
  const { parse } = require("@cdktf/hcl2json");
  const files = [];
  for (const name of readdirSync(corpusDir).filter((n) => n.endsWith(".tf")).sort()) {
    const path = join(corpusDir, name);
    const text = readFileSync(path, "utf8");
    files.push({ path, format: "hcl", text, doc: await parse(path, text) });
  }
  const plan = lib.planMigration(files);
  const errors = plan.diagnostics.filter((d) => d.level === "error");
  if (errors.length) throw new Error(`the generated corpus does not plan cleanly:\n${errors.slice(0, 5).map((d) => d.message).join("\n")}`);
  const { strategy, accounts, tokens, removals, requiredVersion, declaresRequiredProviders } = plan;
  writeFileSync(out, JSON.stringify({ strategy, accounts, tokens, removals, requiredVersion, declaresRequiredProviders, files: [], rewrites: [], entries: [], ignored: [], diagnostics: [] }));
  console.log(JSON.stringify({ accounts: accounts.length, tokens: tokens.length, removals: removals.length, warnings: plan.diagnostics.length }));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
