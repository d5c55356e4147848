/** findLegacyKeys reads the legacy keys of one parsed configuration file. */
import { definitionsToDocument, findLegacyKeys, toIdentifier } from "../../src/planning/legacy";
import { planMigration } from "../../src/planning/plan-migration";
import { sourceFile } from "../migration/harness";

async function keysOf(text: string, file = "main.tf") {
  const source = await sourceFile(file, text);
  return findLegacyKeys(source.doc, file, () => 7);
}

async function errorOf(text: string, file = "main.tf"): Promise<string> {
  const { keys, invalid } = await keysOf(text, file);
  expect(keys).toEqual([]);
  expect(invalid).toHaveLength(1);
  return invalid[0].message;
}

describe("findLegacyKeys: what a key carries", () => {
  test("GIVEN a grafana_api_key with every argument WHEN read THEN name, role, ttl, org and source are kept", async () => {
    const { keys, ignored } = await keysOf('resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "Editor"\n  seconds_to_live = 3600\n  org_id = 2\n}\n');
    expect(ignored).toEqual([]);
    expect(keys).toEqual([
      {
        type: "grafana_api_key",
        resourceName: "ci",
        address: "grafana_api_key.ci",
        name: "ci",
        role: "Editor",
        secondsToLive: 3600,
        orgId: "2",
        stackSlug: undefined,
        providerV1CloudForm: false,
        meta: { count: undefined, forEach: undefined, dependsOn: undefined, lifecycle: undefined, provider: undefined },
        preventDestroy: false,
        source: { file: "main.tf", line: 7 },
      },
    ]);
  });

  test("GIVEN meta-arguments WHEN read THEN count, for_each, depends_on and provider come as Terraform JSON values", async () => {
    const { keys } = await keysOf(
      [
        'resource "grafana_api_key" "a" {',
        "  count    = length(var.envs)",
        '  name     = "${var.envs[count.index]}-ci"',
        '  role     = "Viewer"',
        "  provider = grafana.sa",
        "  depends_on = [grafana_api_key.b, null_resource.n]",
        "}",
        'resource "grafana_api_key" "b" {',
        "  for_each = toset([\"x\"])",
        '  name     = each.key',
        '  role     = "Viewer"',
        "}",
      ].join("\n"),
    );
    const byName = Object.fromEntries(keys.map((k) => [k.resourceName, k]));
    expect(byName.a.meta).toEqual({ count: "${length(var.envs)}", forEach: undefined, dependsOn: ["grafana_api_key.b", "null_resource.n"], lifecycle: undefined, provider: "grafana.sa" });
    expect(byName.a.name).toBe("${var.envs[count.index]}-ci");
    expect(byName.b.meta.forEach).toBe('${toset(["x"])}');
    expect(byName.b.name).toBe("${each.key}");
  });

  test("GIVEN a lifecycle block WHEN read THEN prevent_destroy is taken out and reported; the rest is kept, with bare names and addresses", async () => {
    const { keys } = await keysOf(
      'resource "grafana_api_key" "a" {\n  name = "a"\n  role = "Viewer"\n  lifecycle {\n    prevent_destroy = true\n    create_before_destroy = true\n    ignore_changes = [name]\n    replace_triggered_by = [null_resource.n.id]\n  }\n}\n',
    );
    expect(keys[0].preventDestroy).toBe(true);
    expect(keys[0].meta.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ["name"], replace_triggered_by: ["null_resource.n.id"] });
  });

  test("GIVEN ignore_changes = all WHEN read THEN it stays the keyword all", async () => {
    const { keys } = await keysOf('resource "grafana_api_key" "a" {\n  name = "a"\n  role = "Viewer"\n  lifecycle {\n    ignore_changes = all\n  }\n}\n');
    expect(keys[0].meta.lifecycle).toEqual({ ignore_changes: "all" });
  });

  test('GIVEN seconds_to_live = "3600" (quoted) WHEN read THEN it is the number 3600', async () => {
    const { keys } = await keysOf('resource "grafana_api_key" "a" {\n  name = "a"\n  role = "Viewer"\n  seconds_to_live = "3600"\n}\n');
    expect(keys[0].secondsToLive).toBe(3600);
  });

  test("GIVEN expressions for role and ttl WHEN read THEN they are kept as expressions, unchecked", async () => {
    const { keys } = await keysOf('resource "grafana_api_key" "a" {\n  name = "a"\n  role = var.role\n  seconds_to_live = var.ttl\n}\n');
    expect([keys[0].role, keys[0].secondsToLive]).toEqual(["${var.role}", "${var.ttl}"]);
  });

  test("GIVEN a grafana_cloud_stack_api_key WHEN read THEN its stack_slug is kept", async () => {
    const { keys } = await keysOf('resource "grafana_cloud_stack_api_key" "m" {\n  stack_slug = grafana_cloud_stack.s.slug\n  name = "m"\n  role = "Admin"\n}\n');
    expect(keys[0]).toMatchObject({ type: "grafana_cloud_stack_api_key", stackSlug: "${grafana_cloud_stack.s.slug}", providerV1CloudForm: false });
  });

  test("GIVEN the provider 1.x form (grafana_api_key with cloud_stack_slug) WHEN read THEN it is a Cloud stack key", async () => {
    const { keys } = await keysOf('resource "grafana_api_key" "old" {\n  cloud_stack_slug = "mystack"\n  name = "old"\n  role = "Editor"\n}\n');
    expect(keys[0]).toMatchObject({ type: "grafana_api_key", stackSlug: "mystack", providerV1CloudForm: true });
  });

  test("GIVEN the provider 1.x form WHEN planned THEN it becomes a Cloud stack service account and token of that stack, with an info note", async () => {
    const plan = planMigration([await sourceFile("main.tf", 'resource "grafana_api_key" "old" {\n  cloud_stack_slug = "mystack"\n  name = "old"\n  role = "Editor"\n}\n')]);
    expect(plan.accounts).toEqual([expect.objectContaining({ kind: "cloud-stack", address: "grafana_cloud_stack_service_account.old", stackSlug: "mystack", role: "Editor" })]);
    expect(plan.tokens).toEqual([expect.objectContaining({ kind: "cloud-stack", stackSlug: "mystack" })]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ level: "info", code: "GRAFANA-V1-CLOUD-KEY", address: "grafana_api_key.old" }));
  });

  test("GIVEN a grafana_cloud_api_key WHEN read THEN it is not a key to migrate: it is ignored, with the reason", async () => {
    const { keys, ignored } = await keysOf('resource "grafana_cloud_api_key" "org" {\n  cloud_org_slug = "myorg"\n  name = "org"\n  role = "Admin"\n}\n');
    expect(keys).toEqual([]);
    expect(ignored).toEqual([{ address: "grafana_cloud_api_key.org", source: { file: "main.tf", line: 7 }, reason: expect.stringMatching(/organization-level Grafana Cloud key, not a stack key: it is left as it is.*grafana_cloud_access_policy_token/) }]);
  });

  test("GIVEN a Terraform JSON document with cdktf '//' metadata on a key WHEN read THEN the metadata is not an argument", async () => {
    const doc = { resource: { grafana_api_key: { k: { "//": { metadata: { path: "s/k" } }, name: "k", role: "Viewer" } } } };
    expect(findLegacyKeys(doc, "cdk.tf.json").keys).toEqual([expect.objectContaining({ address: "grafana_api_key.k", source: { file: "cdk.tf.json", line: undefined } })]);
  });
});

