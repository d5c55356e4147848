/** planMigration decisions that the corpus does not pin down one by one. */
import { planMigration } from "../../src/planning/plan-migration";
import type { MigrationOptions, SourceFile } from "../../src/planning/plan";
import { sourceFile } from "../migration/harness";

const key = (name: string, body: string) => `resource "grafana_api_key" "${name}" {\n${body}\n}\n`;

async function plan(text: string, options: MigrationOptions = {}, more: SourceFile[] = []) {
  return planMigration([await sourceFile("main.tf", text), ...more], options);
}

const errors = (p: { diagnostics: { level: string }[] }) => p.diagnostics.filter((d) => d.level === "error");

describe("planMigration: accounts per key and per role", () => {
  const keys = [
    key("a", '  name = "a"\n  role = "Viewer"'),
    key("b", '  name = "b"\n  role = "Viewer"'),
    key("c", '  name = "c"\n  role = "Viewer"\n  org_id = 2'),
    key("d", '  name = "d"\n  role = "Viewer"\n  provider = grafana.x'),
    key("e", '  name = "e"\n  role = "Admin"'),
    key("f", '  name = "f"\n  role = "Viewer"\n  org_id = var.org'),
  ].join("\n");

  test("GIVEN keys WHEN planned per key THEN each gets its own account named after it", async () => {
    const p = await plan(keys);
    expect(p.accounts.map((a) => [a.address, a.name, a.role])).toEqual([
      ["grafana_service_account.a", "sa-a", "Viewer"],
      ["grafana_service_account.b", "sa-b", "Viewer"],
      ["grafana_service_account.c", "sa-c", "Viewer"],
      ["grafana_service_account.d", "sa-d", "Viewer"],
      ["grafana_service_account.e", "sa-e", "Admin"],
      ["grafana_service_account.f", "sa-f", "Viewer"],
    ]);
  });

  test("GIVEN keys WHEN planned per role THEN keys share an account only with the same role, org, stack and provider", async () => {
    const p = await plan(keys, { strategy: "per-role" });
    expect(p.accounts.map((a) => [a.address, a.name, a.fromKeys])).toEqual([
      ["grafana_service_account.viewer", "sa-viewer", ["grafana_api_key.a", "grafana_api_key.b"]],
      ["grafana_service_account.viewer_org2", "sa-viewer", ["grafana_api_key.c"]],
      ["grafana_service_account.viewer_x", "sa-viewer", ["grafana_api_key.d"]],
      ["grafana_service_account.admin", "sa-admin", ["grafana_api_key.e"]],
      ["grafana_service_account.f", "sa-f", ["grafana_api_key.f"]],
    ]);
    expect(p.diagnostics).toContainEqual(expect.objectContaining({ code: "GRAFANA-UNGROUPED", address: "grafana_api_key.f" }));
    expect(errors(p)).toEqual([]);
  });

  test("GIVEN a resource name already taken in the inputs WHEN planned THEN the new resource gets a free one", async () => {
    const p = await plan(`${key("a", '  name = "a"\n  role = "Viewer"')}\nresource "grafana_service_account" "a" {\n  name = "other"\n  role = "None"\n}\n`);
    expect(p.accounts.map((a) => a.address)).toEqual(["grafana_service_account.a_2"]);
    expect(p.tokens.map((t) => t.address)).toEqual(["grafana_service_account_token.a"]);
  });
});

