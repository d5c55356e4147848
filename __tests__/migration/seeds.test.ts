/**
 * Acceptance: the two "current Terraform configuration" examples of Grafana's docs (API keys,
 * "Migrate API keys to Grafana service accounts in Terraform") migrate to configurations
 * equivalent to the docs' "new" ones, except that least privilege is kept. The docs' plain
 * example puts key_foo's (Viewer) token on an Admin account and moves key_bar's 30 s
 * lifetime to foo; the migration gives each token an account with its key's role and keeps
 * each lifetime where it was.
 */
import { readFileSync } from "fs";
import * as path from "path";
import { CORPUS, codesOf, errorsOf, generatedFile, legacyReferencesIn, migrate, Migrated, readModule, redact, schemaErrors, sourceFile, terraformValidate } from "./harness";

const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};
/** A resource body without cdktf's "//" metadata. */
const body = (value: any) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//"));
/** hcl2json writes each block body in a list. */
const hclBody = (value: any) => (Array.isArray(value) ? value[0] : value);
/** "${grafana_service_account.foo.id}" -> "grafana_service_account.foo" */
const accountOf = (serviceAccountId: string) => /^\$\{(\w+\.[\w-]+)(?:\[[^\]]*\])?\.id\}$/.exec(serviceAccountId)?.[1];

function expectRemovedBlocksKeepKeys(m: Migrated, addresses: string[]): void {
  expect(m.json.removed).toEqual(addresses.map((from) => ({ from, lifecycle: { destroy: false } })));
  expect(m.json.terraform.required_version).toBe(">= 1.7");
  for (const from of addresses) expect(m.hcl).toContain(`removed {\n  from = ${from}\n\n  lifecycle {\n    destroy = false\n  }\n}`);
  expect(m.hcl).toMatch(/required_version\s*=\s*">= 1\.7"/);
}