describe("findLegacyKeys: what it refuses", () => {
  test("GIVEN an unknown argument WHEN read THEN the error names file:line, address, the argument and the allowed arguments", async () => {
    const message = await errorOf('resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "Viewer"\n  ttl = "1h"\n}\n');
    expect(message).toBe('main.tf:7: grafana_api_key.ci: unknown argument "ttl" on grafana_api_key; it accepts name, role, seconds_to_live, org_id, cloud_stack_slug. Remove or fix it, then run the migration again.');
  });

  test("GIVEN an unknown argument on a Cloud stack key WHEN read THEN the allowed list is the Cloud stack key's", async () => {
    const message = await errorOf('resource "grafana_cloud_stack_api_key" "m" {\n  stack_slug = "s"\n  name = "m"\n  role = "Admin"\n  org_id = 1\n}\n');
    expect(message).toContain('unknown argument "org_id" on grafana_cloud_stack_api_key; it accepts name, role, seconds_to_live, stack_slug.');
  });

  test("GIVEN an unknown argument WHEN planned THEN the error diagnostic names the real header line", async () => {
    const text = '# first\n\nresource "grafana_api_key" "ok" {\n  name = "ok"\n  role = "Viewer"\n}\n\nresource "grafana_api_key" "bad" {\n  name = "bad"\n  role = "Viewer"\n  colour = "red"\n}\n';
    const plan = planMigration([await sourceFile("keys.tf", text)]);
    expect(plan.diagnostics.filter((d) => d.level === "error")).toEqual([expect.objectContaining({ code: "GRAFANA-INVALID-KEY", message: expect.stringMatching(/^keys\.tf:8: grafana_api_key\.bad: unknown argument "colour"/) })]);
  });

  test("GIVEN a role in the wrong case WHEN read THEN the error quotes it and gives the right spelling", async () => {
    const message = await errorOf('resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "viewer"\n}\n');
    expect(message).toBe('main.tf:7: grafana_api_key.ci: role "viewer" is not an API key role; use one of Viewer, Editor, Admin (roles are case-sensitive: "Viewer").');
  });

  test("GIVEN a role no key can have WHEN read THEN the error lists the roles with no case hint", async () => {
    const message = await errorOf('resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "None"\n}\n');
    expect(message).toBe('main.tf:7: grafana_api_key.ci: role "None" is not an API key role; use one of Viewer, Editor, Admin.');
  });

  test.each(["MetricsPublisher", "PluginPublisher"])("GIVEN the Grafana Cloud API key role %s WHEN read THEN the error says the key belongs to a Cloud access policy and what to do", async (role) => {
    const message = await errorOf(`resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "${role}"\n}\n`);
    expect(message).toBe(
      `main.tf:7: grafana_api_key.ci: role "${role}" is a Grafana Cloud API key role: such a key belongs to a Grafana Cloud access policy (grafana_cloud_access_policy with a grafana_cloud_access_policy_token), not to a stack service account. Replace it with an access policy that has only the scopes its consumers need, and take it out of these inputs; or, if it really is a stack key, give it one of Viewer, Editor, Admin.`,
    );
  });

  test("GIVEN valid and invalid keys in one file WHEN read THEN every invalid key is reported with its line, and the valid ones are still read", async () => {
    const text = 'resource "grafana_api_key" "ok" {\n  name = "ok"\n  role = "Admin"\n}\nresource "grafana_api_key" "bad" {\n  name = "bad"\n  role = "MetricsPublisher"\n}\nresource "grafana_api_key" "bad2" {\n  name = "bad2"\n  colour = "red"\n}\n';
    const source = await sourceFile("main.tf", text);
    const lines: Record<string, number> = { "grafana_api_key.ok": 1, "grafana_api_key.bad": 5, "grafana_api_key.bad2": 9 };
    const { keys, invalid } = findLegacyKeys(source.doc, "main.tf", (address) => lines[address]);
    expect(keys.map((k) => k.address)).toEqual(["grafana_api_key.ok"]);
    expect(invalid).toEqual([
      { address: "grafana_api_key.bad", source: { file: "main.tf", line: 5 }, message: expect.stringMatching(/^main\.tf:5: grafana_api_key\.bad: role "MetricsPublisher" is a Grafana Cloud API key role/) },
      { address: "grafana_api_key.bad2", source: { file: "main.tf", line: 9 }, message: expect.stringMatching(/^main\.tf:9: grafana_api_key\.bad2: unknown argument "colour"/) },
    ]);
  });

  test.each([
    ['  role = "Viewer"\n', 'the required argument "name" is missing'],
    ['  name = "a"\n', 'the required argument "role" is missing'],
    ['  name = "a"\n  role = "Viewer"\n  seconds_to_live = -5\n', 'seconds_to_live -5 is not a whole number of seconds'],
    ['  name = "a"\n  role = "Viewer"\n  seconds_to_live = 1.5\n', "seconds_to_live 1.5 is not a whole number of seconds"],
    ['  name = "a"\n  role = "Viewer"\n  provisioner "local-exec" {\n    command = "echo"\n  }\n', "provisioners cannot be carried over"],
  ])("GIVEN a key body %j WHEN read THEN it is refused: %s", async (body, expected) => {
    expect(await errorOf(`resource "grafana_api_key" "a" {\n${body}}\n`)).toContain(expected);
  });

  test("GIVEN a Cloud stack key without stack_slug WHEN read THEN it is refused", async () => {
    expect(await errorOf('resource "grafana_cloud_stack_api_key" "m" {\n  name = "m"\n  role = "Admin"\n}\n')).toContain('the required argument "stack_slug" is missing');
  });
});

