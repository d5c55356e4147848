import { existsSync, mkdirSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, read, tree, workspace } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

describe("revert", () => {
  test("turns the migrated module's tokens back into keys, without the removed blocks", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "migrated").code).toBe(0);
    mkdirSync(join(ws, "reverted"));
    const r = run("revert", "migrated", "--out", "reverted");

    expect(r.code).toBe(0);
    const keys = read(ws, "reverted", "grafana-api-keys.tf");
    expect(keys).toMatch(/resource "grafana_api_key" "foo" \{\n\s+name = "key_foo-reverted"\n\s+role = "Viewer"/);
    expect(keys).toMatch(/resource "grafana_api_key" "bar" \{\n\s+name\s+= "key_bar-reverted"\n\s+role\s+= "Admin"\n\s+seconds_to_live = 30/);
    // The migration's generated file held only accounts, tokens, their outputs and removed blocks.
    expect(existsSync(join(ws, "reverted", "grafana-service-accounts.tf"))).toBe(false);
    expect(r.stdout).toMatch(/grafana_service_account_token\.foo -> grafana_api_key\.foo/);
    expect(r.stdout).toMatch(/Next: read reverted\/REVERT-REPORT\.md/);

    const report = read(ws, "reverted", "REVERT-REPORT.md");
    expect(report).toMatch(/- `grafana_service_account_token\.bar` -> `grafana_api_key\.bar` named `key_bar-reverted`, role Admin, time to live 30/);
    expect(report).toMatch(/- `grafana_service_account\.foo`: Terraform deletes it/);
    expect(report).toMatch(/Each key is NEW, with a new secret: every consumer needs the new key\. It is named `\{name\}-reverted`/);
    expect(report).toContain("`terraform apply -target=grafana_api_key.foo -target=grafana_api_key.bar`");
    expect(report).not.toMatch(/\b(?:glsa|eyJ)[A-Za-z0-9_]{8,}/);
  });

  test("--token reverts one token; an account holding others is refused with exit 4", () => {
    ws = workspace("multi");
    expect(run("migrate", "multi", "--out", "migrated", "--strategy", "per-role").code).toBe(0);
    const before = tree(ws);
    const r = run("revert", "migrated", "--out", "reverted", "--token", "grafana_service_account_token.alerts");

    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/error: grafana_service_account\.viewer also holds grafana_service_account_token\.dashboards/);
    expect(r.stderr).toMatch(/grafana-sa: revert refused; nothing was written\./);
    expect(tree(ws)).toEqual(before);

    // --force only lets the output replace files; deleting other tokens needs its own flag.
    const forced = run("revert", "migrated", "--out", "reverted", "--token", "grafana_service_account_token.alerts", "--force");
    expect(forced.code).toBe(4);
    expect(forced.stderr).toMatch(/or pass --whole-accounts to revert all of them to keys/);

    expect(run("revert", "migrated", "--out", "reverted", "--token", "grafana_service_account_token.alerts", "--whole-accounts").code).toBe(0);
    expect(read(ws, "reverted", "REVERT-REPORT.md")).toMatch(/`grafana_service_account_token\.dashboards` -> `grafana_api_key\.dashboards`/);
  });
});