describe("Grafana docs example: grafana_api_key foo (Viewer) and bar (Admin, 30 s)", () => {
  const dir = path.join(CORPUS, "seed");
  const docsNewText = readFileSync(path.join(dir, "expected/docs-new.tf"), "utf8");
  let m: Migrated;
  let docsNew: any;

  beforeAll(async () => {
    m = await migrate(await readModule(dir));
    docsNew = (await sourceFile("docs-new.tf", docsNewText)).doc;
  });

  test("GIVEN the docs' current configuration WHEN migrated THEN there is no error, and only the expected warnings", () => {
    expect(errorsOf(m.plan)).toEqual([]);
    expect(codesOf(m.plan)).toEqual(["GRAFANA-ADMIN-KEY", "GRAFANA-TTL-NONE"]);
    expect(m.plan.diagnostics.find((d) => d.code === "GRAFANA-ADMIN-KEY")?.address).toBe("grafana_api_key.bar");
    expect(m.plan.diagnostics.find((d) => d.code === "GRAFANA-TTL-NONE")?.address).toBe("grafana_api_key.foo");
  });

  test("GIVEN the migration WHEN main.tf is rewritten THEN it is the docs' new configuration up to its service account resources", () => {
    const [main] = m.plan.files;
    const docsKept = docsNewText.slice(0, docsNewText.indexOf("# Creating a service account")).replace(/\n+$/, "\n");
    // One difference: the pin phase 1 needs (the docs list the provider without a version).
    const source = '      source  = "grafana/grafana"\n';
    expect(docsKept).toContain(source);
    expect(main.content).toBe(docsKept.replace(source, `${source}      version = ">= 1.26.0, < 3.0.0"\n`));
    expect(main.changed).toBe(true);
  });

  test("GIVEN key_foo (Viewer, no ttl) WHEN migrated THEN its token sits on a Viewer account and never expires", () => {
    const token = body(resources(m.json, "grafana_service_account_token").foo);
    expect(token).toEqual({ name: "key_foo-token", service_account_id: "${grafana_service_account.foo.id}" });
    expect(body(resources(m.json, "grafana_service_account").foo)).toEqual({ name: "sa-key_foo", role: "Viewer" });
  });

  test("GIVEN key_bar (Admin, 30 s) WHEN migrated THEN its token sits on an Admin account with seconds_to_live 30", () => {
    const token = body(resources(m.json, "grafana_service_account_token").bar);
    expect(token).toEqual({ name: "key_bar-token", seconds_to_live: 30, service_account_id: "${grafana_service_account.bar.id}" });
    expect(body(resources(m.json, "grafana_service_account").bar)).toEqual({ name: "sa-key_bar", role: "Admin" });
  });

  test("GIVEN the docs' new configuration WHEN compared THEN ours has the same shape: accounts with name and role, tokens naming their account's id", () => {
    const shape = (json: any) => ({
      types: Object.keys(json.resource).sort(),
      accounts: Object.values(resources(json, "grafana_service_account")).map((a) => Object.keys(body(hclBody(a))).sort()),
      tokens: Object.values(resources(json, "grafana_service_account_token")).map((t) => accountOf(hclBody(t).service_account_id)?.split(".")[0]),
    });
    const ours = shape(m.json);
    const theirs = shape(docsNew);
    expect(ours.types).toEqual(theirs.types.filter((t) => t.startsWith("grafana_service_account")));
    expect(new Set(ours.accounts.map(String))).toEqual(new Set(theirs.accounts.map(String)));
    expect(ours.tokens).toEqual(theirs.tokens);
  });

  test("GIVEN the docs' new configuration WHEN compared THEN it widens key_foo to Admin and moves the ttl, which the migration does not", () => {
    // What the docs' example does: both tokens on one Admin account, the 30 s on foo.
    const docsTokens = resources(docsNew, "grafana_service_account_token");
    expect(hclBody(resources(docsNew, "grafana_service_account")["sa-admin"]).role).toBe("Admin");
    expect(accountOf(hclBody(docsTokens["sat-foo"]).service_account_id)).toBe("grafana_service_account.sa-admin");
    expect(hclBody(docsTokens["sat-foo"]).seconds_to_live).toBe(30);
    expect(hclBody(docsTokens["sat-bar"]).seconds_to_live).toBeUndefined();
    // What the migration does: every token's account has exactly its key's role.
    const accounts = resources(m.json, "grafana_service_account");
    const roleOfTokenAccount = (t: string) => accounts[(accountOf(resources(m.json, "grafana_service_account_token")[t].service_account_id) as string).split(".")[1]].role;
    expect({ foo: roleOfTokenAccount("foo"), bar: roleOfTokenAccount("bar") }).toEqual({ foo: "Viewer", bar: "Admin" });
  });

  test("GIVEN the migration WHEN synthesized THEN removed blocks forget both keys (destroy = false) and Terraform >= 1.7 is required", () => {
    expectRemovedBlocksKeepKeys(m, ["grafana_api_key.foo", "grafana_api_key.bar"]);
  });

  test("GIVEN the input lists required_providers WHEN synthesized THEN the generated file adds no second list and no provider block", () => {
    expect(m.plan.declaresRequiredProviders).toBe(true);
    expect(m.json.terraform.required_providers).toBeUndefined();
    expect(m.json.provider).toBeUndefined();
    expect(m.hcl).not.toMatch(/required_providers|provider "grafana"/);
  });

  test("GIVEN the migrated module WHEN checked THEN no legacy key is referenced and the generated JSON fits provider v4.45.1", () => {
    for (const f of [...m.plan.files, generatedFile(m)]) expect(legacyReferencesIn(f)).toEqual([]);
    expect(schemaErrors(m)).toEqual([]);
  });

  test("GIVEN the migration WHEN rendered THEN the rewritten main.tf and the generated HCL match their snapshots", () => {
    expect(redact(m.plan.files[0].content)).toMatchSnapshot("main.tf");
    expect(redact(m.hcl)).toMatchSnapshot("generated.tf");
  });

  test("GIVEN terraform and the grafana provider WHEN the migrated module is validated THEN it is valid", () => {
    const result = terraformValidate(m, dir);
    if (result) expect(result).toEqual([]);
  });
});

