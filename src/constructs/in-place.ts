/**
 * A synthesized stack document migrated the way `grafana-sa migrate --format json` migrates
 * that stack's cdk.tf.json: the same planner, the rewritten file and the generated file merged
 * into one document (a cdktf stack writes one). No cdktf here: migrateLegacyKeys calls it.
 */
import { migrationBlocks } from "../planning/generated-config";
import { toTerraformJson } from "../hcl/config-blocks";
import { mergeTerraformJson } from "../planning/merge-json";
import { hasErrors, MigrationOptions, MigrationPlan, SourceFile } from "../planning/plan";
import { planMigration } from "../planning/plan-migration";
import type { TfDocument, TfObject, TfValue } from "../hcl/tf-json";
import { TokenOutput, tokenOutputs } from "../report/token-outputs";

export interface InPlaceMigration {
  readonly plan: MigrationPlan;
  readonly outputs: TokenOutput[];
  /** The migrated document; undefined when the plan has errors. Without keys, the input. */
  readonly document?: TfObject;
}

/**
 * `doc` as the stack's cdk.tf.json: cdktf writes it with sorted keys, and the planner takes keys
 * in the order the file lists them, so the document is read in that order too.
 */
export function migrateDocument(doc: TfDocument, options: MigrationOptions = {}, path = "cdk.tf.json"): InPlaceMigration {
  const sorted = sortKeys(doc as TfValue) as TfDocument;
  const source: SourceFile = { path, format: "json", text: `${JSON.stringify(sorted, null, 2)}\n`, doc: sorted };
  const plan = planMigration([source], options);
  if (hasErrors(plan)) return { plan, outputs: [] };
  // Only organization-level Cloud keys (left to the user): the CLI rewrites nothing either.
  if (plan.entries.length === 0) return { plan, outputs: [], document: sorted as TfObject };
  const outputs = tokenOutputs(plan, [source]);
  const rewritten = JSON.parse(plan.files[0].content) as TfObject;
  return { plan, outputs, document: mergeTerraformJson(rewritten, toTerraformJson(migrationBlocks(plan, outputs))) };
}

/** Object keys in code point order at every level, as json-stable-stringify writes them. */
function sortKeys(value: TfValue): TfValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as TfObject)[k])]));
}
