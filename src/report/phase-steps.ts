/**
 * The commands to run after a migration, in order, each with why: phase 1 runs on a provider
 * that still knows the legacy keys (they leave the state), phase 2 moves past them. One list:
 * migration-report.json holds it as `steps`, MIGRATION-REPORT.md renders it. Pure.
 */
import { engineCommand } from "../planning/engine";
import { amount, instanceCounts } from "../planning/instances";
import type { MigrationPlan } from "../planning/plan";
import { admits } from "../planning/provider-constraint";
import { providerAuth } from "../planning/rewrite-sites";

export interface Step {
  readonly phase: 1 | 2;
  /** Plain shell words, pasted as they are in the module directory. */
  readonly command: string;
  readonly why: string;
}

/** What the steps need besides the plan. */
export interface StepContext {
  /** The grafana release in the carried .terraform.lock.hcl; undefined: unknown. */
  readonly lockedGrafanaVersion?: string;
  /** Sensitive outputs of the tokens' secrets, by name. */
  readonly outputs: readonly { readonly name: string }[];
  /** Where inputs are written, to name a provider's file as the user finds it. */
  readonly shown?: ShownPaths;
}

/** A word the shell passes as it is: quoted when it holds anything but plain address characters. */
export const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

export function phaseSteps(plan: MigrationPlan, ctx: StepContext): Step[] {
  if (plan.entries.length === 0) return [];
  const tf = engineCommand(plan.engine ?? "terraform");
  const steps: Step[] = [initStep(plan, ctx, tf)];
  const targeted = targetedApply(plan, tf, ctx.shown);
  if (targeted) steps.push(targeted);
  const counts = instanceCounts(plan);
  const revokes = plan.removals.some((r) => r.destroy);
  const noRefresh = noRefreshWhy(plan);
  const read = ctx.outputs.length > 0 ? ` (${tf} output -raw ${ctx.outputs[0].name}, and so on for each sensitive output)` : "";
  steps.push(
    { phase: 1, command: `${tf} plan${noRefresh ? " -refresh=false" : ""} -out=tfplan`, why: `Saves the plan to check before applying it: it ${revokes ? `destroys (revokes) ${amount(counts.toDestroy)} legacy key(s)` : `forgets ${amount(counts.toForget)} legacy key(s) (removed blocks: they keep working)`} and creates ${amount(counts.toAdd)} account(s) and token(s)${targeted ? ", less those the targeted apply created" : ""}.${noRefresh ? ` ${noRefresh}` : ""}` },
    { phase: 1, command: `${tf} show -json tfplan > plan.json`, why: "The saved plan as JSON, for grafana-sa verify." },
    { phase: 1, command: "grafana-sa verify plan.json", why: "Checks the plan against migration-report.json: legacy keys only forgotten (or destroyed, with --revoke-legacy), no service account or token deleted or replaced, in-place updates only where a reference was rewritten. Exit 3: the plan is unsafe; do not apply it." },
    {
      phase: 1,
      command: `${tf} apply tfplan`,
      why: revokes
        ? `Applies exactly the checked plan, which revokes the legacy keys at once${plan.removals.some((r) => !r.destroy) ? " (those with prevent_destroy are only forgotten)" : ""}: move every consumer to its new token first${read}.`
        : `Applies exactly the checked plan. The legacy keys keep working: move every consumer to its new token${read}, then revoke the keys in Grafana (Administration > Users and access > API keys) once nothing uses them.`,
    },
    { phase: 2, command: "grafana-sa finish . --in-place", why: "Once phase 1 is applied (the legacy keys are out of the state): takes out the removed and import blocks the migration wrote and raises the grafana provider constraint to ~> 4.0 (3.0 removed the legacy key types), keeping backups of the files it changes." },
    { phase: 2, command: `${tf} init -upgrade`, why: "Installs the newer provider release the finished constraint admits." },
    { phase: 2, command: `${tf} plan`, why: "Expect no changes: the state holds the service accounts and tokens, and no legacy key." },
  );
  return steps;
}

/**
 * Why phase 1's plan skips the refresh, when the module holds Cloud stack keys (or runs 1.x). The provider reads
 * a grafana_cloud_stack_api_key through the Grafana Cloud API (a temporary admin service account
 * and token in the stack, so Cloud credentials are needed) and returns any error, a 404 included
 * (cloud/resource_cloud_stack_api_key.go, 2.19.0); Grafana 12.1 removed the key endpoints, so
 * there every refresh of such a key fails the plan. Without the refresh the plan forgets the
 * keys from the state as it is, still inside the saved plan that grafana-sa verify checks
 * (rather than `state rm`, which would forget them unchecked and could not revoke them).
 */
function noRefreshWhy(plan: MigrationPlan): string | undefined {
  const cloud = plan.entries.some((e) => e.legacyType === "grafana_cloud_stack_api_key");
  // 1.x releases return a key read's 404 as an error (grafana/resource_api_key.go at v1.43.0); 2.x drops the key with a warning.
  const constraints = plan.providerConstraints ?? [];
  const oneX = constraints.length > 0 && constraints.every((p) => !admits(p.constraint, "2.0.0"));
  if (!cloud && !oneX) return undefined;
  const what = cloud
    ? "the module holds Cloud stack keys (grafana_cloud_stack_api_key), which the provider can only refresh through the Grafana Cloud API (Cloud credentials, a temporary admin service account in the stack), and any error there fails the plan, a 404 included"
    : "the module runs a provider 1.x release, which fails the plan on any error reading a grafana_api_key, a 404 included";
  return `-refresh=false: ${what} (Grafana 12.1 removed the key endpoints). Without the refresh the plan forgets the keys as the state holds them, and verify still checks it. This plan also does not refresh other resources (drift made outside Terraform since the last apply is not seen in it); phase 2's plan refreshes everything again.`;
}

