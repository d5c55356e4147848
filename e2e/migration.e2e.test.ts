/**
 * The project's Terraform output under real terraform, against the Grafana provider TEST DOUBLE
 * (e2e/provider-double; the real provider cannot be installed here, see e2e/README.md):
 *
 *   - the example stacks (`npm run synth`: cdktf.out/stacks/<name>/cdk.tf.json and
 *     cdktf.out/hcl/<name>/main.tf) init, validate, plan, apply and then plan no changes;
 *   - each corpus case that uses only the grafana provider: the legacy module applies, then its
 *     migration (`node lib/src/cli/index.js migrate <case> --out <tmp>`) validates and plans on
 *     top of that state (keys forgotten, tokens created, nothing destroyed), applies, and a
 *     second plan has no changes;
 *   - the docs' example in detail, with and without --revoke-legacy.
 *
 * The double proves the configurations are valid for the provider's schema and that the state
 * transitions converge; it says nothing about Grafana's API (the real-provider suites do that).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { basename, dirname, join } from "path";
import {
  addressesWith,
  copyModule,
  describeEachProviderSet,
  DoubleLogEntry,
  DoubleWorkdir,
  ensureBuiltCli,
  ensureSynthesized,
  localModuleDirs,
  migrateWithCli,
  planChanges,
  PlannedChange,
  prepareDoubleWorkdir,
  runLifecycle,
  stateResources,
} from "./support/provider-double";
import { PROJECT_ROOT } from "./support/terraform";

const CORPUS = join(PROJECT_ROOT, "__tests__", "corpus");
const LEGACY_TYPES = new Set(["grafana_api_key", "grafana_cloud_stack_api_key"]);
const GLSA = /^glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}$/;

/** Run fn over items, at most `limit` at a time; collect failures instead of stopping. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<{ item: T; error: string }[]> {
  const failures: { item: T; error: string }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failures.push({ item, error: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failures;
}

const isTf = (n: string): boolean => n.endsWith(".tf") || n.endsWith(".tf.json");

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "expected" || e.name.startsWith(".") ? [] : filesOf(join(dir, e.name))) : isTf(e.name) ? [join(dir, e.name)] : [],
  );
}

/**
 * Corpus cases the migration should accept and that need only grafana/grafana: not error-*,
 * no resource or data source of another provider, no provider source other than grafana/grafana,
 * no module outside the case.
 */
function corpusCases(): { name: string; dir: string }[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .sort()
    .filter((name) => !name.startsWith("error-") && statSync(join(CORPUS, name)).isDirectory())
    .map((name) => ({ name, dir: join(CORPUS, name) }))
    .filter(({ dir }) => {
      if (!readdirSync(dir).some(isTf)) return false;
      const text = filesOf(dir).map((f) => readFileSync(f, "utf8")).join("\n");
      const types = [...text.matchAll(/(?:^|\n)\s*(?:resource|data)\s+"([A-Za-z0-9_-]+)"/g)].map((m) => m[1]);
      for (const f of filesOf(dir).filter((f) => f.endsWith(".json"))) {
        try {
          const doc = JSON.parse(readFileSync(f, "utf8")) as { resource?: object; data?: object };
          types.push(...Object.keys(doc.resource ?? {}), ...Object.keys(doc.data ?? {}));
        } catch {
          return false;
        }
      }
      const sources = [...text.matchAll(/"?source"?\s*[:=]\s*"([^"]+)"/g)].map((m) => m[1]);
      return (
        types.every((t) => t.startsWith("grafana_")) &&
        sources.every((s) => s.startsWith("./") || /^(registry\.terraform\.io\/)?grafana\/grafana$/.test(s))
      );
    });
}

interface ReportKey {
  legacy: string;
  token: string;
  legacyKeyFate: string;
}

function reportKeys(out: string): ReportKey[] {
  const report = JSON.parse(readFileSync(join(out, "migration-report.json"), "utf8")) as { keys: ReportKey[] };
  return report.keys;
}

