/**
 * The whole way from a legacy stack to a current provider, as the migration report tells an
 * operator to go: a legacy module applied on a 1.x or 2.x provider, `grafana-sa migrate --out`,
 * then every step of migration-report.json's `steps`, in order, in the module's directory
 * (phase 1: init, bootstrap apply, plan, verify, apply; phase 2: finish, init -upgrade, plan),
 * ending with a plan that has no changes on the 4.x provider. `grafana-sa verify` must pass each
 * phase-1 plan and refuse the same plan made unsafe. Nothing is destroyed that was not asked for.
 *
 * Terraform commands run as written, with -input=false, and -auto-approve where an apply has no
 * saved plan (the report is for people; a test cannot answer prompts).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describeEachProviderSet, ensureBuiltCli, migrateWithCli, prepareDoubleWorkdir, stateResources } from "./support/provider-double";
import { PROJECT_ROOT } from "./support/terraform";
import { grafanaSa, runStep, Step } from "./support/steps";

const CORPUS = join(PROJECT_ROOT, "__tests__", "corpus");

interface Scenario {
  readonly name: string;
  /** The legacy module: a corpus case or files. */
  readonly legacy: string | Record<string, string>;
  readonly migrateArgs?: string[];
  /** Targets to apply first when the legacy module itself bootstraps a provider. */
  readonly legacyTargets?: string[];
  readonly env?: Record<string, string>;
  /** Resources the run may delete (only under --revoke-legacy). */
  readonly mayDelete?: RegExp;
}

const pinned = (constraint: string, body: string) => `terraform {
  required_providers {
    grafana = {
      source  = "grafana/grafana"
      version = "${constraint}"
    }
  }
}

provider "grafana" {
  url  = "http://127.0.0.1:1"
  auth = "admin:admin"
}
${body}`;

const BOOTSTRAP = pinned(
  ">= 2.0.0",
  `
provider "grafana" {
  alias = "team"
  url   = "http://127.0.0.1:1"
  auth  = grafana_api_key.bootstrap[0].key
}

resource "grafana_api_key" "bootstrap" {
  count = 1
  name  = "bootstrap-\${count.index}"
  role  = "Admin"
}

resource "grafana_api_key" "teams" {
  for_each = toset(["a", "b"])
  name     = "team-\${each.key}"
  role     = "Viewer"
}

resource "grafana_folder" "team" {
  provider = grafana.team
  title    = "Team"
}

output "team_keys" {
  value     = { for k, v in grafana_api_key.teams : k => v.key }
  sensitive = true
}
`,
);

const ONE_X = pinned(
  "~> 1.24",
  `
resource "grafana_api_key" "ci" {
  name = "ci"
  role = "Editor"
}
`,
);

const SCENARIOS: Scenario[] = [
  { name: "the docs' seed (two keys, Viewer and Admin)", legacy: join(CORPUS, "seed") },
  { name: "a provider signed in with a key (provider-auth corpus case)", legacy: join(CORPUS, "provider-auth"), legacyTargets: ["grafana_api_key.bootstrap"], env: { GRAFANA_AUTH: "" } },
  { name: "a provider signed in with a count key, for_each keys and an output over them", legacy: { "main.tf": BOOTSTRAP }, legacyTargets: ["grafana_api_key.bootstrap"], env: { GRAFANA_AUTH: "" } },
  { name: "Cloud stack keys (seed-cloud)", legacy: join(CORPUS, "seed-cloud") },
  { name: "a stack pinned to provider 1.x", legacy: { "main.tf": ONE_X } },
  { name: "--revoke-legacy on the seed", legacy: join(CORPUS, "seed"), migrateArgs: ["--revoke-legacy"], mayDelete: /^grafana_api_key$/ },
  // Destroying reads the keys first (forgetting does not): on Grafana 12.1 a Cloud stack key read fails, so phase 1's plan skips the refresh.
  { name: "--revoke-legacy on Cloud stack keys (seed-cloud)", legacy: join(CORPUS, "seed-cloud"), migrateArgs: ["--revoke-legacy"], mayDelete: /^grafana_cloud_stack_api_key$/ },
];

/**
 * What Grafana has done to the keys by the time the migration runs, modelled with the provider
 * double's GRAFANA_DOUBLE_GONE (e2e/provider-double/README.md): nothing (Grafana 10); converted
 * them to sa-autogen tokens at start-up, so no key listing has them (11.3 with the start-up
 * migration, 12.0+); removed the key endpoints, every key read is a 404 (12.1: `keys-removed`,
 * which 2.19.0 answers by dropping grafana_api_key from state with a warning).
 */
interface GrafanaMode {
  readonly name: string;
  /** GRAFANA_DOUBLE_GONE for every step after the legacy apply, from the legacy key IDs in state. */
  gone(keyIds: string[]): string[] | undefined;
}

const MODES: GrafanaMode[] = [
  { name: "Grafana 10 (keys are keys)", gone: () => undefined },
  { name: "Grafana 11.3 after its start-up conversion (no key listed)", gone: (ids) => ids },
  { name: "Grafana 12.1 (key endpoints removed)", gone: () => ["keys-removed"] },
];

