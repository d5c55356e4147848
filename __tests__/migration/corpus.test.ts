/**
 * The project's corpus of legacy configurations (__tests__/corpus/<case>/): the shapes real
 * stacks hold keys in. Every case, per key and per role, must migrate with no error, leave
 * no reference to a legacy key outside removed blocks, keep comments and unrelated text
 * (lines marked KEEP), re-parse, fit the provider schema, replace each key one for one with
 * no wider role, and migrate to nothing on a second run. Each case then checks its own
 * rewrites.
 */
import { readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";
import type { MigrationOptions, Strategy } from "../../src/planning/plan";
import {
  codesOf,
  CORPUS,
  errorsOf,
  generatedFile,
  keyMappingProblems,
  legacyReferencesIn,
  migrate,
  Migrated,
  parsedGenerated,
  readModule,
  redact,
  remigrationProblems,
  reparseProblems,
  schemaErrors,
  synthesizedDocument,
  withoutComments,
  terraformValidate,
  terraformValidateInputs,
} from "./harness";

type Check = (m: Migrated, strategy: Strategy) => void;

interface Case {
  readonly dir: string;
  /** Only the grafana provider (and local modules): terraform validate can run on it. */
  readonly grafanaOnly: boolean;
  /** Error codes the case is about; the migration must stop with exactly these. */
  readonly errors?: string[];
  /** Diagnostic codes that must be among the plan's. */
  readonly codes?: string[];
  readonly options?: MigrationOptions;
  readonly check?: Check;
}

const file = (m: Migrated, name: string) => m.plan.files.find((f) => f.path === name)?.content as string;
const res = (m: Migrated, type: string, name: string) => {
  const body = m.json.resource?.[type]?.[name];
  return body && Object.fromEntries(Object.entries(body).filter(([k]) => k !== "//"));
};
const TOKEN = "grafana_service_account_token";
const ACCOUNT = "grafana_service_account";

const CASES: Case[] = [
  {
    dir: "seed",
    grafanaOnly: true,
    codes: ["GRAFANA-ADMIN-KEY", "GRAFANA-TTL-NONE"],
  },
  {
    dir: "seed-cloud",
    grafanaOnly: true,
    codes: ["GRAFANA-CLOUD-API-KEY-PROVIDER"],
  },
  {
    dir: "provider-auth",
    grafanaOnly: true,
    codes: ["GRAFANA-ADMIN-KEY"],
    check: (m) => {
      expect(file(m, "main.tf")).toContain(`  alias = "sa"\n  url   = var.grafana_url\n  auth  = ${TOKEN}.bootstrap.key\n}`);
      expect(res(m, TOKEN, "bootstrap")).toMatchObject({ name: "terraform-bootstrap-token", seconds_to_live: 86400 });
      // The key is made with the default provider; so is its replacement, not with the "sa" provider it feeds.
      expect(res(m, TOKEN, "bootstrap").provider).toBeUndefined();
    },
  },
  {
    dir: "interpolated-names",
    grafanaOnly: true,
    codes: ["GRAFANA-DYNAMIC-NAME"],
    check: (m, strategy) => {
      expect(res(m, TOKEN, "ci").name).toBe("${var.env}-ci-token");
      expect(res(m, TOKEN, "team").name).toBe("${local.team}-${var.env}-viewer-token");
      expect(res(m, TOKEN, "deploy").name).toBe('${format("%s-deploy", var.env)}-token');
      if (strategy === "per-key") expect(res(m, ACCOUNT, "ci").name).toBe("sa-${var.env}-ci");
      expect(m.hcl).toContain('name               = "${var.env}-ci-token"');
      expect(file(m, "main.tf")).toContain(`value     = "Authorization: Bearer \${${TOKEN}.deploy.key}"`);
    },
  },
  {
    dir: "count-for-each",
    grafanaOnly: true,
    check: (m, strategy) => {
      expect(res(m, TOKEN, "x")).toMatchObject({ count: 2, name: "ci-${count.index}-token" });
      expect(res(m, TOKEN, "y")).toMatchObject({ for_each: "${var.teams}", name: "team-${each.key}-token" });
      const main = file(m, "main.tf");
      expect(main).toContain(`value     = ${TOKEN}.x[0].key`);
      expect(main).toContain(`value     = ${TOKEN}.y["a"].key`);
      expect(main).toContain(`value     = ${TOKEN}.x[*].key`);
      expect(main).toContain(`value     = { for team, key in ${TOKEN}.y : team => key.key }`);
      // That for expression reads only .key of each key: no whole-object warning.
      expect(m.plan.diagnostics.filter((d) => d.code === "GRAFANA-REFERENCE")).toEqual([]);
      if (strategy === "per-key") {
        expect(res(m, TOKEN, "x").service_account_id).toBe(`\${${ACCOUNT}.x[count.index].id}`);
        expect(res(m, TOKEN, "y").service_account_id).toBe(`\${${ACCOUNT}.y[each.key].id}`);
        expect(res(m, ACCOUNT, "x")).toMatchObject({ count: 2, name: "sa-ci-${count.index}", role: "Editor" });
        expect(res(m, ACCOUNT, "y")).toMatchObject({ for_each: "${var.teams}", role: "Viewer" });
        expect(main).toContain(`value = ${ACCOUNT}.x[*].role`);
        expect(main).toContain(`value = ${ACCOUNT}.y["a"].role`);
      } else {
        expect(res(m, ACCOUNT, "editor")).toEqual({ name: "sa-editor", role: "Editor" });
        expect(main).toContain(`value = [for _ in ${TOKEN}.x : ${ACCOUNT}.editor.role]`);
        expect(main).toContain(`value = ${ACCOUNT}.viewer.role`);
      }
    },
  },
  {
    dir: "module-args",
    grafanaOnly: true,
    check: (m, strategy) => {
      const main = file(m, "main.tf");
      expect(main).toContain(`  grafana_token = ${TOKEN}.deployer.key\n`);
      expect(main).toContain(`  grafana_role  = ${ACCOUNT}.${strategy === "per-key" ? "deployer" : "editor"}.role\n`);
      expect(res(m, TOKEN, "deployer").seconds_to_live).toBe(2592000);
    },
  },
  {
    dir: "lifecycle",
    grafanaOnly: true,
    codes: ["GRAFANA-PREVENT-DESTROY"],
    check: (m) => {
      expect(res(m, TOKEN, "keep").lifecycle).toEqual({ prevent_destroy: true });
      expect(res(m, TOKEN, "rotate").lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ["name"], replace_triggered_by: [`${TOKEN}.keep`] });
      expect(m.hcl).toMatch(/ignore_changes = \[\s*name,\s*\]/);
      expect(m.hcl).toMatch(new RegExp(`replace_triggered_by = \\[\\s*${TOKEN}\\.keep,\\s*\\]`));
      expect(m.hcl).toMatch(/prevent_destroy\s+= true/);
      expect(m.plan.diagnostics.find((d) => d.code === "GRAFANA-PREVENT-DESTROY")?.address).toBe("grafana_api_key.keep");
    },
  },
  {
    dir: "org-id",
    grafanaOnly: true,
    check: (m, strategy) => {
      const teamAccount = strategy === "per-key" ? "team_admin" : undefined;
      if (teamAccount) expect(res(m, ACCOUNT, teamAccount)).toEqual({ name: "sa-team-admin", role: "Admin", org_id: "${grafana_organization.team.org_id}" });
      else expect(Object.keys(m.json.resource[ACCOUNT])).toContain("team_admin"); // an org only known at apply time: its own account
      const main = file(m, "main.tf");
      expect(main).toContain(`value = ${ACCOUNT}.team_admin.org_id`);
      expect(main).toContain(`value = ${ACCOUNT}.${strategy === "per-key" ? "org3" : "viewer_org3"}.role`);
      expect(Object.values(m.json.resource[ACCOUNT]).map((a: any) => a.org_id)).toContain("3");
    },
  },
  {
    dir: "secret-stores",
    grafanaOnly: false,
    check: (m) => {
      const main = file(m, "main.tf");
      expect(main).toContain(`    token   = ${TOKEN}.ci.key\n    expires = ${TOKEN}.ci.expiration\n`);
      expect(main).toContain(`  secret_string = ${TOKEN}.ci.key\n`);
      expect(main).toContain("vault = {");
    },
  },
  {
    dir: "outputs-locals",
    grafanaOnly: true,
    codes: ["GRAFANA-REFERENCE"],
    check: (m) => {
      expect(file(m, "keys.tf")).not.toContain("resource");
      const locals = file(m, "locals.tf");
      expect(locals).toContain(`Authorization = "Bearer \${${TOKEN}.reader.key}"`);
      expect(locals).toContain(`all_keys = [${TOKEN}.reader.key, ${TOKEN}.writer.key]`);
      expect(locals).toContain(`curl -H "Authorization: Bearer \${${TOKEN}.writer.key}"`);
      // In a heredoc a backslash is literal: the interpolation after it is real and rewritten.
      expect(locals).toContain(`echo "C:\\\${${TOKEN}.writer.expiration}"`);
      // Blank lines inside the heredoc are part of its value.
      expect(locals).toContain("api/health\n\n\n    echo");
      const outputs = file(m, "outputs.tf");
      expect(outputs).toContain(`value       = ${TOKEN}.reader.key`);
      expect(outputs).toContain(`value = ${TOKEN}.writer.id`);
      const warning = m.plan.diagnostics.find((d) => d.code === "GRAFANA-REFERENCE");
      expect(warning?.message).toMatch(/^outputs\.tf: grafana_api_key\.writer\.id now reads the token's id/);
    },
  },
  {
    dir: "depends-on",
    grafanaOnly: true,
    check: (m) => {
      expect(res(m, TOKEN, "second").depends_on).toEqual([`${TOKEN}.first`]);
      expect(file(m, "main.tf")).toContain(`  depends_on = [\n    # KEEP: ordering only\n    ${TOKEN}.first,\n    ${TOKEN}.second,\n  ]`);
      expect(m.plan.diagnostics.filter((d) => d.code === "GRAFANA-REFERENCE")).toEqual([]);
    },
  },
  {
    dir: "provider-alias",
    grafanaOnly: true,
    check: (m, strategy) => {
      expect(res(m, TOKEN, "reporting").provider).toBe("grafana.org2");
      expect(res(m, TOKEN, "default_org").provider).toBeUndefined();
      const account = strategy === "per-key" ? "reporting" : "viewer_org2";
      expect(res(m, ACCOUNT, account).provider).toBe("grafana.org2");
      expect(m.hcl).toMatch(/provider\s+= grafana\.org2/);
    },
  },
  {
    dir: "cdk-tf-json",
    grafanaOnly: true,
    codes: ["GRAFANA-ADMIN-KEY"],
    check: (m) => {
      const before = JSON.parse(readFileSync(path.join(CORPUS, "cdk-tf-json/cdk.tf.json"), "utf8"));
      const after = JSON.parse(file(m, "cdk.tf.json"));
      expect(after["//"]).toEqual(before["//"]);
      expect(after.terraform).toEqual(before.terraform);
      expect(after.provider).toEqual(before.provider);
      expect(after.resource.grafana_api_key).toBeUndefined();
      expect(after.resource.grafana_folder.keys).toEqual({ ...before.resource.grafana_folder.keys, depends_on: [`${TOKEN}.ops`] });
      expect(after.output.ci_key.value).toBe(`\${${TOKEN}.ci.key}`);
      expect(after.output.literal).toEqual(before.output.literal);
      expect(res(m, TOKEN, "ops").depends_on).toEqual([`${TOKEN}.ci`]);
    },
  },
  {
    dir: "cloud-org-key",
    grafanaOnly: true,
    codes: ["GRAFANA-CLOUD-ORG-KEY"],
    check: (m) => {
      const main = file(m, "main.tf");
      const original = readFileSync(path.join(CORPUS, "cloud-org-key/main.tf"), "utf8");
      const block = original.slice(original.indexOf("# KEEP: an organization-level"), original.indexOf('resource "grafana_api_key"'));
      expect(main).toContain(block);
      expect(m.plan.ignored.map((i) => i.address)).toEqual(["grafana_cloud_api_key.org"]);
      expect(m.json.resource.grafana_cloud_api_key).toBeUndefined();
      expect(m.json.removed.map((r: any) => r.from)).toEqual(["grafana_api_key.viewer"]);
    },
  },
  {
    dir: "cloud-stack-v1",
    grafanaOnly: true,
    codes: ["GRAFANA-V1-CLOUD-KEY"],
    check: (m, strategy) => {
      const account = strategy === "per-key" ? "stack_editor" : "editor_mystack";
      expect(res(m, "grafana_cloud_stack_service_account", account)).toMatchObject({ role: "Editor", stack_slug: "mystack" });
      expect(res(m, "grafana_cloud_stack_service_account_token", "stack_editor")).toMatchObject({ stack_slug: "mystack", seconds_to_live: 3600 });
      expect(file(m, "main.tf")).toContain("value     = grafana_cloud_stack_service_account_token.stack_editor.key");
    },
  },
  {
    dir: "bare-labels",
    grafanaOnly: true,
    check: (m) => {
      expect(file(m, "main.tf")).not.toContain("resource");
      expect(res(m, TOKEN, "legacy").lifecycle).toEqual({ create_before_destroy: true });
    },
  },
  { dir: "error-unknown-reference", grafanaOnly: true, errors: ["GRAFANA-UNKNOWN-REFERENCE"] },
  { dir: "error-bad-role", grafanaOnly: true, errors: ["GRAFANA-INVALID-KEY"] },
];

/** Lines marked KEEP in an input file. */
function keepLines(dir: string): { file: string; line: string }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(".tf"))
    .flatMap((n) =>
      readFileSync(path.join(dir, n), "utf8")
        .split("\n")
        .filter((l) => l.includes("KEEP"))
        .map((line) => ({ file: n, line })),
    );
}