/**
 * Managed resource instances in the workdir's local state file (terraform.tfstate or a local
 * backend's path), read directly: `terraform show -json` costs a terraform run per case.
 */
function stateAddresses(dir: string): { address: string; type: string }[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".tfstate"));
  if (files.length !== 1) throw new Error(`expected one state file in ${dir}, found ${files.join(", ") || "none"}`);
  type Instance = { index_key?: string | number };
  type Resource = { module?: string; mode: string; type: string; name: string; instances: Instance[] };
  const state = JSON.parse(readFileSync(join(dir, files[0]), "utf8")) as { resources?: Resource[] };
  return (state.resources ?? [])
    .filter((r) => r.mode === "managed")
    .flatMap((r) =>
      r.instances.map((i) => {
        const key = i.index_key === undefined ? "" : typeof i.index_key === "number" ? `[${i.index_key}]` : `[${JSON.stringify(i.index_key)}]`;
        return { address: `${r.module ? `${r.module}.` : ""}${r.type}.${r.name}${key}`, type: r.type };
      }),
    );
}

/** grafana_api_key.x["a"] -> grafana_api_key.x (and module.m. prefixes stay). */
const resourceOf = (address: string): string => address.replace(/\[[^\]]*\]$/, "");

function actionsSummary(changes: PlannedChange[]): string {
  return changes.map((c) => `${c.address}: ${c.actions.join("+")}`).join("; ");
}

/**
 * Apply the legacy module, then the migration on top of its state; check the plan (keys
 * forgotten or, with revoke, deleted; a token created per key; nothing else destroyed), apply it
 * and expect a second plan to have no changes. Returns the workdir (caller cleans up).
 */
async function legacyThenMigration(
  legacyDir: string,
  migratedDir: string,
  opts: { env?: Record<string, string> } = {},
): Promise<{ wd: DoubleWorkdir; changes: PlannedChange[]; planText: string; legacyCount: number; logBefore: number }> {
  const wd = await prepareDoubleWorkdir(legacyDir, { env: opts.env });
  try {
    // (apply validates the legacy module; the migrated one gets an explicit validate below)
    await wd.runOk(["apply", "-auto-approve", "-input=false"]);
    const legacy = stateAddresses(wd.dir).filter((r) => LEGACY_TYPES.has(r.type)).map((r) => r.address);
    const logBefore = wd.log().length;

    await wd.replaceConfig(migratedDir);
    await wd.runOk(["validate"]);
    const { plan, changes } = await planChanges(wd);
    const keys = reportKeys(migratedDir);
    const problems: string[] = [];
    if (keys.length && !legacy.length) problems.push("the legacy apply left no key in state");
    // The report says each key's fate; terraform's plan must agree.
    for (const address of legacy) {
      const c = changes.find((x) => x.address === address);
      const fate = keys.find((k) => k.legacy === resourceOf(address))?.legacyKeyFate;
      const want = fate === undefined ? "(not in the report)" : /destroyed/.test(fate) ? "delete" : "forget";
      if (!c || c.actions.join() !== want) problems.push(`${address}: report says ${fate}, plan has ${c?.actions ?? "no change"}`);
    }
    for (const c of changes) {
      const isLegacy = legacy.includes(c.address);
      if (!isLegacy && (c.actions.includes("delete") || c.actions.includes("forget"))) problems.push(`${c.address}: unexpected ${c.actions}`);
    }
    for (const k of keys) {
      if (!changes.some((c) => resourceOf(c.address) === k.token && c.actions.join() === "create")) problems.push(`${k.token}: not created`);
    }
    if (problems.length) throw new Error(`migration plan in ${wd.dir}: ${problems.join("; ")}\nplanned: ${actionsSummary(changes)}`);

    await wd.runOk(["apply", "-auto-approve", "-input=false", "e2e.tfplan"]);
    const replan = await wd.run(["plan", "-detailed-exitcode", "-input=false"]);
    if (replan.code !== 0) throw new Error(`expected no changes after the migration in ${wd.dir}; plan exited ${replan.code}:\n${replan.stdout}\n${replan.stderr}`);
    return { wd, changes, planText: plan.stdout, legacyCount: legacy.length, logBefore };
  } catch (err) {
    wd.cleanup();
    throw err;
  }
}