const LEGACY_TYPES = new Set(["grafana_api_key", "grafana_cloud_stack_api_key"]);

/** The legacy module's directory (corpus cases are used as they are). */
function legacyDir(s: Scenario): { dir: string; cleanup(): void } {
  if (typeof s.legacy === "string") return { dir: s.legacy, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "grafana-phases-legacy-"));
  for (const [name, text] of Object.entries(s.legacy)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describeEachProviderSet("the report's steps, run in order, take a legacy stack to provider 4.x", () => {
  beforeAll(async () => {
    await ensureBuiltCli();
  });

  test.each(SCENARIOS.flatMap((s) => MODES.map((m) => [s.name, m.name, s, m] as const)))("%s, on %s", async (_name, _mode, scenario, mode) => {
    const legacy = legacyDir(scenario);
    // The legacy module as its owner applied it: on a release that still has the keys (the lock
    // file keeps that release; the migration's own pin decides from then on).
    const wd = await prepareDoubleWorkdir(legacy.dir, { env: scenario.env });
    let out: string | undefined;
    try {
      for (const target of scenario.legacyTargets ?? []) await wd.runOk(["apply", "-auto-approve", "-input=false", `-target=${target}`]);
      await wd.runOk(["apply", "-auto-approve", "-input=false"]);
      const logBefore = wd.log().length;
      // Grafana moves on (or not) between the legacy apply and the migration.
      const keyIds = (await stateResources(wd, (v) => String(v.id))).filter((r) => LEGACY_TYPES.has(r.type));
      const gone = mode.gone(keyIds.map((k) => k.picked));
      const s = gone ? { ...scenario, env: { ...scenario.env, GRAFANA_DOUBLE_GONE: JSON.stringify(gone) } } : scenario;

      const migrated = await migrateWithCli(legacy.dir, s.migrateArgs ?? []);
      expect(migrated.run.code).toBe(0);
      out = migrated.out;
      await wd.replaceConfig(out, { providerVersion: null });
      copyFileSync(join(out, "migration-report.json"), join(wd.dir, "migration-report.json"));
      const report = JSON.parse(readFileSync(join(out, "migration-report.json"), "utf8")) as { steps: Step[] };
      expect(report.steps.length).toBeGreaterThan(0);

      // Phase 1's plan skips the refresh for Cloud stack keys and provider 1.x (their key reads fail on Grafana 12.1).
      const refreshes = !report.steps.some((st) => st.command.includes("-refresh=false"));
      const legacyKeys = [...new Set(keyIds.map((k) => k.address.replace(/\[[^\]]*\]$/, "")))];
      for (const step of report.steps) {
        const shown = await runStep(wd, step, s.env);
        if (/^grafana-sa verify /.test(step.command)) {
          // Keys the refresh dropped (Grafana no longer has them) are not in the plan: verify reports them
          // absent, with nothing to forget. Keys a removed block only forgets are not read at all; keys
          // to destroy are, unless phase 1's plan skips the refresh.
          const planned = JSON.parse(readFileSync(join(wd.dir, "plan.json"), "utf8")).resource_changes.map((c: { address: string }) => c.address.replace(/\[[^\]]*\]$/, ""));
          const absent = legacyKeys.filter((k) => shown.includes(`${k} is not in the plan: not in state`));
          expect(absent).toEqual(legacyKeys.filter((k) => !planned.includes(k)));
          if (gone && refreshes && s.migrateArgs?.includes("--revoke-legacy")) expect(absent).toEqual(legacyKeys);
          // The same plan made unsafe: a key deleted, an account replaced. verify refuses both.
          const plan = JSON.parse(readFileSync(join(wd.dir, "plan.json"), "utf8"));
          const changes = plan.resource_changes as { type: string; change: { actions: string[] } }[];
          const key = changes.find((c) => c.type === "grafana_api_key" || c.type === "grafana_cloud_stack_api_key");
          const account = changes.find((c) => /service_account$/.test(c.type) && c.change.actions.join() === "create");
          for (const [victim, actions] of [[key, s.migrateArgs?.includes("--revoke-legacy") ? ["forget"] : ["delete"]], [account, ["delete", "create"]]] as const) {
            if (!victim) continue;
            const saved = victim.change.actions;
            victim.change.actions = [...actions];
            writeFileSync(join(wd.dir, "unsafe.json"), JSON.stringify(plan));
            victim.change.actions = saved;
            expect(grafanaSa(wd, ["verify", "unsafe.json"]).code).toBe(3);
          }
        }
      }
      // Phase 2 ends on 4.x, with nothing left to do.
      expect(readFileSync(join(wd.dir, ".terraform.lock.hcl"), "utf8")).toMatch(/version\s+=\s+"4\.45\.1"/);
      const last = await wd.run(["plan", "-detailed-exitcode", "-input=false"], { env: s.env });
      expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: "" });

      const deleted = wd.log().slice(logBefore).filter((e) => e.op === "delete");
      expect(deleted.filter((e) => !s.mayDelete?.test(e.type))).toEqual([]);
    } finally {
      wd.cleanup();
      legacy.cleanup();
      if (out) rmSync(join(out, ".."), { recursive: true, force: true });
    }
  });
}, { engines: ["terraform", "opentofu"] });
