import { mkdirSync } from "fs";
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
    expect(keys).toMatch(/resource "grafana_api_key" "foo" \{\n\s+name = "key_foo"\n\s+role = "Viewer"/);
    expect(keys).toMatch(/resource "grafana_api_key" "bar" \{\n\s+name\s+= "key_bar"\n\s+role\s+= "Admin"\n\s+seconds_to_live = 30/);
    const rest = read(ws, "reverted", "grafana-service-accounts.tf");
    expect(rest).not.toMatch(/removed|grafana_service_account/);
    expect(rest).toMatch(/value\s+= grafana_api_key\.foo\.key/);
    expect(r.stdout).toMatch(/grafana_service_account_token\.foo -> grafana_api_key\.foo/);
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

    expect(run("revert", "migrated", "--out", "reverted", "--token", "grafana_service_account_token.alerts", "--force").code).toBe(0);
  });
});
