import { mkdirSync, writeFileSync } from "fs";
import { join, relative, sep } from "path";
import { Annotations, App, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { hasErrors, MigrationOptions } from "../planning/plan";
import type { TfDocument } from "../hcl/tf-json";
import { readVersion } from "../report/package-info";
import { phaseSteps, Step } from "../report/phase-steps";
import { LegacyConstruct, RenderContext, reportJson, reportMarkdown } from "../report/render";
import { creationSite } from "./creation-site";
import { InPlaceMigration, migrateDocument } from "./in-place";

/** The options of `grafana-sa migrate`: strategy, names, adopt (with IDs) and revokeLegacy. */
export type MigrateLegacyKeysOptions = MigrationOptions;

const REPORTS = ["MIGRATION-REPORT.md", "migration-report.json"] as const;
const migrated = new WeakSet<TerraformStack>();

/**
 * Migrates the stack's legacy API keys in place, at synth: every `grafana_api_key` and
 * `grafana_cloud_stack_api_key` in its document (the project's ApiKey constructs, or L1s of any
 * bindings) becomes what `grafana-sa migrate` makes of that stack's cdk.tf.json: a service
 * account and token, a `removed` block, the provider pin, and every reference rewritten. The
 * stack keeps its name and backend, so its state sees the removed and import blocks. The
 * report is written beside the stack's cdk.tf.json, and its warnings become annotations.
 *
 * Phase 2: drop this call and replace the constructs the report lists.
 */
export function migrateLegacyKeys(stack: TerraformStack, options: MigrateLegacyKeysOptions = {}): void {
  if (!TerraformStack.isStack(stack)) throw new Error("migrateLegacyKeys takes a TerraformStack");
  if (migrated.has(stack)) throw new Error(`${stack.node.path}: migrateLegacyKeys is called twice on this stack; call it once, with all options.`);
  migrated.add(stack);
  const render = stack.toTerraform.bind(stack);
  stack.toTerraform = () => {
    const result = migrateDocument(render() as TfDocument, options);
    if (!result.document) throw new Error(`${stack.node.path}: the legacy keys cannot be migrated:\n${errorLines(result).join("\n")}`);
    return result.document;
  };
  // Custom synthesis runs after validation and before cdktf collects annotations and writes the
  // document: the place to annotate and to write the reports beside the stack. cdktf and CDK
  // Terrain both look the hook up by this symbol (their addCustomSynthesis is not exported).
  const hook = new Construct(stack, "MigrateLegacyKeys");
  Object.defineProperty(hook, Symbol.for("cdktf/customSynthesis"), {
    value: { onSynthesize: (session: Session) => onSynthesize(stack, render() as TfDocument, options, session) },
    enumerable: false,
  });
}

interface Session {
  readonly outdir: string;
  readonly manifest: { forStack(stack: TerraformStack): { readonly workingDirectory: string } };
}

function onSynthesize(stack: TerraformStack, doc: TfDocument, options: MigrationOptions, session: Session): void {
  const notes = Annotations.of(stack);
  if (App.of(stack).hclOutput) {
    notes.addError("GRAFANA-MIGRATE-HCL: migrateLegacyKeys rewrites the stack's Terraform JSON; synthesize without --hcl (grafana-sa migrate turns the synthesized cdk.tf.json into HCL).");
    return;
  }
  const result = migrateDocument(doc, options);
  for (const d of result.plan.diagnostics) {
    const text = `${d.code}: ${d.message}`;
    if (d.level === "error") notes.addError(text);
    else if (d.level === "warning") notes.addWarning(text);
    else notes.addInfo(text);
  }
  if (hasErrors(result.plan)) return;
  if (result.plan.entries.length === 0 && result.plan.ignored.length === 0) {
    notes.addWarning("GRAFANA-MIGRATE-NOTHING: the stack holds no legacy API key; remove the migrateLegacyKeys call (phase 2 is done in code).");
    return;
  }
  const dir = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
  mkdirSync(dir, { recursive: true });
  const ctx = reportContext(stack, result, dir);
  writeFileSync(join(dir, REPORTS[0]), reportMarkdown(result.plan, ctx));
  writeFileSync(join(dir, REPORTS[1]), reportJson(result.plan, ctx));
}

function reportContext(stack: TerraformStack, result: InPlaceMigration, dir: string): RenderContext {
  const shown = (path: string) => relative(process.cwd(), path).split(sep).join("/") || ".";
  const stackDir = shown(dir);
  const file = `${stackDir}/cdk.tf.json`;
  const base = { version: readVersion(), format: "json" as const, written: [file, ...REPORTS.map((r) => `${stackDir}/${r}`)], moduleDirs: [stackDir], outputs: result.outputs, shown: { inputs: new Map([["cdk.tf.json", file]]), generated: file } };
  return { ...base, steps: cdktfSteps(phaseSteps(result.plan, base), stack), constructs: legacyConstructs(stack, result.plan.entries.map((e) => e.legacy)) };
}

/** The CLI's steps, with its phase-2 `grafana-sa finish` done in the app's code. */
function cdktfSteps(steps: Step[], stack: TerraformStack): Step[] {
  return steps.map((s) =>
    s.phase === 2 && s.command.startsWith("grafana-sa finish")
      ? {
          phase: 2,
          command: "cdktf synth",
          why: `Once phase 1 is applied (the legacy keys are out of the state), finish in the app's code: remove migrateLegacyKeys(${stack.node.id}), replace each construct listed under "Constructs to replace" with the account and token this report names for it (ServiceAccount and ServiceAccountToken with the same names and Terraform addresses, overrideLogicalId where the construct path differs), and raise the grafana provider constraint to ~> 4.0 (3.0 removed the legacy key types). Then synthesize: the stack no longer holds removed or import blocks.`,
        }
      : s,
  );
}

/** Each migrated key's construct, and where the app created it when that was recorded (ApiKey and CloudStackApiKey do). */
function legacyConstructs(stack: TerraformStack, addresses: string[]): LegacyConstruct[] {
  const byAddress = new Map<string, IConstruct>();
  for (const node of stack.node.findAll()) {
    const r = node as IConstruct & { terraformResourceType?: string; friendlyUniqueId?: string };
    if (typeof r.terraformResourceType === "string" && TerraformStack.of(node) === stack) byAddress.set(`${r.terraformResourceType}.${r.friendlyUniqueId}`, node);
  }
  return addresses.map((address) => {
    const node = byAddress.get(address);
    const createdAt = node && creationSite(node);
    return { address, path: node?.node.path ?? "(an override, no construct)", ...(createdAt ? { createdAt } : {}) };
  });
}

function errorLines(result: InPlaceMigration): string[] {
  return result.plan.diagnostics.filter((d) => d.level === "error").map((d) => `${d.code}: ${d.message}`);
}
