/**
 * A cdktf app synthesized twice: as written (the cdk.tf.json `grafana-sa migrate` reads), and
 * with migrateLegacyKeys on its stack. The CLI's output for the first (rewritten file and
 * generated .tf.json, merged as Terraform reads one module) must equal the second.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { App, TerraformStack } from "cdktf";
import { migrateLegacyKeys, MigrateLegacyKeysOptions } from "../../src/constructs/migrate-legacy-keys";
import { mergeTerraformJson } from "../../src/planning/merge-json";
import { grafanaSa, Run } from "../cli/support";

export type AppBuilder = (app: App) => TerraformStack;

/** Synthesizes the app into outdir; returns the stack's directory. */
export function synthApp(build: AppBuilder, outdir: string, migrate?: MigrateLegacyKeysOptions): string {
  const app = new App({ outdir, skipValidation: false });
  const stack = build(app);
  if (migrate) migrateLegacyKeys(stack, migrate);
  app.synth();
  return join(outdir, "stacks", stack.node.id);
}

export const readJson = (file: string): any => JSON.parse(readFileSync(file, "utf8"));

/** `grafana-sa migrate DIR --out OUT --format json` and the merge of what it wrote. */
export function cliMigrated(stackDir: string, out: string, args: string[] = []): { run: Run; merged?: any } {
  const run = grafanaSa(["migrate", stackDir, "--out", out, "--format", "json", ...args], { cwd: stackDir });
  if (run.code !== 0) return { run };
  const files = readdirSync(out).filter((f) => f.endsWith(".tf.json"));
  const generated = files.filter((f) => f !== "cdk.tf.json");
  expect(generated).toHaveLength(1);
  return { run, merged: mergeTerraformJson(readJson(join(out, "cdk.tf.json")), readJson(join(out, generated[0]))) };
}

/** CLI flags for the same options. */
export function cliArgs(options: MigrateLegacyKeysOptions): string[] {
  return [
    ...(options.strategy ? ["--strategy", options.strategy] : []),
    ...(options.accountName ? ["--account-name", options.accountName] : []),
    ...(options.tokenName ? ["--token-name", options.tokenName] : []),
    ...(options.revokeLegacy ? ["--revoke-legacy"] : []),
    ...(options.adopt === true ? ["--adopt"] : []),
  ];
}
