/**
 * The Grafana API TEST DOUBLE's version modes over plain HTTP (needs nothing installed): what
 * Grafana 9.4, 10, 11.3 and 12.1 each do with API keys, their migration and revert (sources in
 * e2e/grafana-double/versions.ts). Assertions never print a secret.
 */
import { GrafanaDouble, GrafanaDoubleOptions } from "./grafana-double";

let double: GrafanaDouble;
let nowMs = Date.UTC(2024, 4, 1, 12, 0, 0);

async function start(options: GrafanaDoubleOptions): Promise<GrafanaDouble> {
  nowMs = Date.UTC(2024, 4, 1, 12, 0, 0);
  double = await new GrafanaDouble({ now: () => nowMs, orgs: [1, 2], ...options }).start();
  return double;
}

afterEach(async () => {
  await double?.stop();
});

async function call(method: string, path: string, opts: { body?: unknown; auth?: string; orgId?: number } = {}): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  headers.Authorization = opts.auth ? `Bearer ${opts.auth}` : `Basic ${Buffer.from(double.adminAuth).toString("base64")}`;
  if (opts.orgId !== undefined) headers["X-Grafana-Org-Id"] = String(opts.orgId);
  const res = await fetch(`${double.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function addKey(name: string): Promise<{ id: number; key: string }> {
  const r = await call("POST", "/api/auth/keys", { body: { name, role: "Viewer" } });
  expect(r.status).toBe(200);
  return r.json;
}

const NOT_FOUND = { status: 404, json: { message: "Not found" } };

describe("Grafana 9.4 mode", () => {
  test("GIVEN a key whose login clashes WHEN all are migrated THEN the run stops there with 500 and earlier keys stay migrated", async () => {
    await start({ grafana: "9.4" });
    await addKey("a");
    await addKey("Dup");
    const dup = await addKey("dup"); // same lower-cased login as "Dup"
    await addKey("z");
    expect(await call("POST", "/api/serviceaccounts/migrate")).toEqual({ status: 500, json: { message: "Internal server error" } });
    expect(double.serviceAccounts().map((s) => s.login)).toEqual(["sa-autogen-1-a", "sa-autogen-1-dup"]);
    expect(double.apiKeys().map((k) => k.id)).toEqual([dup.id, dup.id + 1]);
    expect((await call("GET", "/api/serviceaccounts/migrationstatus")).json).toEqual({ migrated: false });
  });

  test("GIVEN a migrated key WHEN reverted THEN it is a key again and its account is gone, but an account with two tokens is refused untouched", async () => {
    await start({ grafana: "9.4" });
    const foo = await addKey("foo");
    const bar = await addKey("bar");
    await call("POST", `/api/serviceaccounts/migrate/${foo.id}`);
    await call("POST", `/api/serviceaccounts/migrate/${bar.id}`);
    const [fooSa, barSa] = double.serviceAccounts();
    const extra = await call("POST", `/api/serviceaccounts/${barSa.id}/tokens`, { body: { name: "extra" } });

    expect(await call("DELETE", `/api/serviceaccounts/${barSa.id}/revert/${bar.id}`)).toEqual({ status: 500, json: { message: "Error reverting API key" } });
    expect(double.tokens(barSa.id).map((t) => t.name)).toEqual(["bar", "extra"]);
    expect((await call("GET", "/api/org", { auth: extra.json.key })).status).toBe(200);
    // A token of another account is refused too.
    expect((await call("DELETE", `/api/serviceaccounts/${fooSa.id}/revert/${bar.id}`)).status).toBe(500);

    expect(await call("DELETE", `/api/serviceaccounts/${fooSa.id}/revert/${foo.id}`)).toEqual({ status: 200, json: { message: "API key reverted" } });
    expect(double.apiKeys().map((k) => [k.id, k.name])).toEqual([[foo.id, "foo"]]);
    expect(double.serviceAccounts().map((s) => s.id)).toEqual([barSa.id]);
    double.clearRequests();
    expect((await call("GET", "/api/org", { auth: foo.key })).status).toBe(200);
    expect(double.requests[0].auth).toBe("api_key");
  });
});

describe("Grafana 10 mode", () => {
  test("GIVEN a key whose login clashes WHEN all are migrated THEN 200 with the MigrationResult, every other key migrated", async () => {
    await start({ grafana: "10" });
    await addKey("a");
    await addKey("Dup");
    const dup = await addKey("dup");
    await addKey("z");
    expect(await call("POST", "/api/serviceaccounts/migrate")).toEqual({
      status: 200,
      json: { total: 4, migrated: 3, failed: 1, failedApikeyIDs: [dup.id], failedDetails: ["API key name: dup - Error: failed to create service account: user already exists"] },
    });
    expect(double.apiKeys().map((k) => k.name)).toEqual(["dup"]);
  });

  test("GIVEN Grafana 10 WHEN revert or the 9.x status routes are called THEN they are gone", async () => {
    await start({ grafana: "10" });
    expect(await call("DELETE", "/api/serviceaccounts/2/revert/1")).toEqual(NOT_FOUND);
    expect(await call("POST", "/api/serviceaccounts/hideApiKeys")).toEqual(NOT_FOUND);
    // As in Grafana, the path then reads as GET /api/serviceaccounts/{id}.
    expect((await call("GET", "/api/serviceaccounts/migrationstatus")).status).toBe(400);
    expect(double.requests.filter((r) => r.removed).length).toBe(2);
    expect(double.unhandledRequests()).toEqual([]);
    expect(() => new GrafanaDouble({ grafana: "10", startupMigration: true })).toThrow(/needs Grafana 11.3 or later/);
  });
});

describe("Grafana 11.3 mode (the default)", () => {
  test("GIVEN any org WHEN a key is created THEN 410, while seeded keys still list, authenticate and delete", async () => {
    await start({});
    expect(double.grafana).toBe("11.3");
    for (const orgId of [1, 2]) {
      expect(await call("POST", "/api/auth/keys", { orgId, body: { name: "k", role: "Viewer" } })).toEqual({
        status: 410,
        json: { message: "this endpoint has been removed, please use POST /api/serviceaccounts and POST /api/serviceaccounts/{id}/tokens instead" },
      });
    }
    const seeded = double.seedApiKey({ name: "old", role: "Admin" });
    expect((await call("GET", "/api/auth/keys")).json).toEqual([expect.objectContaining({ id: seeded.id, name: "old" })]);
    expect((await call("GET", "/api/org", { auth: seeded.key })).status).toBe(200);
    expect((await call("DELETE", `/api/auth/keys/${seeded.id}`)).status).toBe(200);
  });

  test("GIVEN keys made under Grafana 10, one expired WHEN restarted as 11.3 with the start-up migration THEN every key is a token", async () => {
    await start({ grafana: "10" });
    const live = await addKey("live");
    const expired = (await call("POST", "/api/auth/keys", { orgId: 2, body: { name: "old", role: "Editor", secondsToLive: 10 } })).json;
    nowMs += 60_000;
    double.restart({ grafana: "11.3" });
    expect(double.apiKeys()).toHaveLength(2); // the option defaults off before 12.x
    double.seedApiKey({ name: "late", role: "Viewer" });
    double.restart({ startupMigration: true });
    expect(double.apiKeys()).toEqual([]);
    expect(double.serviceAccounts().map((s) => s.login).sort()).toEqual(["sa-autogen-1-late", "sa-autogen-1-live", "sa-autogen-2-old"]);
    expect(double.tokens(double.serviceAccounts(2)[0].id).map((t) => t.id)).toEqual([expired.id]);
    double.clearRequests();
    expect((await call("GET", "/api/org", { auth: live.key })).status).toBe(200);
    expect(double.requests[0].auth).toBe("sa_token");
  });
});

describe("Grafana 12.1 mode", () => {
  test("GIVEN Grafana 12.1 WHEN any key or migration route is called THEN Grafana's JSON 404", async () => {
    await start({ grafana: "12.1" });
    const calls: [string, string][] = [
      ["GET", "/api/auth/keys"],
      ["POST", "/api/auth/keys"],
      ["DELETE", "/api/auth/keys/1"],
      ["POST", "/api/serviceaccounts/migrate"],
      ["POST", "/api/serviceaccounts/migrate/1"],
      ["DELETE", "/api/serviceaccounts/2/revert/1"],
    ];
    for (const [method, path] of calls) expect(await call(method, path, method === "GET" ? {} : { body: {} })).toEqual(NOT_FOUND);
    expect(double.requests.every((r) => r.removed && !r.unhandled)).toBe(true);
  });

  test("GIVEN leftover keys, one expired, one whose login is taken WHEN Grafana 12.1 starts THEN all become tokens, the clash with a -001 login", async () => {
    nowMs = Date.UTC(2024, 4, 1, 12, 0, 0);
    double = new GrafanaDouble({ grafana: "12.1", now: () => nowMs });
    const a = double.seedApiKey({ name: "Deploy", role: "Editor" });
    double.seedApiKey({ name: "deploy", role: "Viewer", secondsToLive: 5 });
    nowMs += 10_000;
    await double.start();
    expect(double.apiKeys()).toEqual([]);
    expect(double.serviceAccounts().map(({ name, login, role }) => ({ name, login, role }))).toEqual([
      { name: "sa-autogen-Deploy", login: "sa-autogen-1-deploy", role: "Editor" },
      { name: "sa-autogen-deploy", login: "sa-autogen-1-deploy-001", role: "Viewer" },
    ]);
    expect((await call("GET", "/api/org", { auth: a.key })).status).toBe(200);
  });

  test("GIVEN api_key_max_seconds_to_live WHEN a token has no or too long a TTL THEN 400", async () => {
    await start({ grafana: "12.1", apiKeyMaxSecondsToLive: 3600 });
    const sa = (await call("POST", "/api/serviceaccounts", { body: { name: "ci", role: "Admin" } })).json;
    const token = (body: object) => call("POST", `/api/serviceaccounts/${sa.id}/tokens`, { body });
    expect(await token({ name: "t" })).toEqual({ status: 400, json: { message: "Number of seconds before expiration should be set" } });
    expect(await token({ name: "t", secondsToLive: 3601 })).toEqual({
      status: 400,
      json: { message: "Number of seconds before expiration is greater than the global limit" },
    });
    const ok = await token({ name: "t", secondsToLive: 3600 });
    expect(ok.status).toBe(200);
    // A token answers in its own org only.
    expect((await call("GET", "/api/org", { auth: ok.json.key, orgId: 2 })).status).toBe(401);
  });
});
