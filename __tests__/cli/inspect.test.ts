/**
 * grafana-sa inspect against the Grafana HTTP API test double (e2e/grafana-double, on
 * 127.0.0.1), in each version mode. The binary runs as a child process without blocking this
 * one, which serves the double.
 */
import { spawn } from "child_process";
import { createServer, Server } from "http";
import { AddressInfo } from "net";
import { join } from "path";
import { GrafanaDouble, GrafanaDoubleOptions } from "../../e2e/grafana-double";
import { BIN, cleanup, ensureBuilt, read, Run, tree, workspace } from "./support";

beforeAll(ensureBuilt);

const PASSWORD = "Pa55-never-printed-7f3c";
const AUTH = `admin:${PASSWORD}`;
let ws: string;
let double: GrafanaDouble | undefined;
beforeEach(() => (ws = workspace("seed")));
afterEach(async () => {
  cleanup(ws);
  await double?.stop();
  double = undefined;
});

function runAsync(args: string[], env: NodeJS.ProcessEnv = { GRAFANA_AUTH: AUTH }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ws, env: { ...process.env, GRAFANA_AUTH: "", GRAFANA_SA_DEBUG: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function startDouble(options: GrafanaDoubleOptions = {}): Promise<GrafanaDouble> {
  double = await new GrafanaDouble({ adminPassword: PASSWORD, ...options }).start();
  return double;
}

/** Neither the credential nor its base64 form (the Authorization header) in any output or file. */
function expectNoCredential(r: Run, ...secrets: string[]): void {
  const files = Object.values(tree(ws)).join("\n");
  for (const s of [AUTH, PASSWORD, Buffer.from(AUTH).toString("base64"), ...secrets]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
    expect(files).not.toContain(s);
  }
}

const seedKeys = (d: GrafanaDouble, names: string[]) => names.map((name) => d.seedApiKey({ name, role: "Viewer" }));

describe("each Grafana version", () => {
  test("GIVEN Grafana 10 with keys, one converted by its migrate endpoint WHEN inspect THEN it lists the key left and the sa-autogen account with its token", async () => {
    const d = await startDouble({ grafana: "10" });
    const [foo] = seedKeys(d, ["key_foo", "key_bar"]);
    const auth = `Basic ${Buffer.from(AUTH).toString("base64")}`;
    expect((await fetch(`${d.url}/api/serviceaccounts/migrate/${foo.id}`, { method: "POST", headers: { Authorization: auth } })).status).toBe(200);
    d.clearRequests();
    const r = await runAsync(["inspect", "--url", d.url]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const sa = d.serviceAccounts()[0];
    expect(r.stdout).toMatch(/^Grafana 10\.4\.0-double at http:\/\/127\.0\.0\.1:\d+, org 1\./);
    expect(r.stdout).toMatch(/Legacy API keys still keys \(1\):\n  key_bar  id 2  role Viewer\n/);
    expect(r.stdout).toContain(`  sa-autogen-key_foo  id ${sa.id}  login sa-autogen-1-key_foo  role Viewer\n    token key_foo  id ${foo.id}  (the old key's secret)\n`);
    expect(d.requests.every((q) => q.method === "GET")).toBe(true);
    expectNoCredential(r, foo.key);
  });

  test.each([
    ["without", false, /Legacy API keys still keys \(2\):\n  key_foo  id 1  role Viewer\n  key_bar  id 2  role Viewer\n/, 0],
    ["with", true, /Legacy API keys still keys \(0\):\n  none\n/, 2],
  ])("GIVEN Grafana 11.3 %s its start-up conversion WHEN inspect --output json THEN keys and accounts are as Grafana has them", async (_, convert, keys, accounts) => {
    const d = await startDouble({ grafana: "11.3" });
    seedKeys(d, ["key_foo", "key_bar"]);
    if (convert) d.restart({ startupMigration: true });
    const human = await runAsync(["inspect", "--url", d.url]);
    expect(human.stdout).toMatch(keys);
    const r = await runAsync(["inspect", "--url", d.url, "--output", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.grafanaVersion).toMatch(/^11\.3/);
    expect(out.accounts).toHaveLength(accounts);
    expect(out.accounts.map((a: { keyName: string; tokens: { name: string }[] }) => [a.keyName, a.tokens.map((t) => t.name)])).toEqual(convert ? [["key_foo", ["key_foo"]], ["key_bar", ["key_bar"]]] : []);
    expectNoCredential(r);
  });

  test("GIVEN Grafana 12.1 (key endpoints gone) with 150 converted keys WHEN inspect --adopt-ids-out THEN it says the endpoints are gone, reads every page and writes 150 entries", async () => {
    const d = await startDouble({ grafana: "10" });
    const names = Array.from({ length: 150 }, (_, i) => `key_${String(i).padStart(3, "0")}`);
    seedKeys(d, names);
    d.restart({ grafana: "12.1" });
    const r = await runAsync(["inspect", "--url", d.url, "--adopt-ids-out", "ids.json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GET \/api\/auth\/keys answered 404, so this Grafana \(12\.1 or later\) has removed the key endpoints/);
    expect(r.stdout).toMatch(/sa-autogen-\*\) \(150\):/);
    const pages = d.requests.filter((q) => q.path.startsWith("/api/serviceaccounts/search")).map((q) => new URL(q.path, "http://x").searchParams.get("page"));
    expect(pages).toEqual(["1", "2"]);
    const ids = JSON.parse(read(ws, "ids.json"));
    expect(Object.keys(ids).sort()).toEqual(names);
    const sa = d.serviceAccounts().find((s) => s.name === "sa-autogen-key_149");
    expect(ids.key_149).toEqual({ account: `1:${sa?.id}`, token: d.tokens(sa?.id as number)[0].id });
    expectNoCredential(r);
  });
});

describe("credentials and errors", () => {
  test("GIVEN a Bearer credential (an Admin key) in GRAFANA_AUTH WHEN inspect THEN it is used and printed nowhere", async () => {
    const d = await startDouble({ grafana: "10" });
    const admin = d.seedApiKey({ name: "admin-key", role: "Admin" });
    const r = await runAsync(["inspect", "--url", d.url, "--output", "json"], { GRAFANA_AUTH: admin.key });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).legacyKeys.map((k: { name: string }) => k.name)).toEqual(["admin-key"]);
    expect(d.requests.filter((q) => q.path !== "/api/health").every((q) => q.auth === "api_key")).toBe(true);
    expectNoCredential(r, admin.key);
  });

  test("GIVEN a wrong password WHEN inspect THEN one 401 message, exit 4, no credential", async () => {
    const d = await startDouble();
    const wrong = "admin:wrong-Secret-1234";
    const r = await runAsync(["inspect", "--url", d.url], { GRAFANA_AUTH: wrong });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^grafana-sa: GET http:\/\/127\.0\.0\.1:\d+\/api\/org answered 401 Unauthorized: GRAFANA_AUTH is not accepted\./);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expectNoCredential(r, wrong, Buffer.from(wrong).toString("base64"));
  });

  test("GIVEN nothing listening WHEN inspect THEN connection refused, exit 4", async () => {
    const d = await startDouble();
    const url = d.url;
    await d.stop();
    const r = await runAsync(["inspect", "--url", url]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/health failed: connection refused/);
    expectNoCredential(r);
  });

  test("GIVEN a server that answers HTML WHEN inspect THEN it says the body is not JSON, exit 4", async () => {
    const server: Server = createServer((_, res) => res.end("<html>login</html>"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const r = await runAsync(["inspect", "--url", `http://127.0.0.1:${(server.address() as AddressInfo).port}`]);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/answered 200 with a body that is not JSON/);
      expectNoCredential(r);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("GIVEN no GRAFANA_AUTH, or credentials in --url WHEN inspect THEN a usage error that does not echo them, exit 2", async () => {
    const none = await runAsync(["inspect", "--url", "http://127.0.0.1:1"], { GRAFANA_AUTH: "" });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/set GRAFANA_AUTH in the environment/);
    const inUrl = await runAsync(["inspect", "--url", `http://${AUTH}@127.0.0.1:1`]);
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toMatch(/--url carries credentials/);
    expectNoCredential(inUrl);
  });
});

test("GIVEN the seed configuration and a Grafana that converted its keys WHEN inspect writes the IDs and migrate --adopt-ids reads them THEN literal import blocks and the report's DELETE with the real IDs", async () => {
  const d = await startDouble({ grafana: "10" });
  const [foo, bar] = seedKeys(d, ["key_foo", "key_bar"]);
  d.seedApiKey({ name: "unrelated", role: "Viewer" });
  d.restart({ grafana: "12.1" });
  const inspected = await runAsync(["inspect", "--url", d.url, "--adopt-ids-out", "ids.json"]);
  expect(inspected.code).toBe(0);
  // An account of a key the configuration does not declare is not in the file to trip migrate.
  const ids = JSON.parse(read(ws, "ids.json"));
  delete ids.unrelated;
  require("fs").writeFileSync(join(ws, "ids.json"), JSON.stringify(ids));
  const r = await runAsync(["migrate", "seed", "--out", "out", "--adopt-ids", "ids.json"]);
  expect(r.stderr).not.toMatch(/^error/m);
  expect(r.code).toBe(0);
  const account = (name: string) => d.serviceAccounts().find((s) => s.name === `sa-autogen-${name}`)?.id;
  const generated = read(ws, "out", "grafana-service-accounts.tf");
  expect(generated).toMatch(new RegExp(`import \\{\\n\\s+to = grafana_service_account\\.foo\\n\\s+id = "1:${account("key_foo")}"`));
  expect(generated).toMatch(new RegExp(`import \\{\\n\\s+to = grafana_service_account\\.bar\\n\\s+id = "1:${account("key_bar")}"`));
  const md = read(ws, "out", "MIGRATION-REPORT.md");
  expect(md).toContain(`revoke that token with \`DELETE /api/serviceaccounts/${account("key_foo")}/tokens/${foo.id}\`.`);
  expect(md).toContain(`revoke that token with \`DELETE /api/serviceaccounts/${account("key_bar")}/tokens/${bar.id}\`.`);
  expect(JSON.parse(read(ws, "out", "migration-report.json")).keys[0].ifConverted).toEqual({ account: "sa-autogen-key_foo", token: "key_foo", revoke: `DELETE /api/serviceaccounts/${account("key_foo")}/tokens/${foo.id}`, findIds: null });
  expectNoCredential(r, foo.key, bar.key);
});
