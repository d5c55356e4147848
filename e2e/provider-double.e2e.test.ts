/**
 * The Grafana provider TEST DOUBLE (e2e/provider-double) under real terraform: that each release
 * serves its reference schema, that terraform's own validation runs against it, and that it plans
 * and applies like the real provider where the migration depends on it (computed IDs and secrets,
 * replacement of keys and tokens, import and lookup of service accounts). Version-specific
 * behaviour: provider-double-versions.e2e.test.ts. Not the Grafana provider: see
 * e2e/support/provider-double.ts.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { PROJECT_ROOT } from "./support/terraform";
import {
  addressesWith,
  describeEachProviderSet,
  DOUBLE_VERSIONS,
  DoubleWorkdir,
  planChanges,
  prepareDoubleWorkdir,
  stateResources,
} from "./support/provider-double";

const REFERENCE = join(PROJECT_ROOT, "schema", "reference");
const GLSA = /^glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}$/;

const PROVIDER = `
terraform {
  required_providers {
    grafana = { source = "grafana/grafana" }
  }
}

provider "grafana" {
  url  = "http://127.0.0.1:1"
  auth = "admin:admin"
}
`;

async function withWorkdir(
  files: Record<string, string>,
  fn: (wd: DoubleWorkdir) => Promise<void>,
  env?: Record<string, string>,
  providerVersion?: string,
): Promise<void> {
  const wd = await prepareDoubleWorkdir(files, { env, providerVersion });
  try {
    await fn(wd);
  } finally {
    wd.cleanup();
  }
}

type SchemaDoc = { provider_schemas: Record<string, { provider: { block: Block }; resource_schemas: Record<string, { block: Block }>; data_source_schemas?: Record<string, unknown> }> };
type Block = { attributes?: Record<string, Record<string, unknown>> };

describeEachProviderSet("Grafana provider test double (grafana/grafana 1.43.0, 2.19.0, 4.45.1) under terraform", () => {
  test.each(DOUBLE_VERSIONS)("%s serves exactly that release's schema (schema/reference), functions left out", async (version) => {
    await withWorkdir({ "main.tf": PROVIDER }, async (wd) => {
      // -chdir first: runTerraform puts -no-color after "providers", which `providers schema` refuses.
      const r = await wd.runOk(["-chdir=.", "providers", "schema", "-json"]);
      const served = (JSON.parse(r.raw.stdout) as SchemaDoc).provider_schemas["registry.terraform.io/grafana/grafana"];
      const real = (JSON.parse(readFileSync(join(REFERENCE, `grafana-provider-schema.v${version}.json`), "utf8")) as SchemaDoc)
        .provider_schemas["registry.terraform.io/grafana/grafana"];
      expect(Object.keys(served.resource_schemas).sort()).toEqual(Object.keys(real.resource_schemas).sort());
      expect(Object.keys(served.data_source_schemas ?? {}).sort()).toEqual(Object.keys(real.data_source_schemas ?? {}).sort());
      const attrNames = (b: Block): string[] => Object.keys(b.attributes ?? {}).sort();
      expect(attrNames(served.provider.block)).toEqual(attrNames(real.provider.block));
      for (const type of ["grafana_service_account", "grafana_service_account_token", "grafana_api_key"].filter((t) => t in real.resource_schemas)) {
        expect([type, attrNames(served.resource_schemas[type].block)]).toEqual([type, attrNames(real.resource_schemas[type].block)]);
      }
      expect("grafana_api_key" in served.resource_schemas).toBe(version !== "4.45.1");
    }, undefined, version);
  });

  test("validate: terraform's own messages for an unknown or missing argument, the real provider's role check", async () => {
    await withWorkdir(
      {
        "main.tf": `${PROVIDER}
resource "grafana_service_account" "sa" {
  name        = "sa"
  role        = "Viewer"
  not_a_field = true
}

resource "grafana_service_account_token" "t" {
  service_account_id = "1:1"
}
`,
      },
      async (wd) => {
        const r = await wd.run(["validate"]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('An argument named "not_a_field" is not expected here.');
        expect(r.stderr).toContain('The argument "name" is required, but no definition was found.');
      },
    );
    await withWorkdir(
      {
        "main.tf": `${PROVIDER}
resource "grafana_service_account" "sa" {
  name = "sa"
  role = "Owner"
}

resource "grafana_api_key" "k" {
  name = "k"
  role = "None"
}

# The Grafana docs' example slug.
resource "grafana_cloud_stack" "s" {
  name = "my_stack"
  slug = "my_stack"
}
`,
      },
      async (wd) => {
        const r = await wd.run(["validate"]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('expected role to be one of ["Viewer" "Editor" "Admin" "None"], got Owner');
        expect(r.stderr).toContain('expected role to be one of ["Viewer" "Editor" "Admin"], got None');
        expect(r.stderr).toContain("invalid value for slug (must be a lowercase alphanumeric string and must start with a letter.)");
      },
    );
  });

  test("apply: IDs, a glsa_-shaped token and an expiration are filled in, the key is never shown, a second plan has no changes", async () => {
    await withWorkdir(
      {
        "main.tf": `${PROVIDER}
resource "grafana_service_account" "sa" {
  name = "sa-ci"
  role = "Editor"
}

resource "grafana_service_account_token" "t" {
  name               = "ci"
  service_account_id = grafana_service_account.sa.id
  seconds_to_live    = 3600
}

output "token" {
  value     = grafana_service_account_token.t.key
  sensitive = true
}
`,
      },
      async (wd) => {
        const plan = await wd.runOk(["plan", "-input=false"]);
        expect(plan.stdout).toMatch(/\+ key\s+= \(sensitive value\)/);
        expect(plan.stdout).toMatch(/\+ id\s+= \(known after apply\)/);
        const apply = await wd.runOk(["apply", "-auto-approve", "-input=false"]);
        expect(apply.stdout).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
        expect(apply.stdout).toContain("token = <sensitive>");
        expect(/glsa_/.test(apply.raw.stdout + apply.raw.stderr)).toBe(false);

        const state = await stateResources(wd, (v) => ({
          id: v.id,
          keyIsGlsa: typeof v.key === "string" ? GLSA.test(v.key) : undefined,
          expirationSet: typeof v.expiration === "string" ? v.expiration !== "" : undefined,
          has_expired: v.has_expired,
          is_disabled: v.is_disabled,
          org_id: v.org_id,
          service_account_id: v.service_account_id,
        }));
        const [sa, token] = state;
        expect(sa).toMatchObject({ address: "grafana_service_account.sa", picked: { is_disabled: false, org_id: "1" } });
        expect(sa.picked.id).toMatch(/^1:\d+$/);
        expect(token).toMatchObject({
          address: "grafana_service_account_token.t",
          picked: { keyIsGlsa: true, expirationSet: true, has_expired: false, service_account_id: sa.picked.id },
        });
        expect(wd.log().map((e) => [e.op, e.type, e.name])).toEqual([
          ["create", "grafana_service_account", "sa-ci"],
          ["create", "grafana_service_account_token", "ci"],
        ]);
        expect(readFileSync(wd.logFile, "utf8")).not.toMatch(/glsa_/);

        const out = await wd.runOk(["output", "-raw", "token"]);
        expect(GLSA.test(out.raw.stdout)).toBe(true);
        expect(out.stdout).toBe("[REDACTED]");

        const replan = await wd.run(["plan", "-detailed-exitcode", "-input=false"]);
        expect(replan.code).toBe(0);
      },
    );
  });

  test("plan: every token and key argument forces replacement; a service account's role changes in place", async () => {
    const config = (tokenName: string, role: string, keyTtl: number): Record<string, string> => ({
      "main.tf": `${PROVIDER}
resource "grafana_service_account" "sa" {
  name = "sa"
  role = "${role}"
}

resource "grafana_service_account_token" "t" {
  name               = "${tokenName}"
  service_account_id = grafana_service_account.sa.id
}

resource "grafana_api_key" "k" {
  name            = "k"
  role            = "Viewer"
  seconds_to_live = ${keyTtl}
}
`,
    });
    const wd = await prepareDoubleWorkdir(config("t1", "Viewer", 60));
    try {
      await wd.runOk(["apply", "-auto-approve", "-input=false"]);
      const next = config("t2", "Admin", 120);
      for (const [name, text] of Object.entries(next)) writeFileSync(join(wd.dir, name), text);
      const { plan, changes } = await planChanges(wd);
      expect(addressesWith(changes, "update")).toEqual(["grafana_service_account.sa"]);
      expect(addressesWith(changes, "delete", "create")).toEqual(["grafana_api_key.k", "grafana_service_account_token.t"]);
      expect(changes.find((c) => c.address === "grafana_service_account_token.t")?.replacePaths).toEqual([["name"]]);
      expect(changes.find((c) => c.address === "grafana_api_key.k")?.replacePaths).toEqual([["seconds_to_live"]]);
      expect(plan.stdout).toContain("# forces replacement");
    } finally {
      wd.cleanup();
    }
  });

  test("import and data source: service accounts by ID and by name from GRAFANA_DOUBLE_SERVICE_ACCOUNTS", async () => {
    await withWorkdir(
      {
        "main.tf": `${PROVIDER}
data "grafana_service_account" "auto" {
  name = "sa-autogen-key_foo"
}

import {
  to = grafana_service_account.adopted
  id = data.grafana_service_account.auto.id
}

resource "grafana_service_account" "adopted" {
  name = "sa-autogen-key_foo"
  role = "Viewer"
}

import {
  to = grafana_service_account.by_id
  id = "7"
}

resource "grafana_service_account" "by_id" {
  name = "sa-other"
  role = "Admin"
}
`,
      },
      async (wd) => {
        const { changes } = await planChanges(wd);
        // The first matches what the double reports for its ID; the second's name differs.
        expect(changes.map((c) => [c.address, c.actions.join(",")])).toEqual([
          ["grafana_service_account.adopted", "no-op"],
          ["grafana_service_account.by_id", "update"],
        ]);
        await wd.runOk(["apply", "-auto-approve", "-input=false"]);
        const state = await stateResources(wd, (v) => ({ id: v.id, name: v.name, role: v.role }));
        expect(state.map((s) => s.picked)).toEqual([
          { id: "1:42", name: "sa-autogen-key_foo", role: "Viewer" },
          { id: "1:7", name: "sa-other", role: "Admin" },
        ]);
        expect(wd.log().map((e) => [e.op, e.id])).toEqual(expect.arrayContaining([["import", "1:42"], ["import", "1:7"], ["update", "1:7"]]));
      },
      { GRAFANA_DOUBLE_SERVICE_ACCOUNTS: JSON.stringify({ "sa-autogen-key_foo": { id: "1:42", role: "Viewer" }, "sa-renamed": "1:7" }) },
    );
  });

  test("tokens cannot be imported: the real provider's token resources have no importer (SDK message)", async () => {
    await withWorkdir(
      {
        "main.tf": `${PROVIDER}
import {
  to = grafana_service_account_token.t
  id = "12"
}

resource "grafana_service_account_token" "t" {
  name               = "t"
  service_account_id = "1:3"
}
`,
      },
      async (wd) => {
        const r = await wd.run(["plan", "-input=false"]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain("resource grafana_service_account_token doesn't support import");
        expect(r.stderr).toContain("TEST DOUBLE modelling grafana/grafana v4.45.1");
      },
    );
  });
});
