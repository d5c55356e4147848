/**
 * Keys Grafana has already converted (the main case by now), end to end: the legacy seed applied,
 * Grafana 11.3 converts its keys at start-up into tokens of sa-autogen-* accounts (the Grafana
 * API double), `grafana-sa inspect` reads their IDs, `migrate --adopt-ids` imports those
 * accounts instead of creating new ones, and the report's steps take the module to provider 4.x
 * with a clean plan. The provider double stands for the provider: it finds the imported accounts
 * by the IDs the Grafana double gave (GRAFANA_DOUBLE_SERVICE_ACCOUNTS) and drops the keys Grafana
 * no longer lists (GRAFANA_DOUBLE_GONE).
 */
import { execFile } from "child_process";
import { promisify } from "util";
import { copyFileSync, readFileSync, rmSync } from "fs";
import { join } from "path";
import { GrafanaDouble } from "./grafana-double";
import { CLI_ENTRY, describeEachProviderSet, ensureBuiltCli, migrateWithCli, prepareDoubleWorkdir, stateResources } from "./support/provider-double";
import { runStep, Step } from "./support/steps";
import { PROJECT_ROOT } from "./support/terraform";

const SEED = join(PROJECT_ROOT, "__tests__", "corpus", "seed");

describeEachProviderSet("keys Grafana converted: adopt its sa-autogen accounts with the IDs inspect reads", () => {
  beforeAll(async () => {
    await ensureBuiltCli();
  });

  test("the seed on Grafana 11.3 after its start-up conversion", async () => {
    const grafana = await new GrafanaDouble({ grafana: "10" }).start();
    const wd = await prepareDoubleWorkdir(SEED);
    let out: string | undefined;
    try {
      await wd.runOk(["apply", "-auto-approve", "-input=false"]);
      const keyIds = (await stateResources(wd, (v) => String(v.id))).filter((r) => r.type === "grafana_api_key").map((r) => r.picked);
      // The same keys in Grafana, then the upgrade that converts them.
      grafana.seedApiKey({ name: "key_foo", role: "Viewer" });
      grafana.seedApiKey({ name: "key_bar", role: "Admin", secondsToLive: 30 });
      grafana.restart({ grafana: "11.3", startupMigration: true });

      const ids = join(wd.dir, "adopt-ids.json");
      // Asynchronously: the Grafana double answers from this process.
      const inspect = await promisify(execFile)(process.execPath, [CLI_ENTRY, "inspect", "--url", grafana.url, "--adopt-ids-out", ids], { encoding: "utf8", env: { ...process.env, GRAFANA_AUTH: "admin:admin" } });
      expect(`${inspect.stdout}${inspect.stderr}`).not.toContain("admin:admin");
      const accounts = grafana.serviceAccounts(1).filter((a) => a.name.startsWith("sa-autogen-"));
      expect(accounts.map((a) => a.name).sort()).toEqual(["sa-autogen-key_bar", "sa-autogen-key_foo"]);

      const migrated = await migrateWithCli(SEED, ["--adopt", "--adopt-ids", ids]);
      expect(migrated.run.code).toBe(0);
      out = migrated.out;
      const generated = readFileSync(join(out, "grafana-service-accounts.tf"), "utf8");
      for (const a of accounts) expect(generated).toContain(`id = "1:${a.id}"`);
      expect(generated).not.toMatch(/data "grafana_service_account"/);
      expect(generated).toContain("prevent_destroy = true");

      // What the provider finds from now on: the accounts Grafana made, and no key listed.
      const env = {
        GRAFANA_DOUBLE_SERVICE_ACCOUNTS: JSON.stringify(Object.fromEntries(accounts.map((a) => [a.name, { id: `1:${a.id}`, role: a.role }]))),
        GRAFANA_DOUBLE_GONE: JSON.stringify(keyIds),
      };
      await wd.replaceConfig(out, { providerVersion: null });
      copyFileSync(join(out, "migration-report.json"), join(wd.dir, "migration-report.json"));
      const report = JSON.parse(readFileSync(join(out, "migration-report.json"), "utf8")) as { steps: Step[]; keys: { ifConverted?: unknown }[] };
      expect(report.keys.every((k) => k.ifConverted !== undefined)).toBe(true);
      const logBefore = wd.log().length;
      for (const step of report.steps) await runStep(wd, step, env);

      const imported = wd.log().slice(logBefore).filter((e) => e.op === "import").map((e) => e.id).sort();
      expect(imported).toEqual(accounts.map((a) => `1:${a.id}`).sort());
      expect(wd.log().slice(logBefore).filter((e) => e.op === "delete")).toEqual([]);
      expect(readFileSync(join(wd.dir, ".terraform.lock.hcl"), "utf8")).toMatch(/version\s+=\s+"4\.45\.1"/);
      const last = await wd.run(["plan", "-detailed-exitcode", "-input=false"], { env });
      expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: "" });
    } finally {
      wd.cleanup();
      await grafana.stop();
      if (out) rmSync(join(out, ".."), { recursive: true, force: true });
    }
  });
}, { engines: ["terraform", "opentofu"] });
