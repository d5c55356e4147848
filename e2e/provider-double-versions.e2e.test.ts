/**
 * What differs between the Grafana provider TEST DOUBLE's releases (e2e/provider-double, see its
 * README for the provider source each rule models): the legacy key left in state under 4.x, plan
 * semantics, imports and lookups that fail, reads of objects Grafana no longer has, and IDs.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { describeEachProviderSet, DoubleWorkdir, planChanges, prepareDoubleWorkdir, stateResources } from "./support/provider-double";

const required = (version?: string): string => `
terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"${version ? `\n      version = "${version}"` : ""}
    }
  }
}

provider "grafana" {
  url  = "http://127.0.0.1:1"
  auth = "admin:admin"
}
`;

async function withWorkdir(
  files: Record<string, string>,
  opts: { env?: Record<string, string>; providerVersion?: string | null },
  fn: (wd: DoubleWorkdir) => Promise<void>,
): Promise<void> {
  const wd = await prepareDoubleWorkdir(files, opts);
  try {
    await fn(wd);
  } finally {
    wd.cleanup();
  }
}

const apply = (wd: DoubleWorkdir, env?: Record<string, string>) => wd.runOk(["apply", "-auto-approve", "-input=false"], { env });
const ids = (wd: DoubleWorkdir) => stateResources(wd, (v) => v.id).then((rs) => Object.fromEntries(rs.map((r) => [r.address, r.picked])));

const KEY = `
resource "grafana_api_key" "k" {
  name = "k"
  role = "Viewer"
}
`;

describeEachProviderSet("Grafana provider test double: what each release does differently", () => {
  test("a legacy key left in state: after init -upgrade to 4.x the plan fails (no schema for it), with or without a removed block", async () => {
    await withWorkdir({ "main.tf": required("2.19.0") + KEY }, { providerVersion: null }, async (wd) => {
      await apply(wd);
      for (const config of [required("~> 4.0"), `${required("~> 4.0")}\nremoved {\n  from = grafana_api_key.k\n  lifecycle {\n    destroy = false\n  }\n}\n`]) {
        writeFileSync(join(wd.dir, "main.tf"), config);
        const init = await wd.runOk(["init", "-upgrade", "-input=false"]);
        expect(init.stdout).toMatch(/(Installing|Using previously-installed) grafana\/grafana v4\.45\.1/);
        const plan = await wd.run(["plan", "-input=false"]);
        expect(plan.code).toBe(1);
        expect(plan.stderr).toContain("no schema available for grafana_api_key.k while reading state");
      }
    });
  });

  test("a provider authenticated by a token of the same configuration: while a new token is unknown the provider has no Grafana client, so refreshing its resources fails the plan; a targeted apply of the token first, then the full plan, works", async () => {
    const config = (token: string) => `
resource "grafana_service_account" "ci" {
  name = "ci"
  role = "Editor"
}

resource "grafana_service_account_token" "${token}" {
  name               = "${token}"
  service_account_id = grafana_service_account.ci.id
}

provider "grafana" {
  alias = "ci"
  url   = "http://127.0.0.1:1"
  auth  = grafana_service_account_token.${token}.key
}

resource "grafana_folder" "f" {
  provider = grafana.ci
  title    = "f"
}
`;
    // No GRAFANA_AUTH in the environment: the alias has only its own auth, as in real stacks.
    const env = { GRAFANA_AUTH: "" };
    const target = (wd: DoubleWorkdir, address: string) => wd.runOk(["apply", "-auto-approve", "-input=false", `-target=${address}`]);
    for (const version of ["1.43.0", "2.19.0", "4.45.1"]) {
      await withWorkdir({ "main.tf": required(version) + config("one") }, { providerVersion: null, env }, async (wd) => {
        await target(wd, "grafana_service_account_token.one");
        await apply(wd);
        // The alias now signs in with a token the plan has yet to create (as after a migration).
        writeFileSync(join(wd.dir, "main.tf"), required(version) + config("two"));
        const plan = await wd.run(["plan", "-input=false"]);
        expect(plan.code).toBe(1);
        expect(plan.stderr).toMatch(/the Grafana client is required for (this resource|`grafana_folder`)\. Set the auth and url provider attributes/);
        await target(wd, "grafana_service_account_token.two");
        await apply(wd);
        expect((await wd.run(["plan", "-detailed-exitcode", "-input=false"])).code).toBe(0);
      });
    }
  });

  test("plan: grafana_service_account updates name, role, is_disabled in place and replaces on org_id; every Cloud stack account argument replaces (2.19.0, 4.45.1) but 1.43.0 updates role in place", async () => {
    const config = (name: string, role: string, org: string, disabled: boolean) => `
resource "grafana_service_account" "sa" {
  name        = "${name}"
  role        = "${role}"
  org_id      = "${org}"
  is_disabled = ${disabled}
}

resource "grafana_cloud_stack_service_account" "cs" {
  stack_slug = "mystack"
  name       = "cs"
  role       = "${role}"
}
`;
    for (const version of ["1.43.0", "2.19.0", "4.45.1"]) {
      await withWorkdir({ "main.tf": required(version) + config("sa", "Viewer", "1", false) }, { providerVersion: null }, async (wd) => {
        await apply(wd);
        writeFileSync(join(wd.dir, "main.tf"), required(version) + config("sa2", "Editor", "1", true));
        let { changes } = await planChanges(wd);
        const summary = changes.map((c) => [c.address, c.actions.join("+"), c.replacePaths]);
        expect([version, summary]).toEqual([
          version,
          version === "1.43.0"
            ? [["grafana_cloud_stack_service_account.cs", "update", []], ["grafana_service_account.sa", "delete+create", [["name"]]]]
            : [["grafana_cloud_stack_service_account.cs", "delete+create", [["role"]]], ["grafana_service_account.sa", "update", []]],
        ]);
        writeFileSync(join(wd.dir, "main.tf"), required(version) + config("sa", "Viewer", "2", false));
        ({ changes } = await planChanges(wd));
        expect(changes.find((c) => c.address === "grafana_service_account.sa")?.replacePaths).toEqual([["org_id"]]);
      });
    }
  });

  test("IDs as each release makes them", async () => {
    const config = `
resource "grafana_api_key" "k" {
  name = "k"
  role = "Viewer"
}

resource "grafana_cloud_stack_api_key" "ck" {
  stack_slug = "mystack"
  name       = "ck"
  role       = "Viewer"
}

resource "grafana_cloud_stack_service_account" "cs" {
  stack_slug = "mystack"
  name       = "cs"
  role       = "Viewer"
}

resource "grafana_cloud_stack_service_account_token" "ct" {
  stack_slug         = "mystack"
  name               = "ct"
  service_account_id = grafana_cloud_stack_service_account.cs.id
}

resource "grafana_service_account_token" "t" {
  name               = "t"
  service_account_id = "1:5"
}
`;
    const shapes: Record<string, Record<string, string>> = {};
    for (const version of ["1.43.0", "2.19.0"]) {
      await withWorkdir({ "main.tf": required() + config }, { providerVersion: version }, async (wd) => {
        await apply(wd);
        shapes[version] = Object.fromEntries(Object.entries(await ids(wd)).map(([a, id]) => [a, String(id).replace(/\d+/g, "N")]));
      });
    }
    expect(shapes).toEqual({
      "1.43.0": {
        "grafana_api_key.k": "N:N",
        "grafana_cloud_stack_api_key.ck": "N",
        "grafana_cloud_stack_service_account.cs": "N",
        "grafana_cloud_stack_service_account_token.ct": "N",
        "grafana_service_account_token.t": "N",
      },
      "2.19.0": {
        "grafana_api_key.k": "N:N",
        "grafana_cloud_stack_api_key.ck": "N",
        "grafana_cloud_stack_service_account.cs": "mystack:N",
        "grafana_cloud_stack_service_account_token.ct": "N",
        "grafana_service_account_token.t": "N",
      },
    });
  });

  test("importing a service account Grafana does not have: terraform's non-existent object (2.19.0), the resource's own error (4.45.1)", async () => {
    const config = `
import {
  to = grafana_service_account.sa
  id = "1:99"
}

resource "grafana_service_account" "sa" {
  name = "sa"
  role = "Viewer"
}
`;
    const env = { GRAFANA_DOUBLE_SERVICE_ACCOUNTS: JSON.stringify({ other: "1:7" }) };
    for (const [version, message] of [
      ["2.19.0", "Cannot import non-existent remote object"],
      ["4.45.1", "Resource not found"],
    ]) {
      await withWorkdir({ "main.tf": required(version) + config }, { env, providerVersion: null }, async (wd) => {
        const plan = await wd.run(["plan", "-input=false"]);
        expect([version, plan.code, plan.stderr.includes(message)]).toEqual([version, 1, true]);
      });
    }
  });

  test("the grafana_service_account data source: 4.45.1 reports a name it does not find; 2.19.0 sees the first page only and would loop forever past it", async () => {
    const lookup = (name: string) => `
data "grafana_service_account" "x" {
  name = "${name}"
}
`;
    // 1001 accounts: Grafana's default page holds 1000, so "last" is on page 2.
    const accounts = Array.from({ length: 1001 }, (_, i) => ({ name: i === 1000 ? "last" : `sa-${i}`, id: `1:${i + 1}` }));
    const env = { GRAFANA_DOUBLE_SERVICE_ACCOUNTS: JSON.stringify(accounts) };
    await withWorkdir({ "main.tf": required("4.45.1") + lookup("nope") }, { env, providerVersion: null }, async (wd) => {
      const plan = await wd.run(["plan", "-input=false"]);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toContain('service account "nope" not found');
      writeFileSync(join(wd.dir, "main.tf"), required("4.45.1") + lookup("last"));
      await wd.runOk(["plan", "-input=false"]);
    });
    await withWorkdir({ "main.tf": required("2.19.0") + lookup("sa-3") }, { env, providerVersion: null }, async (wd) => {
      await wd.runOk(["plan", "-input=false"]);
      writeFileSync(join(wd.dir, "main.tf"), required("2.19.0") + lookup("last"));
      const plan = await wd.run(["plan", "-input=false"]);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toContain("the real provider 2.19.0 would loop forever here");
      expect(plan.stderr).toContain("data_source_service_account.go @ v2.19.0");
    });
  });

  test("reads of objects Grafana no longer has (GRAFANA_DOUBLE_GONE): keys-removed warns and drops API keys but fails Cloud stack keys; a gone token is dropped", async () => {
    const config = `
resource "grafana_api_key" "k" {
  name = "k"
  role = "Viewer"
}

resource "grafana_service_account_token" "t" {
  name               = "t"
  service_account_id = "1:5"
}
`;
    const stackKey = `
resource "grafana_cloud_stack_api_key" "ck" {
  stack_slug = "mystack"
  name       = "ck"
  role       = "Viewer"
}
`;
    await withWorkdir({ "main.tf": required() + config }, {}, async (wd) => {
      await apply(wd);
      const keyId = (await ids(wd))["grafana_api_key.k"];
      expect((await planChanges(wd)).changes.every((c) => c.actions.join() === "no-op")).toBe(true);
      const plan = await wd.runOk(["plan", "-input=false"], { env: { GRAFANA_DOUBLE_GONE: "keys-removed" } });
      expect(plan.stdout + plan.stderr).toContain(`API key with ID "${keyId}" is in Terraform state, but no longer exists in Grafana`);
      expect(plan.stdout).toMatch(/# grafana_api_key\.k will be created/);
      const tokenGone = await wd.runOk(["plan", "-input=false"], { env: { GRAFANA_DOUBLE_GONE: JSON.stringify(["t"]) } });
      expect(tokenGone.stdout).toMatch(/# grafana_service_account_token\.t will be created/);
      expect(tokenGone.stdout).not.toMatch(/grafana_api_key\.k will be/);

      writeFileSync(join(wd.dir, "main.tf"), required() + config + stackKey);
      await apply(wd);
      const fatal = await wd.run(["plan", "-input=false"], { env: { GRAFANA_DOUBLE_GONE: "keys-removed" } });
      expect(fatal.code).toBe(1);
      expect(fatal.stderr).toContain("[GET /auth/keys][404] getAPIkeysNotFound");
      expect(fatal.stderr).toContain("TEST DOUBLE modelling grafana/grafana v2.19.0");
    });
  });
});