describe("planMigration: what happens to the keys", () => {
  const text = [key("a", '  name = "a"\n  role = "Viewer"'), key("b", '  name = "b"\n  role = "Viewer"\n  lifecycle {\n    prevent_destroy = true\n  }')].join("\n");

  test("GIVEN the default WHEN planned THEN every key is forgotten (destroy = false), so it keeps working", async () => {
    const p = await plan(text);
    expect(p.removals).toEqual([
      { from: "grafana_api_key.a", destroy: false },
      { from: "grafana_api_key.b", destroy: false },
    ]);
    expect(p.requiredVersion).toBe(">= 1.7");
  });

  test("GIVEN revokeLegacy WHEN planned THEN keys are destroyed, except one with prevent_destroy, which is kept with a warning", async () => {
    const p = await plan(text, { revokeLegacy: true });
    expect(p.removals).toEqual([
      { from: "grafana_api_key.a", destroy: true },
      { from: "grafana_api_key.b", destroy: false },
    ]);
    expect(p.diagnostics).toContainEqual(expect.objectContaining({ level: "warning", code: "GRAFANA-PREVENT-DESTROY", address: "grafana_api_key.b" }));
    expect(p.tokens.find((t) => t.fromKey === "grafana_api_key.b")?.meta.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("GIVEN no key WHEN planned THEN nothing is generated and no Terraform version is required", async () => {
    const p = await plan('output "x" {\n  value = 1\n}\n');
    expect([p.accounts, p.tokens, p.removals, p.requiredVersion]).toEqual([[], [], [], undefined]);
    expect(p.files[0].changed).toBe(false);
  });
});

describe("planMigration: invalid keys", () => {
  const text = [
    key("ok", '  name = "ok"\n  role = "Admin"'),
    key("bad", '  name = "bad"\n  role = "MetricsPublisher"'),
    key("bad2", '  name = "bad2"\n  role = "PluginPublisher"'),
    'output "o" {\n  value     = grafana_api_key.ok.key\n  sensitive = true\n}\noutput "p" {\n  value = grafana_api_key.bad.key\n}\n',
  ].join("");

  test("GIVEN two invalid keys beside a valid one WHEN planned THEN each invalid key is one error with its file and line, and nothing else is an error", async () => {
    const p = await plan(text, {}, [await sourceFile("more.tf", key("bad3", '  name = "bad3"\n  role = "admin"'))]);
    expect(p.diagnostics.filter((d) => d.level === "error").map((d) => [d.code, d.address, d.source])).toEqual([
      ["GRAFANA-INVALID-KEY", "grafana_api_key.bad", { file: "main.tf", line: 5 }],
      ["GRAFANA-INVALID-KEY", "grafana_api_key.bad2", { file: "main.tf", line: 9 }],
      ["GRAFANA-INVALID-KEY", "grafana_api_key.bad3", { file: "more.tf", line: 1 }],
    ]);
  });

  test("GIVEN references to a valid key and to an invalid one WHEN planned THEN the valid one is rewritten and the invalid one left alone, without a note", async () => {
    const p = await plan(text);
    expect(p.rewrites.map((r) => r.from)).toEqual(["grafana_api_key.ok.key"]);
    expect(p.diagnostics.filter((d) => /GRAFANA-(UNKNOWN-)?REFERENCE/.test(d.code))).toEqual([]);
    expect(p.files[0].content).toContain("value = grafana_api_key.bad.key");
  });
});

describe("planMigration: names", () => {
  test("GIVEN a token name template that gives a key its own name WHEN planned THEN it is refused: the key still holds that name", async () => {
    const p = await plan(key("a", '  name = "a"\n  role = "Viewer"'), { tokenName: "a" });
    expect(errors(p)).toEqual([expect.objectContaining({ code: "GRAFANA-NAME", message: expect.stringContaining('the token would be named "a", like the key') })]);
  });

  test("GIVEN the token name template {name} WHEN planned THEN it is one error for the template, not one per key", async () => {
    const p = await plan([key("a", '  name = "a"\n  role = "Viewer"'), key("b", '  name = "b"\n  role = "Viewer"')].join("\n"), { tokenName: "{name}" });
    expect(errors(p)).toEqual([expect.objectContaining({ code: "GRAFANA-NAME-TEMPLATE", message: expect.stringMatching(/^The token name template "\{name\}" gives every token its key's name\. Grafana keeps keys and tokens in one table/) })]);
  });

  test.each([
    [{ accountName: "{bogus}" }, 'The account name template "{bogus}" has an unknown placeholder {bogus}; use {name}, {role}, {org} or {stack}.'],
    [{ tokenName: "t-{team}" }, 'The token name template "t-{team}" has an unknown placeholder {team}; use {name}, {role}, {org} or {stack}.'],
  ])("GIVEN the bad template %j WHEN planned THEN it is said once, with no error per key and no false undeclared reference", async (options, message) => {
    const outputs = 'output "a" {\n  value = grafana_api_key.a.key\n}\noutput "b" {\n  value = grafana_api_key.b.key\n}\n';
    const p = await plan([key("a", '  name = "a"\n  role = "Viewer"'), key("b", '  name = "b"\n  role = "Viewer"'), outputs].join("\n"), options);
    expect(errors(p)).toEqual([{ level: "error", code: "GRAFANA-NAME-TEMPLATE", message }]);
  });

  test("GIVEN a name error on one key WHEN planned THEN references to that key are not reported as undeclared", async () => {
    const p = await plan([key("a", '  name = "a"\n  role = "Viewer"'), 'output "a" {\n  value = grafana_api_key.a.key\n}\n'].join("\n"), { accountName: "sa-{org}" });
    expect(errors(p)).toEqual([expect.objectContaining({ code: "GRAFANA-NAME", message: 'The account name template "sa-{org}" uses {org}, which key "a" does not have.' })]);
  });

  test("GIVEN a token name that another key already has WHEN planned THEN the clash is an error naming both", async () => {
    const p = await plan([key("a", '  name = "a"\n  role = "Viewer"'), key("b", '  name = "a-token"\n  role = "Viewer"')].join("\n"));
    expect(errors(p)).toEqual([expect.objectContaining({ code: "GRAFANA-NAME-CLASH", message: expect.stringMatching(/grafana_api_key\.b and grafana_service_account_token\.a would both be named "a-token"/) })]);
  });

  test("GIVEN the same key name in two orgs WHEN planned THEN there is no clash", async () => {
    const p = await plan([key("a", '  name = "a"\n  role = "Viewer"\n  org_id = 1'), key("b", '  name = "a"\n  role = "Viewer"\n  org_id = 2')].join("\n"));
    expect(errors(p)).toEqual([]);
  });

  test("GIVEN an account name template WHEN planned THEN it is filled per key", async () => {
    const p = await plan(key("a", '  name = "ci"\n  role = "Editor"\n  org_id = 4'), { accountName: "{org}-{role}-{name}", tokenName: "{name}-sat" });
    expect([p.accounts[0].name, p.tokens[0].name]).toEqual(["4-editor-ci", "ci-sat"]);
  });
});

describe("planMigration: inputs", () => {
  test("GIVEN keys in two files WHEN planned THEN the plan follows the files' order and each key's source line", async () => {
    const second = await sourceFile("b.tf", `\n\n${key("z", '  name = "z"\n  role = "Viewer"')}`);
    const p = await plan([key("m", '  name = "m"\n  role = "Viewer"'), key("a", '  name = "a"\n  role = "Viewer"')].join("\n"), {}, [second]);
    expect(p.entries.map((e) => [e.legacy, e.source])).toEqual([
      ["grafana_api_key.m", { file: "main.tf", line: 1 }],
      ["grafana_api_key.a", { file: "main.tf", line: 6 }],
      ["grafana_api_key.z", { file: "b.tf", line: 3 }],
    ]);
  });

  test("GIVEN the same key address in two files WHEN planned THEN it is an error naming both places", async () => {
    const second = await sourceFile("b.tf", key("a", '  name = "a2"\n  role = "Viewer"'));
    const p = await plan(key("a", '  name = "a"\n  role = "Viewer"'), {}, [second]);
    expect(errors(p)).toContainEqual(expect.objectContaining({ code: "GRAFANA-DUPLICATE-ADDRESS", message: expect.stringMatching(/declared twice: main\.tf:1: grafana_api_key\.a and b\.tf:1: grafana_api_key\.a/) }));
  });

  test("GIVEN keys described in TypeScript (definitions) WHEN planned THEN no file is rewritten", () => {
    const p = planMigration([{ path: "<definitions>", format: "definitions", text: "", doc: { resource: { grafana_api_key: { ci: { name: "ci", role: "Viewer" } } } } }]);
    expect(p.files).toEqual([]);
    expect(p.tokens.map((t) => t.address)).toEqual(["grafana_service_account_token.ci"]);
  });

  test("GIVEN a key whose replace_triggered_by and count name another key WHEN planned THEN the token's meta-arguments name that key's token", async () => {
    const p = await plan(
      [
        key("a", '  name = "a"\n  role = "Viewer"'),
        key("b", '  count = length(grafana_api_key.a[*].name)\n  name = "b"\n  role = "Viewer"\n  lifecycle {\n    replace_triggered_by = [grafana_api_key.a.key]\n  }'),
      ].join("\n"),
    );
    const b = p.tokens.find((t) => t.fromKey === "grafana_api_key.b");
    expect(b?.meta.lifecycle).toEqual({ replace_triggered_by: ["grafana_service_account_token.a.key"] });
    expect(b?.meta.count).toBe("${length(grafana_service_account_token.a[*].name)}");
    expect(p.accounts.find((a) => a.fromKeys.includes("grafana_api_key.b"))?.meta.count).toBe("${length(grafana_service_account_token.a[*].name)}");
  });
});

describe("planMigration: arguments that name another legacy key", () => {
  test("GIVEN a key named after another key WHEN planned THEN the generated token and account names point at the tokens", async () => {
    const p = await plan([key("a", '  name = "a"\n  role = "Viewer"'), key("b", '  name = "${grafana_api_key.a.name}-2"\n  role = "Viewer"')].join("\n"));
    expect(errors(p)).toEqual([]);
    const b = p.tokens.find((t) => t.fromKey === "grafana_api_key.b");
    expect(b?.name).toBe("${grafana_service_account_token.a.name}-2-token");
    expect(p.accounts.find((a) => a.fromKeys.includes("grafana_api_key.b"))?.name).toBe("sa-${grafana_service_account_token.a.name}-2");
  });
});

describe("planMigration: Cloud stack credentials", () => {
  const cloudKey = 'resource "grafana_cloud_stack_api_key" "ci" {\n  provider   = grafana.cloud\n  stack_slug = "prod"\n  name       = "ci"\n  role       = "Viewer"\n}\n';
  const codes = (p: { diagnostics: { code: string }[] }) => p.diagnostics.map((d) => d.code).filter((c) => c.startsWith("GRAFANA-CLOUD-"));

  test("GIVEN a Cloud stack key whose provider block is not in the inputs WHEN planned THEN a warning says the accounts need cloud_access_policy_token", async () => {
    const p = await plan(cloudKey);
    expect(codes(p)).toEqual(["GRAFANA-CLOUD-PROVIDER-UNSEEN"]);
    expect(p.diagnostics.find((d) => d.code === "GRAFANA-CLOUD-PROVIDER-UNSEEN")?.message).toMatch(/no provider "grafana" with alias "cloud" block in the inputs.*cloud_access_policy_token/);
  });

  test("GIVEN the provider block with cloud_access_policy_token WHEN planned THEN no Cloud credential warning", async () => {
    const p = await plan(`provider "grafana" {\n  alias                     = "cloud"\n  cloud_access_policy_token = var.token\n}\n${cloudKey}`);
    expect(codes(p)).toEqual([]);
  });

  test("GIVEN the provider block with cloud_api_key only WHEN planned THEN the 3.0 warning, not the unseen one", async () => {
    const p = await plan(`provider "grafana" {\n  alias         = "cloud"\n  cloud_api_key = var.key\n}\n${cloudKey}`);
    expect(codes(p)).toEqual(["GRAFANA-CLOUD-API-KEY-PROVIDER"]);
  });
});

describe("a file that held only legacy keys", () => {
  test("GIVEN .tf and .tf.json files of keys only WHEN migrated THEN both are marked deleted; a file with more is not", async () => {
    const p = planMigration([
      await sourceFile("keys.tf", `# keys\n${key("a", '  name = "a"\n  role = "Viewer"')}`),
      await sourceFile("keys.tf.json", JSON.stringify({ resource: { grafana_api_key: { b: { name: "b", role: "Viewer" } } } })),
      await sourceFile("main.tf", `${key("c", '  name = "c"\n  role = "Viewer"')}\nlocals {\n  x = 1\n}\n`),
    ]);
    expect(p.files.map((f) => [f.path, f.deleted ?? false])).toEqual([["keys.tf", true], ["keys.tf.json", true], ["main.tf", false]]);
    expect(p.files[2].content).toBe("locals {\n  x = 1\n}\n");
  });
});

describe("planMigration: per role, key names from an expression", () => {
  const ws = key("ci", '  name = "${terraform.workspace}-ci"\n  role = "Editor"');
  const shared = (p: { diagnostics: { code: string }[] }) => p.diagnostics.filter((d) => d.code === "GRAFANA-PER-ROLE-SHARED-NAME");

  test("GIVEN a key named from terraform.workspace WHEN planned per role THEN a warning says the workspaces' shared accounts would clash, with the fix", async () => {
    const p = await plan(ws, { strategy: "per-role" });
    expect(shared(p)).toEqual([
      expect.objectContaining({
        level: "warning",
        address: "grafana_api_key.ci",
        message: expect.stringMatching(/"sa-editor", named per org and role only: the accounts of several workspaces in one org would clash.*--account-name "sa-\{role\}-\$\{terraform\.workspace\}".*--strategy per-key/),
      }),
    ]);
    expect(p.entries[0].warnings).toContainEqual(expect.stringMatching(/^GRAFANA-PER-ROLE-SHARED-NAME: /));
  });

  test("GIVEN a key named from a variable WHEN planned per role THEN the same warning", async () => {
    expect(shared(await plan(key("ci", '  name = "ci-${var.env}"\n  role = "Viewer"'), { strategy: "per-role" }))).toHaveLength(1);
  });

  test.each([
    ["per key", { strategy: "per-key" as const }, ws],
    ["per role with the workspace in the account name", { strategy: "per-role" as const, accountName: "sa-{role}-${terraform.workspace}" }, ws],
    ["per role with a literal key name", { strategy: "per-role" as const }, key("ci", '  name = "ci"\n  role = "Editor"')],
    ["per role with a name that varies only per count instance", { strategy: "per-role" as const }, key("ci", '  count = 2\n  name = "ci-${count.index}"\n  role = "Editor"')],
  ])("GIVEN %s WHEN planned THEN no such warning", async (_, options, text) => {
    expect(shared(await plan(text, options))).toEqual([]);
  });
});
