/**
 * Revert, the emergency way back, through terraform: the seed migrated and phase 1 applied, then
 * `grafana-sa revert` turns the tokens back into keys. Its report's order (keys first, by target,
 * then the rest) creates NEW keys named `<name>-reverted` (the forgotten keys, or the tokens
 * Grafana made of them, keep their names in Grafana's one table of keys and tokens), deletes the
 * accounts with their tokens and nothing else, and ends with a clean plan on 2.19.0 (the last
 * release with the key type).
 */
import { readFileSync, rmSync } from "fs";
import { join } from "path";
import { describeEachProviderSet, ensureBuiltCli, migrateWithCli, prepareDoubleWorkdir, runTool, stateResources } from "./support/provider-double";
import { runStep, Step } from "./support/steps";
import { PROJECT_ROOT } from "./support/terraform";

const SEED = join(PROJECT_ROOT, "__tests__", "corpus", "seed");

describeEachProviderSet("revert after phase 1: new keys first, then the accounts go", () => {
  test("the seed, migrated, phase 1 applied, reverted", async () => {
    const cli = await ensureBuiltCli();
    const wd = await prepareDoubleWorkdir(SEED);
    const dirs: string[] = [];
    try {
      await wd.runOk(["apply", "-auto-approve", "-input=false"]);
      const migrated = await migrateWithCli(SEED);
      expect(migrated.run.code).toBe(0);
      dirs.push(join(migrated.out, ".."));
      await wd.replaceConfig(migrated.out, { providerVersion: null });
      const report = JSON.parse(readFileSync(join(migrated.out, "migration-report.json"), "utf8")) as { steps: Step[] };
      for (const step of report.steps.filter((s) => s.phase === 1 && !s.command.startsWith("grafana-sa verify"))) await runStep(wd, step);

      const reverted = join(migrated.out, "..", "reverted");
      const run = await runTool(process.execPath, [cli, "revert", migrated.out, "--out", reverted]);
      expect(run.code).toBe(0);
      const text = readFileSync(join(reverted, "REVERT-REPORT.md"), "utf8");
      expect(text).toContain("Each key is NEW, with a new secret");
      const target = /`terraform apply ((?:-target=[^\s`]+ ?)+)`/.exec(text)?.[1].trim().split(" ");
      expect(target).toEqual(["-target=grafana_api_key.foo", "-target=grafana_api_key.bar"]);

      // The reverted module keeps the migration's pin (< 3.0.0), and the lock file its 2.19.0.
      await wd.replaceConfig(reverted, { providerVersion: null });
      const logBefore = wd.log().length;
      await wd.runOk(["init", "-input=false"]);
      await wd.runOk(["apply", "-auto-approve", "-input=false", ...(target as string[])]);
      await wd.runOk(["apply", "-auto-approve", "-input=false"]);
      const ops = wd.log().slice(logBefore).map((e) => `${e.op} ${e.type} ${e.name}`).sort();
      expect(ops).toEqual([
        "create grafana_api_key key_bar-reverted",
        "create grafana_api_key key_foo-reverted",
        "delete grafana_service_account sa-key_bar",
        "delete grafana_service_account sa-key_foo",
        "delete grafana_service_account_token key_bar-token",
        "delete grafana_service_account_token key_foo-token",
      ]);
      const state = await stateResources(wd, (v) => v.name);
      expect(state.map((s) => `${s.address} ${s.picked}`)).toEqual(["grafana_api_key.bar key_bar-reverted", "grafana_api_key.foo key_foo-reverted"]);
      expect((await wd.run(["plan", "-detailed-exitcode", "-input=false"])).code).toBe(0);
    } finally {
      wd.cleanup();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});