describe("definitionsToDocument and toIdentifier", () => {
  test("GIVEN TypeScript definitions WHEN converted THEN they are the keys a configuration would declare", () => {
    const doc = definitionsToDocument([
      { name: "ci bot", role: "Editor", ttl: "1h" },
      { name: "mgmt", role: "Admin", stackSlug: "mystack", provider: "grafana.cloud" },
    ]);
    expect(doc).toEqual({
      resource: {
        grafana_api_key: { ci_bot: { name: "ci bot", role: "Editor", seconds_to_live: 3600 } },
        grafana_cloud_stack_api_key: { mgmt: { name: "mgmt", role: "Admin", stack_slug: "mystack", provider: "grafana.cloud" } },
      },
    });
  });

  test("GIVEN both ttl and secondsToLive WHEN converted THEN it is refused", () => {
    expect(() => definitionsToDocument([{ name: "a", role: "Viewer", ttl: "1h", secondsToLive: 3600 }])).toThrow("set either ttl or secondsToLive, not both");
  });

  test.each([
    ["ci", "ci"],
    ["ci bot", "ci_bot"],
    ["1st", "_1st"],
    ["a.b/c", "a_b_c"],
    ["key-foo", "key-foo"],
  ])("GIVEN the name %j WHEN made an identifier THEN it is %j", (name, id) => {
    expect(toIdentifier(name)).toBe(id);
  });
});