describe("Grafana docs example: grafana_cloud_stack_api_key management (Admin) on provider grafana.cloud", () => {
  const dir = path.join(CORPUS, "seed-cloud");
  const docsNewText = readFileSync(path.join(dir, "expected/docs-new.tf"), "utf8");
  let m: Migrated;
  let docsNew: any;

  beforeAll(async () => {
    m = await migrate(await readModule(dir));
    docsNew = (await sourceFile("docs-new.tf", docsNewText)).doc;
  });

  test("GIVEN the docs' current Cloud configuration WHEN migrated THEN there is no error", () => {
    expect(errorsOf(m.plan)).toEqual([]);
    expect(codesOf(m.plan)).toEqual(["GRAFANA-ADMIN-KEY", "GRAFANA-CLOUD-API-KEY-PROVIDER", "GRAFANA-TTL-NONE"]);
  });

  test("GIVEN provider grafana.cloud authenticates with cloud_api_key WHEN migrated THEN a warning says so", () => {
    const warning = m.plan.diagnostics.find((d) => d.code === "GRAFANA-CLOUD-API-KEY-PROVIDER");
    expect(warning?.level).toBe("warning");
    expect(warning?.message).toContain("provider grafana.cloud");
    expect(warning?.message).toContain("cloud_api_key");
    expect(warning?.message).toContain("cloud_access_policy_token");
  });

  test("GIVEN the management key WHEN migrated THEN a Cloud stack service account (Admin, the stack's slug, provider grafana.cloud) holds its token", () => {
    const account = body(resources(m.json, "grafana_cloud_stack_service_account").management);
    expect(account).toEqual({ name: "sa-management-key", role: "Admin", stack_slug: "${grafana_cloud_stack.my_stack.slug}", provider: "grafana.cloud" });
    const token = body(resources(m.json, "grafana_cloud_stack_service_account_token").management);
    expect(token).toEqual({
      name: "management-key-token",
      stack_slug: "${grafana_cloud_stack.my_stack.slug}",
      service_account_id: "${grafana_cloud_stack_service_account.management.id}",
      provider: "grafana.cloud",
    });
    expect(m.hcl).toContain("stack_slug = grafana_cloud_stack.my_stack.slug");
    expect(m.hcl).toMatch(/provider\s+= grafana\.cloud/);
  });

  test("GIVEN the docs' new Cloud configuration WHEN compared THEN account and token have the same attributes, values and provider, names aside", () => {
    const withoutName = (b: any) => Object.fromEntries(Object.entries(body(hclBody(b))).filter(([k]) => k !== "name" && k !== "service_account_id"));
    const [docsAccount] = Object.values(resources(docsNew, "grafana_cloud_stack_service_account"));
    const [docsToken] = Object.values(resources(docsNew, "grafana_cloud_stack_service_account_token"));
    const ourAccount = resources(m.json, "grafana_cloud_stack_service_account").management;
    const ourToken = resources(m.json, "grafana_cloud_stack_service_account_token").management;
    // hcl2json writes the provider reference as "${grafana.cloud}"; Terraform JSON as "grafana.cloud".
    const normalize = (b: any) => ({ ...b, provider: String(b.provider).replace(/^\$\{(.*)\}$/, "$1") });
    expect(normalize(withoutName(ourAccount))).toEqual(normalize(withoutName(docsAccount)));
    expect(normalize(withoutName(ourToken))).toEqual(normalize(withoutName(docsToken)));
    expect(accountOf(ourToken.service_account_id)).toBe("grafana_cloud_stack_service_account.management");
  });

  test("GIVEN the migration WHEN main.tf is rewritten THEN it is the docs' new configuration up to its service account resources", () => {
    const docsKept = docsNewText.slice(0, docsNewText.indexOf("# Creating a grafana cloud stack service account")).replace(/\n+$/, "\n");
    // One difference: the pin phase 1 needs, aligned as terraform fmt aligns it.
    const source = '      source = "grafana/grafana"\n';
    expect(docsKept).toContain(source);
    expect(m.plan.files[0].content).toBe(docsKept.replace(source, '      source  = "grafana/grafana"\n      version = ">= 1.37.0, < 3.0.0"\n'));
  });

  test("GIVEN the migration WHEN synthesized THEN a removed block forgets the key (destroy = false) and Terraform >= 1.7 is required", () => {
    expectRemovedBlocksKeepKeys(m, ["grafana_cloud_stack_api_key.management"]);
  });

  test("GIVEN the migrated module WHEN checked THEN no legacy key is referenced and the generated JSON fits provider v4.45.1", () => {
    for (const f of [...m.plan.files, generatedFile(m)]) expect(legacyReferencesIn(f)).toEqual([]);
    expect(schemaErrors(m)).toEqual([]);
  });

  test("GIVEN the migration WHEN rendered THEN the rewritten main.tf and the generated HCL match their snapshots", () => {
    const main = redact(m.plan.files[0].content);
    expect(main).not.toContain("<API-Key>");
    expect(main).toMatchSnapshot("main.tf");
    expect(redact(m.hcl)).toMatchSnapshot("generated.tf");
  });

  test("GIVEN terraform and the grafana provider WHEN the migrated module is validated THEN it is valid", () => {
    // The provider block keeps cloud_api_key, which provider 3.0 removed: validate only
    // against a 2.x provider, where it still exists.
    const result = terraformValidate(m, dir);
    if (result) expect(result).toEqual([]);
  });
});