function initStep(plan: MigrationPlan, ctx: StepContext, tf: string): Step {
  const changed = (plan.providerConstraints ?? []).filter((p) => p.changed);
  const locked = ctx.lockedGrafanaVersion;
  const misfit = changed.filter((p) => locked === undefined || !admits(p.constraint, locked));
  const constraints = [...new Set((plan.providerConstraints ?? []).map((p) => `"${p.constraint}"`))].join(" and ");
  if (misfit.length > 0) {
    const lock = locked === undefined ? "the lock file's grafana release (if any) may not satisfy it" : `the lock file's grafana ${locked} does not satisfy it`;
    return { phase: 1, command: `${tf} init -upgrade`, why: `The grafana provider constraint changed to ${constraints} and ${lock}: -upgrade lets init choose a release that does (one that still knows the legacy keys, so they can leave the state).` };
  }
  return { phase: 1, command: `${tf} init`, why: `Installs a grafana provider release that ${constraints || "the module's constraint"} admits: one that still knows the legacy keys, so they can leave the state${changed.length > 0 ? `; the lock file's ${locked} already satisfies it` : ""}.` };
}

/**
 * Tokens created before the full plan: the ones provider blocks authenticate with (Terraform
 * cannot plan resources of a provider whose token is unknown), and with --revoke-legacy all
 * of them (Terraform destroys what left the configuration before it creates the new). Each
 * token's account comes with it as a dependency; a token with count or for_each is targeted
 * whole (the resource address targets every instance).
 */
function targetedApply(plan: MigrationPlan, tf: string, shown?: ShownPaths): Step | undefined {
  const auth = providerAuth(plan.rewrites, plan.tokens.map((t) => t.address));
  const revoke = plan.removals.some((r) => r.destroy);
  const targets = revoke ? plan.tokens.map((t) => t.address) : [...new Set(auth.flatMap((a) => a.tokens))];
  if (targets.length === 0) return undefined;
  const why = [
    ...auth.map((a) => `provider ${a.provider} (${shown?.inputs.get(a.file) ?? a.file}) authenticates with ${a.tokens.join(", ")}, which exists only after an apply, and Terraform cannot plan with an unknown token: this creates ${a.tokens.length === 1 ? "it" : "them"} (with ${a.tokens.length === 1 ? "its account" : "their accounts"}) first.`),
    ...(revoke ? [`Terraform destroys resources that left the configuration before it creates new ones, so one apply could revoke the legacy keys before their tokens exist: this creates every account and token first (${tf === "tofu" ? "OpenTofu >= 1.10 is needed for removed blocks that destroy" : "Terraform >= 1.7 is needed for removed blocks"}).`] : []),
  ];
  return { phase: 1, command: `${tf} apply ${targets.map((t) => shellWord(`-target=${t}`)).join(" ")}`, why: why.join(" ") };
}

/** Where the report's files are written, to name the file a constraint is in as the user finds it. */
export interface ShownPaths {
  /** Input path (SourceFile.path) to the path written. */
  readonly inputs: ReadonlyMap<string, string>;
  /** The generated file as written. */
  readonly generated?: string;
}

/** One module's constraint as migration-report.json states it. */
export interface ConstraintReport {
  readonly file: string | null;
  readonly line: number | null;
  readonly previous: string | null;
  readonly constraint: string;
  readonly changed: boolean;
  readonly reason: string;
}

export function constraintReports(plan: MigrationPlan, shown: ShownPaths): ConstraintReport[] {
  return (plan.providerConstraints ?? []).map((p) => ({
    file: p.generated ? shown.generated ?? null : p.file === undefined ? null : shown.inputs.get(p.file) ?? p.file,
    line: p.line ?? null,
    previous: p.previous ?? null,
    constraint: p.constraint,
    changed: p.changed,
    reason: p.reason,
  }));
}

/** The report's lines on the provider constraint: what changed from what to what, and why. */
export function constraintLines(reports: readonly ConstraintReport[]): string[] {
  return reports.map((r) => {
    const where = r.file === null ? "No file" : `\`${r.file}${r.line === null ? "" : `:${r.line}`}\``;
    if (!r.changed) return `${where}: \`${r.constraint}\` kept${r.reason ? `: ${r.reason}` : ": it admits only releases that can run phase 1."}`;
    return `${where}: ${r.previous === null ? "no version constraint" : `\`${r.previous}\``} -> \`${r.constraint}\`: ${r.reason}`;
  });
}

/** The steps as the Markdown report lists them, per phase, numbered on across both. */
export function stepLines(steps: readonly Step[], moduleDirs: readonly string[]): string[] {
  const out = [`Run these in ${moduleDirs.join(" and in ")}, in order (migration-report.json lists the same \`steps\`):`, ""];
  const titles = { 1: "Phase 1: on a provider that still knows the legacy keys", 2: "Phase 2: past the legacy keys, once phase 1 is applied and nothing uses the keys" };
  steps.forEach((s, i) => {
    if (i === 0 || steps[i - 1].phase !== s.phase) out.push(`### ${titles[s.phase]}`, "");
    out.push(`${i + 1}. \`${s.command}\``, `   ${s.why}`);
    if (i + 1 === steps.length || steps[i + 1].phase !== s.phase) out.push("");
  });
  return out;
}
