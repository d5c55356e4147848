/**
 * Proves the e2e pieces work: the Grafana API TEST DOUBLE (plain HTTP), the double against the
 * Go API client that Grafana provider 2.19.0 is built with, terraform with the toolchain's CLI
 * config and mirror layout, and (where the provider binary is installed) the real provider
 * 2.19.0 applying and destroying the Grafana docs' legacy-key and service-account examples.
 *
 * No key or token value is ever printed: assertions compare shapes and booleans only.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { GLSA_PATTERN, GrafanaDouble, OrgRole } from "./grafana-double";
import {
  createWorkdir,
  describeE2E,
  describeRun,
  providerMirrorFile,
  requireToolchain,
  runGoClientCheck,
  runTerraform,
} from "./support/terraform";

interface CallOptions {
  /** "admin" (basic auth, the default), a bearer secret, or null for no auth. */
  auth?: string | null;
  body?: unknown;
  orgId?: number;
}

async function call(double: GrafanaDouble, method: string, path: string, opts: CallOptions = {}): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const auth = opts.auth === undefined ? "admin" : opts.auth;
  if (auth === "admin") headers.Authorization = `Basic ${Buffer.from(double.adminAuth).toString("base64")}`;
  else if (auth) headers.Authorization = `Bearer ${auth}`;
  if (opts.orgId !== undefined) headers["X-Grafana-Org-Id"] = String(opts.orgId);
  const res = await fetch(`${double.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Create an API key over HTTP; returns id and secret (never print the secret). */
async function addKey(double: GrafanaDouble, name: string, role: OrgRole, secondsToLive?: number): Promise<{ id: number; key: string }> {
  const r = await call(double, "POST", "/api/auth/keys", { body: { name, role, secondsToLive } });
  expect(r.status).toBe(200);
  return { id: r.json.id, key: r.json.key };
}

/** Whether `text` holds any secret the double issued (asserted as a boolean, so never printed). */
function leaksSecret(double: GrafanaDouble, text: string): boolean {
  return double.redact(text) !== text;
}

function decodeLegacyKey(key: string): { k: string; n: string; id: number } {
  return JSON.parse(Buffer.from(key, "base64").toString("utf8"));
}

// ---------------------------------------------------------------------------------------------
// (a) the double with plain HTTP: needs nothing installed
// ---------------------------------------------------------------------------------------------
describe("Grafana API test double (plain HTTP)", () => {
  let double: GrafanaDouble;
  let nowMs = Date.UTC(2024, 4, 1, 12, 0, 0);

  beforeEach(async () => {
    nowMs = Date.UTC(2024, 4, 1, 12, 0, 0);
    // Grafana 10: the last version that still creates API keys.
    double = await new GrafanaDouble({ now: () => nowMs, orgs: [1, 2], grafana: "10" }).start();
  });
  afterEach(async () => {
    await double.stop();
  });

  test("GIVEN an admin WHEN it creates an API key THEN the key is Grafana-shaped, authenticates, lists and deletes", async () => {
    const { id, key } = await addKey(double, "key_foo", "Viewer");
    const decoded = decodeLegacyKey(key);
    expect(decoded.n).toBe("key_foo");
    expect(decoded.id).toBe(1); // the org id, as in Grafana's key format
    expect(/^[A-Za-z0-9]{32}$/.test(decoded.k)).toBe(true);

    const org = await call(double, "GET", "/api/org", { auth: key });
    expect(org).toEqual({ status: 200, json: { id: 1, name: "Org 1" } });

    const list = await call(double, "GET", "/api/auth/keys");
    expect(list.json).toEqual([{ id, name: "key_foo", role: "Viewer", lastUsedAt: expect.any(String) }]);

    expect((await call(double, "POST", "/api/auth/keys", { body: { name: "key_foo", role: "Viewer" } })).status).toBe(409);
    expect((await call(double, "DELETE", `/api/auth/keys/${id}`)).json).toEqual({ message: "API key deleted" });
    expect((await call(double, "DELETE", `/api/auth/keys/${id}`)).status).toBe(404);
    expect((await call(double, "GET", "/api/org", { auth: key })).status).toBe(401);
    expect(double.apiKeys()).toEqual([]);
  });

  test("GIVEN a key with a TTL WHEN it expires THEN it is listed only with includeExpired and gets 401", async () => {
    const { key } = await addKey(double, "key_bar", "Admin", 30);
    const [row] = double.apiKeys();
    expect(row.expires).toBe(nowMs / 1000 + 30);
    expect((await call(double, "GET", "/api/auth/keys")).json[0].expiration).toBe("2024-05-01T12:00:30Z");

    nowMs += 31_000;
    expect((await call(double, "GET", "/api/auth/keys")).json).toEqual([]);
    expect((await call(double, "GET", "/api/auth/keys?includeExpired=true")).json).toHaveLength(1);
    const denied = await call(double, "GET", "/api/org", { auth: key });
    expect(denied).toEqual({ status: 401, json: { message: "Expired API key" } });
  });

  test("GIVEN service accounts WHEN searched, read, patched and deleted THEN they behave like Grafana's", async () => {
    const created = await call(double, "POST", "/api/serviceaccounts", { body: { name: "Deploy Bot", role: "Editor" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 2, name: "Deploy Bot", login: "sa-1-deploy-bot", orgId: 1, role: "Editor", isDisabled: false, tokens: 0 });
    await call(double, "POST", "/api/serviceaccounts", { body: { name: "other" } });
    expect((await call(double, "POST", "/api/serviceaccounts", { body: { name: "other" } })).status).toBe(400);

    const page1 = await call(double, "GET", "/api/serviceaccounts/search?perpage=1&page=1");
    expect(page1.json).toMatchObject({ totalCount: 2, page: 1, perPage: 1 });
    expect(page1.json.serviceAccounts).toHaveLength(1);
    const byQuery = await call(double, "GET", "/api/serviceaccounts/search?query=deploy");
    expect(byQuery.json.serviceAccounts.map((s: { name: string }) => s.name)).toEqual(["Deploy Bot"]);
    // Another org does not see them.
    expect((await call(double, "GET", "/api/serviceaccounts/search", { orgId: 2 })).json.totalCount).toBe(0);

    const patched = await call(double, "PATCH", "/api/serviceaccounts/2", { body: { role: "Admin", isDisabled: true } });
    expect(patched.json).toMatchObject({ message: "Service account updated", id: 2, serviceaccount: { role: "Admin", isDisabled: true } });
    expect((await call(double, "GET", "/api/serviceaccounts/2")).json).toMatchObject({ role: "Admin", isDisabled: true });

    expect((await call(double, "DELETE", "/api/serviceaccounts/2")).json).toEqual({ message: "Service account deleted" });
    expect((await call(double, "GET", "/api/serviceaccounts/2")).status).toBe(404);
    expect(double.serviceAccounts().map((s) => s.name)).toEqual(["other"]);
  });

  test("GIVEN a service account WHEN tokens are made THEN they are glsa_-shaped, authenticate, and die with deletion", async () => {
    await call(double, "POST", "/api/serviceaccounts", { body: { name: "ci", role: "Admin" } });
    const tok = await call(double, "POST", "/api/serviceaccounts/2/tokens", { body: { name: "ci-token", secondsToLive: 3600 } });
    expect(tok.status).toBe(200);
    expect(GLSA_PATTERN.test(tok.json.key)).toBe(true);
    const secret: string = tok.json.key;

    const listed = await call(double, "GET", "/api/serviceaccounts/2/tokens", { auth: secret });
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      expect.objectContaining({ id: tok.json.id, name: "ci-token", expiration: "2024-05-01T13:00:00Z", hasExpired: false, secondsUntilExpiration: 3600 }),
    ]);
    // Keys and tokens share Grafana's api_key table: one id sequence, one (org, name) namespace.
    expect((await call(double, "POST", "/api/auth/keys", { body: { name: "ci-token", role: "Viewer" } })).status).toBe(409);
    expect((await addKey(double, "plain", "Viewer")).id).toBe(tok.json.id + 1);

    expect((await call(double, "DELETE", `/api/serviceaccounts/2/tokens/${tok.json.id}`)).status).toBe(200);
    expect((await call(double, "GET", "/api/org", { auth: secret })).status).toBe(401);
    expect((await call(double, "DELETE", `/api/serviceaccounts/2/tokens/${tok.json.id}`)).status).toBe(404);
  });

  test("GIVEN legacy keys WHEN all are migrated THEN each becomes a token of sa-autogen-{name} and old secrets keep working", async () => {
    const foo = await addKey(double, "key_foo", "Viewer");
    const bar = await addKey(double, "Key Bar", "Admin", 30);

    const migrated = await call(double, "POST", "/api/serviceaccounts/migrate");
    expect(migrated).toEqual({ status: 200, json: { total: 2, migrated: 2, failed: 0, failedApikeyIDs: [], failedDetails: [] } });

    const accounts = double.serviceAccounts(1);
    // The login is lower-cased; spaces stay (the migration does not replace them).
    expect(accounts.map(({ name, login, role }) => ({ name, login, role }))).toEqual([
      { name: "sa-autogen-key_foo", login: "sa-autogen-1-key_foo", role: "Viewer" },
      { name: "sa-autogen-Key Bar", login: "sa-autogen-1-key bar", role: "Admin" },
    ]);
    const fooSa = accounts[0];
    expect(double.tokens(fooSa.id)).toEqual([expect.objectContaining({ id: foo.id, name: "key_foo", secretFormat: "legacy" })]);
    expect(double.tokens(accounts[1].id)[0].expires).toBe(nowMs / 1000 + 30);
    expect((await call(double, "GET", "/api/auth/keys?includeExpired=true")).json).toEqual([]);

    // The old secrets still work, now as service account tokens.
    double.clearRequests();
    expect((await call(double, "GET", "/api/org", { auth: foo.key })).status).toBe(200);
    expect((await call(double, "GET", "/api/serviceaccounts/search", { auth: bar.key })).status).toBe(200);
    expect(double.requests.map((r) => r.auth)).toEqual(["sa_token", "sa_token"]);
    // Grafana 10 still creates keys after a migration.
    expect((await call(double, "POST", "/api/auth/keys", { body: { name: "new_key", role: "Viewer" } })).status).toBe(200);
  });

  test("GIVEN one migrated key WHEN it alone is migrated THEN the other keys stay keys and key creation stays open", async () => {
    const foo = await addKey(double, "key_foo", "Editor");
    await addKey(double, "key_keep", "Viewer");
    expect((await call(double, "POST", `/api/serviceaccounts/migrate/${foo.id}`)).status).toBe(200);
    const [sa] = double.serviceAccounts();
    expect(sa).toMatchObject({ name: "sa-autogen-key_foo", role: "Editor" });
    expect(double.apiKeys().map((k) => k.name)).toEqual(["key_keep"]);
    expect((await call(double, "POST", "/api/auth/keys", { body: { name: "key_new", role: "Viewer" } })).status).toBe(200);
  });

  test("GIVEN weak or missing credentials WHEN they call admin endpoints THEN 401/403, and unknown routes are logged as unhandled", async () => {
    const viewer = await addKey(double, "viewer", "Viewer");
    expect((await call(double, "GET", "/api/auth/keys", { auth: viewer.key })).status).toBe(403);
    expect((await call(double, "GET", "/api/org", { auth: null })).status).toBe(401);
    expect((await call(double, "GET", "/api/org", { auth: "glsa_notarealtoken" })).status).toBe(401);
    expect((await call(double, "GET", "/api/org", { orgId: 99 })).status).toBe(401);
    // A key acts in its own org only.
    expect((await call(double, "GET", "/api/org", { auth: viewer.key, orgId: 2 })).status).toBe(401);
    expect((await call(double, "GET", "/api/org", { auth: viewer.key, orgId: 1 })).status).toBe(200);
    expect((await call(double, "GET", "/api/health", { auth: null })).status).toBe(200);
    expect((await call(double, "GET", "/api/dashboards/home")).status).toBe(404);
    expect(double.unhandledRequests().map((r) => r.path)).toEqual(["/api/dashboards/home"]);
  });

  test("GIVEN traffic with secrets WHEN the log and state are serialized THEN no secret appears, and redact() scrubs them", async () => {
    const { key } = await addKey(double, "k", "Admin");
    await call(double, "POST", "/api/serviceaccounts", { body: { name: "sa", role: "Admin" } });
    const tok = await call(double, "POST", "/api/serviceaccounts/2/tokens", { body: { name: "t" } });
    await call(double, "GET", "/api/org", { auth: key });
    const dump = JSON.stringify({ log: double.requests, state: double.state() });
    expect(dump.includes(key)).toBe(false);
    expect(dump.includes(tok.json.key)).toBe(false);
    expect(double.redact(`a ${key} b ${tok.json.key}`) === "a [REDACTED] b [REDACTED]").toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) the provider's own Go API client against the double: needs `go`
// ---------------------------------------------------------------------------------------------
describeE2E(
  "Grafana provider 2.19.0's Go API client (grafana-openapi-client-go) against the double",
  () => {
    let double: GrafanaDouble;
    afterEach(async () => {
      await double.stop();
    });

    test.each(["11.3", "12.1"] as const)("Grafana %s: key creation is refused as that version refuses it, the rest is accepted", async (grafana) => {
      double = await new GrafanaDouble({ grafana }).start();
      const { code, steps } = await runGoClientCheck(double.url, double.adminAuth, grafana);
      expect(steps.filter((s) => !s.ok)).toEqual([]);
      expect(code).toBe(0);
      const byStep = Object.fromEntries(steps.map((s) => [s.step, s.detail ?? {}]));
      expect(byStep["api_key.create_refused"]).toEqual({ status: grafana === "11.3" ? 410 : 404, matches: true });
      expect(byStep["token.create"]).toMatchObject({ glsaShaped: true });
      expect(byStep["service_account.read_after_delete_is_404"]).toEqual({ notFound: true });
      expect(double.unhandledRequests()).toEqual([]);
      expect(double.requests.some((r) => r.removed)).toBe(grafana === "12.1");
    });

    test.each(["9.4", "10"] as const)("Grafana %s: every call the provider's key, service account and token resources make is accepted", async (grafana) => {
      double = await new GrafanaDouble({ grafana }).start();
      const { code, steps, output } = await runGoClientCheck(double.url, double.adminAuth, grafana);
      const failed = steps.filter((s) => !s.ok);
      expect(failed).toEqual([]);
      expect(code).toBe(0);
      expect(steps.length).toBeGreaterThanOrEqual(20);
      const byStep = Object.fromEntries(steps.map((s) => [s.step, s.detail ?? {}]));
      expect(byStep["api_key.read"]).toEqual({ name: "gocheck_viewer", role: "Viewer", expirationZero: true });
      expect(byStep["api_key.create_ttl"]).toMatchObject({ role: "Admin", expirationZero: false });
      expect(byStep["service_account.create"]).toMatchObject({ orgId: 1, role: "Admin" });
      expect(byStep["token.create"]).toMatchObject({ glsaShaped: true });
      expect(byStep["token.read"]).toMatchObject({ hasExpired: false, expirationZero: true, createdZero: false });
      // isDisabled=false is dropped by the client's omitempty: the provider cannot re-enable an account.
      expect(byStep["service_account.update_false_is_omitted"]).toEqual({ isDisabled: true });
      expect(output).not.toMatch(/glsa_[A-Za-z0-9]{32}/);

      const basic = double.requests.filter((r) => r.auth === "basic");
      expect(basic.length).toBeGreaterThan(10);
      expect(basic.every((r) => r.orgHeader === "1" && r.fromTerraformProvider)).toBe(true);
      expect(double.unhandledRequests()).toEqual([]);
    });
  },
  { needs: ["go"] },
);

// ---------------------------------------------------------------------------------------------
// (c) terraform with the toolchain's CLI config: needs terraform only
// ---------------------------------------------------------------------------------------------
describeE2E(
  "terraform with the toolchain's CLI config",
  () => {
    test("runs a provider-less configuration (Terraform JSON) through init, apply and output", async () => {
      const wd = await createWorkdir({ output: { hello: { value: "world" } } }, { providerVersion: null });
      try {
        await wd.runOk(["apply", "-auto-approve", "-input=false"]);
        const out = await wd.runOk(["output", "-json"]);
        expect(JSON.parse(out.stdout)).toEqual({ hello: { sensitive: false, type: "string", value: "world" } });
        const version = await runTerraform(wd.dir, ["version", "-json"], { toolchain: wd.toolchain });
        const [major, minor] = JSON.parse(version.stdout).terraform_version.split(".").map(Number);
        expect(major > 1 || (major === 1 && minor >= 7)).toBe(true);
      } finally {
        wd.cleanup();
      }
    });

    test("init installs grafana/grafana 2.19.0 offline from an unpacked mirror with install-toolchain.sh's layout and config", async () => {
      const toolchain = requireToolchain(null);
      const root = mkdtempSync(join(tmpdir(), "grafana-e2e-mirror-"));
      try {
        // A stub in place of the provider binary: init only checks and links it, never runs it.
        const stub = providerMirrorFile("2.19.0", join(root, "mirror"));
        mkdirSync(join(stub, ".."), { recursive: true });
        writeFileSync(stub, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
        const rc = readFileSync(toolchain.cliConfig, "utf8").split(toolchain.mirror).join(join(root, "mirror"));
        writeFileSync(join(root, "terraformrc"), rc);
        const work = join(root, "work");
        mkdirSync(work);
        writeFileSync(
          join(work, "main.tf"),
          'terraform {\n  required_providers {\n    grafana = { source = "grafana/grafana", version = "2.19.0" }\n  }\n}\n',
        );
        const r = await runTerraform(work, ["init", "-input=false"], {
          toolchain: { ...toolchain, cliConfig: join(root, "terraformrc") },
        });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain("Installed grafana/grafana v2.19.0");
        expect(readFileSync(join(work, ".terraform.lock.hcl"), "utf8")).toMatch(/provider "registry.terraform.io\/grafana\/grafana"[\s\S]*version\s*=\s*"2.19.0"/);
        const linked = join(work, ".terraform", "providers", "registry.terraform.io", "grafana", "grafana", "2.19.0");
        expect(existsSync(linked)).toBe(true);
        expect(lstatSync(join(linked, stub.split("/").at(-2)!)).isSymbolicLink()).toBe(true);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  },
  { needs: ["terraform"] },
);

// ---------------------------------------------------------------------------------------------
// (d) the real provider 2.19.0 from the mirror against the double
// ---------------------------------------------------------------------------------------------
function providerBlock(double: GrafanaDouble): string {
  // The Grafana docs' examples, with the provider pinned to 2.19.0 (the last one with grafana_api_key).
  return `terraform {
  required_providers {
    grafana = {
      source  = "grafana/grafana"
      version = "2.19.0"
    }
  }
}

provider "grafana" {
  url  = "${double.url}"
  auth = "${double.adminAuth}"
}
`;
}

describeE2E(
  "terraform + Grafana provider 2.19.0 against the double",
  () => {
    let double: GrafanaDouble;
    beforeEach(async () => {
      double = await new GrafanaDouble({ grafana: "10" }).start();
    });
    afterEach(async () => {
      await double.stop();
    });

    function expectProviderTrafficOnly(): void {
      expect(double.unhandledRequests()).toEqual([]);
      expect(double.requests.every((r) => r.auth === "basic" && r.fromTerraformProvider)).toBe(true);
    }

    test("applies and destroys the legacy grafana_api_key example", async () => {
      const wd = await createWorkdir(
        providerBlock(double) +
          `
resource "grafana_api_key" "foo" {
  name = "key_foo"
  role = "Viewer"
}

resource "grafana_api_key" "bar" {
  name            = "key_bar"
  role            = "Admin"
  seconds_to_live = 30
}
`,
      );
      try {
        const apply = await wd.runOk(["apply", "-auto-approve", "-input=false"]);
        expect(apply.stdout).toContain("Apply complete! Resources: 2 added");
        expect(leaksSecret(double, apply.raw.stdout + apply.raw.stderr)).toBe(false);
        const keys = double.apiKeys(1).map(({ name, role, expires }) => ({ name, role, expires: expires !== null }));
        expect(keys.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
          { name: "key_bar", role: "Admin", expires: true },
          { name: "key_foo", role: "Viewer", expires: false },
        ]);

        const plan = await wd.run(["plan", "-detailed-exitcode", "-input=false"]);
        expect(plan.code === 0 ? "no changes" : describeRun(["plan"], plan)).toBe("no changes");

        await wd.runOk(["destroy", "-auto-approve", "-input=false"]);
        expect(double.apiKeys()).toEqual([]);
        expectProviderTrafficOnly();
      } finally {
        wd.cleanup();
      }
    });

    test("applies and destroys a service account with two tokens", async () => {
      const wd = await createWorkdir(
        providerBlock(double) +
          `
resource "grafana_service_account" "test" {
  name        = "test-service-account"
  role        = "Viewer"
  is_disabled = false
}

resource "grafana_service_account_token" "foo" {
  name               = "key_foo"
  service_account_id = grafana_service_account.test.id
}

resource "grafana_service_account_token" "bar" {
  name               = "key_bar"
  service_account_id = grafana_service_account.test.id
  seconds_to_live    = 30
}
`,
      );
      try {
        const apply = await wd.runOk(["apply", "-auto-approve", "-input=false"]);
        expect(apply.stdout).toContain("Apply complete! Resources: 3 added");
        expect(leaksSecret(double, apply.raw.stdout + apply.raw.stderr)).toBe(false);
        const [sa] = double.serviceAccounts(1);
        expect(sa).toMatchObject({ name: "test-service-account", role: "Viewer", isDisabled: false });
        const tokens = double.tokens(sa.id).map(({ name, expires }) => ({ name, expires: expires !== null }));
        expect(tokens.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
          { name: "key_bar", expires: true },
          { name: "key_foo", expires: false },
        ]);

        const plan = await wd.run(["plan", "-detailed-exitcode", "-input=false"]);
        expect(plan.code === 0 ? "no changes" : describeRun(["plan"], plan)).toBe("no changes");

        await wd.runOk(["destroy", "-auto-approve", "-input=false"]);
        expect(double.serviceAccounts()).toEqual([]);
        expect(double.state().apiKeys).toEqual([]);
        expectProviderTrafficOnly();
      } finally {
        wd.cleanup();
      }
    });
  },
  { needs: ["terraform", "provider"] },
);