test("GIVEN the corpus directory WHEN listed THEN every case in it is covered here", () => {
  const dirs = readdirSync(CORPUS).filter((d) => statSync(path.join(CORPUS, d)).isDirectory());
  expect(dirs.sort()).toEqual(CASES.map((c) => c.dir).sort());
});

describe.each(CASES)("corpus/$dir", (c) => {
  const dir = path.join(CORPUS, c.dir);

  if (c.errors) {
    test.each(["per-key", "per-role"] as Strategy[])("GIVEN the %s strategy WHEN migrated THEN it stops with the errors the case is about", async (strategy) => {
      const m = await migrate(await readModule(dir), { ...c.options, strategy });
      expect([...new Set(errorsOf(m.plan).map((d) => d.code))]).toEqual(c.errors);
      expect(m.hcl).toBe("");
      for (const e of errorsOf(m.plan)) expect(e.message).toMatch(/main\.tf/);
    });
    return;
  }

  describe.each(["per-key", "per-role"] as Strategy[])("%s", (strategy) => {
    let m: Migrated;
    beforeAll(async () => {
      m = await migrate(await readModule(dir), { ...c.options, strategy });
    });

    test("GIVEN the case WHEN migrated THEN there is no error and the expected diagnostics are there", () => {
      expect(errorsOf(m.plan)).toEqual([]);
      for (const code of c.codes ?? []) expect(codesOf(m.plan)).toContain(code);
    });

    test("GIVEN the plan WHEN rendered by the CLI (no cdktf) and by MigrationStack THEN Terraform reads the same configuration", async () => {
      expect(withoutComments(m.cli.json)).toEqual(synthesizedDocument(m));
      const parsed = await parsedGenerated(m);
      expect(parsed.cli).toEqual(parsed.synthesized);
    });

    test("GIVEN the migrated module WHEN searched THEN no legacy key is referenced outside removed blocks", () => {
      for (const f of [...m.plan.files, generatedFile(m)]) expect({ file: f.path, left: legacyReferencesIn(f) }).toEqual({ file: f.path, left: [] });
    });

    test("GIVEN lines marked KEEP (comments, literal text, unrelated blocks) WHEN migrated THEN each survives verbatim", () => {
      for (const { file: name, line } of keepLines(dir)) expect(file(m, name).split("\n")).toContain(line);
    });

    test("GIVEN the rewritten files and the generated file WHEN parsed again THEN they parse", async () => {
      expect(await reparseProblems(m)).toEqual([]);
    });

    test("GIVEN the generated JSON WHEN checked against provider v4.45.1 THEN it conforms", () => {
      expect(schemaErrors(m)).toEqual([]);
    });

    test("GIVEN the keys WHEN migrated THEN each has exactly one token, on an account of its role, org and stack, with its lifetime and instances, and a removed block", () => {
      expect(keyMappingProblems(m)).toEqual([]);
      expect(m.json.terraform.required_version).toBe(">= 1.7");
    });

    test("GIVEN the migrated module WHEN migrated again THEN nothing is found and nothing changes", async () => {
      expect(await remigrationProblems(m, { strategy })).toEqual([]);
    });

    if (c.check) test("GIVEN the case WHEN migrated THEN its own rewrites happen", () => (c.check as Check)(m, strategy));

    if (strategy === "per-key") {
      test("GIVEN the case WHEN migrated THEN the rewritten files and the generated HCL match their snapshots", () => {
        for (const f of m.plan.files) expect(redact(f.content)).toMatchSnapshot(f.path);
        expect(redact(m.hcl)).toMatchSnapshot("generated.tf");
      });
    }

    if (c.grafanaOnly) {
      test("GIVEN terraform and the grafana provider WHEN the legacy input and the migrated module are validated THEN both are valid", () => {
        if (strategy === "per-key") {
          const inputs = terraformValidateInputs(m.inputs, dir);
          if (inputs) expect(inputs).toEqual([]);
        }
        const result = terraformValidate(m, dir);
        if (result) expect(result).toEqual([]);
      });
    }
  });
});

describe("adopted accounts (--adopt-ids)", () => {
  test.each([
    ["seed", { key_foo: "7", key_bar: { account: "1:8", token: 3 } }, "grafana_service_account", ["1:7", "1:8"]],
    ["seed-cloud", { "management-key": "5" }, "grafana_cloud_stack_service_account", ["${grafana_cloud_stack.my_stack.slug}:5"]],
  ] as const)("GIVEN corpus/%s WHEN adopted and rendered by the CLI and by MigrationStack THEN the same configuration: literal imports, prevent_destroy on each account", async (name, ids, type, importIds) => {
    const m = await migrate(await readModule(path.join(CORPUS, name)), { adopt: { ids } });
    expect(errorsOf(m.plan)).toEqual([]);
    expect(withoutComments(m.cli.json)).toEqual(synthesizedDocument(m));
    const parsed = await parsedGenerated(m);
    expect(parsed.cli).toEqual(parsed.synthesized);
    const accounts = Object.values<any>(m.json.resource[type]);
    expect(accounts.map((a) => a.lifecycle)).toEqual(accounts.map(() => ({ prevent_destroy: true })));
    expect(m.json.import.map((i: any) => i.id)).toEqual(importIds);
    expect(m.json.data).toBeUndefined();
  });
});