describeEachProviderSet("the project's Terraform under terraform with the Grafana provider test double", () => {
  beforeAll(async () => {
    await ensureBuiltCli();
  }, 300000);

  test("example stacks (npm run synth), as Terraform JSON and as HCL: init, validate, plan, apply, then no changes", async () => {
    const stacks = await ensureSynthesized();
    // Only the synthesized file: a stack dir may also hold leftovers of other synth runs (cdk.tf).
    const modules = stacks.flatMap((s) => [
      { label: `${s.name} (cdk.tf.json)`, file: join(s.json, "cdk.tf.json") },
      { label: `${s.name} (main.tf)`, file: join(s.hcl, "main.tf") },
    ]).filter((m) => existsSync(m.file));
    expect(modules.length).toBeGreaterThanOrEqual(8);
    const failures = await eachLimited(modules, 2, async (m) => {
      const wd = await prepareDoubleWorkdir({ [basename(m.file)]: readFileSync(m.file, "utf8") });
      try {
        const r = await runLifecycle(wd, { apply: true });
        if (!/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/.test(r.apply!.stdout)) throw new Error(`unexpected apply summary:\n${r.apply!.stdout}`);
        if (/glsa_|eyJ/.test(r.apply!.raw.stdout + r.plan.raw.stdout)) throw new Error("a secret appeared in terraform's output");
      } finally {
        wd.cleanup();
      }
    });
    expect(failures.map((f) => `${f.item.label}: ${f.error}`)).toEqual([]);
  });

  test("corpus cases: the legacy module applies, its migration plans keys forgotten and tokens created, applies, then no changes", async () => {
    const all = corpusCases();
    expect(all.map((c) => c.name)).toEqual(expect.arrayContaining(["seed"]));
    // seed gets its own, closer tests below.
    const cases = all.filter((c) => c.name !== "seed");
    const failures = await eachLimited(cases, 2, async (c) => {
      const t0 = Date.now();
      const { run, out } = await migrateWithCli(c.dir);
      const migrateMs = Date.now() - t0;
      try {
        if (run.code !== 0) throw new Error(`migrate exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
        for (const d of localModuleDirs(c.dir)) copyModule(join(c.dir, d), join(out, d));
        const { wd } = await legacyThenMigration(c.dir, out);
        wd.cleanup();
        if (process.env.E2E_VERBOSE) {
          // eslint-disable-next-line no-console
          console.info(`[e2e] ${c.name}: migrate ${migrateMs} ms, total ${Date.now() - t0} ms; ${wd.timings.map((t) => `${t.args[0]} ${t.ms}`).join(", ")}`);
        }
      } finally {
        rmSync(dirname(out), { recursive: true, force: true });
      }
    });
    expect(failures.map((f) => `${f.item.name}: ${f.error}`)).toEqual([]);
  });

  describe("the docs' example (corpus/seed: grafana_api_key foo Viewer, bar Admin 30s)", () => {
    const seed = join(CORPUS, "seed");
    const opsOf = (log: DoubleLogEntry[]): string[] => log.map((e) => `${e.op} ${e.type} ${e.name}`);

    test("default: the keys are forgotten (never destroyed), two accounts and two tokens created, then no changes", async () => {
      const { run, out } = await migrateWithCli(seed);
      expect(run.code).toBe(0);
      const { wd, changes, planText, logBefore } = await legacyThenMigration(seed, out);
      try {
        expect(addressesWith(changes, "forget")).toEqual(["grafana_api_key.bar", "grafana_api_key.foo"]);
        expect(addressesWith(changes, "create")).toEqual([
          "grafana_service_account.bar",
          "grafana_service_account.foo",
          "grafana_service_account_token.bar",
          "grafana_service_account_token.foo",
        ]);
        expect(planText).toContain("# grafana_api_key.foo will no longer be managed by Terraform, but will not be destroyed");
        expect(planText).toContain("Plan: 4 to add, 0 to change, 0 to destroy.");
        expect(planText).not.toMatch(/will be destroyed/);

        expect(opsOf(wd.log().slice(logBefore)).sort()).toEqual([
          "create grafana_service_account sa-key_bar",
          "create grafana_service_account sa-key_foo",
          "create grafana_service_account_token key_bar-token",
          "create grafana_service_account_token key_foo-token",
        ]);
        const state = await stateResources(wd, (v) => (typeof v.key === "string" ? GLSA.test(v.key) : null));
        expect(state.map((s) => [s.address, s.picked])).toEqual([
          ["grafana_service_account.bar", null],
          ["grafana_service_account.foo", null],
          ["grafana_service_account_token.bar", true],
          ["grafana_service_account_token.foo", true],
        ]);
        const outputs = await wd.runOk(["output", "-json"]);
        const parsed = JSON.parse(outputs.raw.stdout) as Record<string, { sensitive: boolean }>;
        expect(Object.entries(parsed).map(([k, v]) => [k, v.sensitive])).toEqual([["bar_token", true], ["foo_token", true]]);
      } finally {
        wd.cleanup();
        rmSync(dirname(out), { recursive: true, force: true });
      }
    });

    test("--revoke-legacy: the keys are destroyed, the tokens created, then no changes (the order is up to terraform)", async () => {
      const { run, out } = await migrateWithCli(seed, ["--revoke-legacy"]);
      expect(run.code).toBe(0);
      // Every apply takes 300 ms in the double, so operations terraform runs concurrently overlap.
      const { wd, changes, planText, logBefore } = await legacyThenMigration(seed, out, {
        env: { GRAFANA_DOUBLE_APPLY_DELAY_MS: "300" },
      });
      try {
        expect(addressesWith(changes, "delete")).toEqual(["grafana_api_key.bar", "grafana_api_key.foo"]);
        expect(addressesWith(changes, "create")).toHaveLength(4);
        expect(planText).toContain("Plan: 4 to add, 0 to change, 2 to destroy.");
        const log = wd.log().slice(logBefore);
        expect(opsOf(log).sort()).toEqual([
          "create grafana_service_account sa-key_bar",
          "create grafana_service_account sa-key_foo",
          "create grafana_service_account_token key_bar-token",
          "create grafana_service_account_token key_foo-token",
          "delete grafana_api_key key_bar",
          "delete grafana_api_key key_foo",
        ]);
        // What terraform guarantees: a token is created after its account (it references the ID).
        const at = (op: string, type: string, name: string): DoubleLogEntry => log.find((e) => e.op === op && e.type === type && e.name === name)!;
        for (const k of ["foo", "bar"]) {
          expect(at("create", "grafana_service_account", `sa-key_${k}`).end <= at("create", "grafana_service_account_token", `key_${k}-token`).start).toBe(true);
        }
        // What it does not: the generated `removed { lifecycle { destroy = true } }` blocks give the
        // key deletions no dependency on the tokens, so terraform runs them concurrently with the
        // account creations (observed with terraform 1.11: both deletions start before any token
        // exists). Nothing here depends on that order; a migration that must not revoke a key
        // before its token exists has to apply in two steps (forget first, revoke later).
        if (process.env.E2E_VERBOSE) {
          // eslint-disable-next-line no-console
          console.info(`[e2e] --revoke-legacy apply order:\n${log.map((e) => `  ${e.start} .. ${e.end}  ${e.op} ${e.type} ${e.name}`).join("\n")}`);
        }
      } finally {
        wd.cleanup();
        rmSync(dirname(out), { recursive: true, force: true });
      }
    });
  });
});
