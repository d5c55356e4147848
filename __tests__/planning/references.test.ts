/**
 * References to legacy keys, in every form Terraform allows, go to the token (its
 * attributes) or to the account (role, org_id); literal text is never touched.
 */
import { legacyKeyResolver, ReferenceRewriter, ReferenceTarget } from "../../src/planning/references";
import { LEGACY_KEY_TYPES } from "../../src/planning/legacy";

const TOKEN = "grafana_service_account_token";
const ACCOUNT = "grafana_service_account";

/** Per key: x (count), y (for_each), z (single). Per role: w (count) shares grafana_service_account.editor. */
const TARGETS = new Map<string, ReferenceTarget>([
  ["grafana_api_key.x", { token: `${TOKEN}.x`, account: `${ACCOUNT}.x`, accountHasSameInstances: true, instanced: true }],
  ["grafana_api_key.y", { token: `${TOKEN}.y`, account: `${ACCOUNT}.y`, accountHasSameInstances: true, instanced: true }],
  ["grafana_api_key.z", { token: `${TOKEN}.z`, account: `${ACCOUNT}.z`, accountHasSameInstances: true }],
  ["grafana_api_key.w", { token: `${TOKEN}.w`, account: `${ACCOUNT}.editor`, accountHasSameInstances: false, instanced: true }],
  ["grafana_api_key.v", { token: `${TOKEN}.v`, account: `${ACCOUNT}.editor`, accountHasSameInstances: false }],
  ["grafana_cloud_stack_api_key.m", { token: "grafana_cloud_stack_service_account_token.m", account: "grafana_cloud_stack_service_account.m", accountHasSameInstances: true }],
]);

function rewriter() {
  return new ReferenceRewriter(LEGACY_KEY_TYPES, legacyKeyResolver(TARGETS));
}

/** Rewrites one HCL text; returns the text and the notes as "level: message". */
function hcl(text: string) {
  const r = rewriter();
  const out = r.rewriteHcl(text, "main.tf");
  return { out, notes: r.notes.map((n) => `${n.level}: ${n.message}`), rewrites: r.rewrites };
}

describe("ReferenceRewriter + legacyKeyResolver: token attributes", () => {
  test.each([
    ["grafana_api_key.z.key", `${TOKEN}.z.key`],
    ["grafana_api_key.z.expiration", `${TOKEN}.z.expiration`],
    ["grafana_api_key.z.seconds_to_live", `${TOKEN}.z.seconds_to_live`],
    ["grafana_api_key.x[0].key", `${TOKEN}.x[0].key`],
    ["grafana_api_key.x[count.index].key", `${TOKEN}.x[count.index].key`],
    ['grafana_api_key.y["a"].key', `${TOKEN}.y["a"].key`],
    ["grafana_api_key.y[each.key].key", `${TOKEN}.y[each.key].key`],
    ['grafana_api_key.y[local.names["a"]].key', `${TOKEN}.y[local.names["a"]].key`],
    ["grafana_api_key.x[*].key", `${TOKEN}.x[*].key`],
    ["grafana_api_key.x.*.key", `${TOKEN}.x.*.key`],
    ["grafana_cloud_stack_api_key.m.key", "grafana_cloud_stack_service_account_token.m.key"],
  ])("GIVEN %s WHEN rewritten THEN it reads %s, with no note", (from, to) => {
    const { out, notes, rewrites } = hcl(`value = ${from}`);
    expect(out).toBe(`value = ${to}`);
    expect(notes).toEqual([]);
    expect(rewrites).toEqual([{ file: "main.tf", from, to }]);
  });

  test("GIVEN references inside interpolations, function calls and objects WHEN rewritten THEN each is rewritten in place", () => {
    const text = 'h = "Bearer ${grafana_api_key.z.key}"\nj = jsonencode({ token = grafana_api_key.y["a"].key, n = 1 })\nl = [grafana_api_key.x[0].key, grafana_api_key.x[1].key]';
    expect(hcl(text).out).toBe(`h = "Bearer \${${TOKEN}.z.key}"\nj = jsonencode({ token = ${TOKEN}.y["a"].key, n = 1 })\nl = [${TOKEN}.x[0].key, ${TOKEN}.x[1].key]`);
  });
});

describe("ReferenceRewriter + legacyKeyResolver: account attributes", () => {
  test.each([
    ["grafana_api_key.z.role", `${ACCOUNT}.z.role`],
    ["grafana_api_key.z.org_id", `${ACCOUNT}.z.org_id`],
    ["grafana_api_key.x[0].role", `${ACCOUNT}.x[0].role`],
    ['grafana_api_key.y["a"].org_id', `${ACCOUNT}.y["a"].org_id`],
    ['grafana_api_key.y[local.names["a"]].role', `${ACCOUNT}.y[local.names["a"]].role`],
  ])("GIVEN a per-key account WHEN %s is rewritten THEN it reads %s, index kept", (from, to) => {
    expect(hcl(`v = ${from}`)).toMatchObject({ out: `v = ${to}`, notes: [] });
  });

  test.each([
    ["grafana_api_key.w[0].role", `${ACCOUNT}.editor.role`],
    ["grafana_api_key.w[count.index].org_id", `${ACCOUNT}.editor.org_id`],
    ["grafana_api_key.v.role", `${ACCOUNT}.editor.role`],
  ])("GIVEN a shared per-role account WHEN %s is rewritten THEN the instance key is dropped: %s", (from, to) => {
    expect(hcl(`v = ${from}`)).toMatchObject({ out: `v = ${to}`, notes: [] });
  });

  test.each([
    ["grafana_api_key.w[*].role", `[for _ in ${TOKEN}.w : ${ACCOUNT}.editor.role]`],
    ["grafana_api_key.w.*.org_id", `[for _ in ${TOKEN}.w : ${ACCOUNT}.editor.org_id]`],
    ["grafana_api_key.v[*].role", `[${ACCOUNT}.editor.role]`],
  ])("GIVEN a shared per-role account WHEN the splat %s is rewritten THEN it stays a list: %s", (from, to) => {
    expect(hcl(`v = ${from}`)).toMatchObject({ out: `v = ${to}`, notes: [] });
  });
});

describe("ReferenceRewriter + legacyKeyResolver: whole objects", () => {
  test("GIVEN keys in a depends_on list WHEN rewritten THEN they name the tokens, with no warning", () => {
    const text = "resource \"null_resource\" \"n\" {\n  depends_on = [\n    grafana_api_key.x, # the ci keys\n    grafana_api_key.z,\n  ]\n}";
    const { out, notes } = hcl(text);
    expect(out).toBe(`resource "null_resource" "n" {\n  depends_on = [\n    ${TOKEN}.x, # the ci keys\n    ${TOKEN}.z,\n  ]\n}`);
    expect(notes).toEqual([]);
  });

  test("GIVEN a for expression over the keys that reads a key's role WHEN rewritten THEN it names the token, with a warning that the token has no role", () => {
    const { out, notes } = hcl("l = [for k in grafana_api_key.x : k.role]");
    expect(out).toBe(`l = [for k in ${TOKEN}.x : k.role]`);
    expect(notes).toEqual([expect.stringMatching(/^warning: main\.tf: grafana_api_key\.x uses the whole key object; .*no role attribute/)]);
  });

  test.each([
    ["{ for k, v in grafana_api_key.x : k => v.key }", `{ for k, v in ${TOKEN}.x : k => v.key }`],
    ["[for k in grafana_api_key.x : k.key]", `[for k in ${TOKEN}.x : k.key]`],
    ["{ for team, key in grafana_api_key.y : team => key.key }", `{ for team, key in ${TOKEN}.y : team => key.key }`],
    ['{for k, v in grafana_api_key.w : k => "Bearer ${v.key}" if v.expiration != ""}', `{for k, v in ${TOKEN}.w : k => "Bearer \${v.key}" if v.expiration != ""}`],
    ["[for i, v in grafana_api_key.x : upper(v.key)]", `[for i, v in ${TOKEN}.x : upper(v.key)]`],
  ])("GIVEN %s, which reads only token attributes of each key WHEN rewritten THEN it iterates the tokens, with no warning", (from, to) => {
    const { out, notes } = hcl(`v = ${from}`);
    expect(out).toBe(`v = ${to}`);
    expect(notes).toEqual([]);
  });

  test.each([
    ["the whole value", "{ for k, v in grafana_api_key.x : k => v }"],
    ["the role", "{ for k, v in grafana_api_key.x : k => v.role }"],
    ["the name, which is not the key's", "{ for k, v in grafana_api_key.x : k => v.name }"],
    ["an index", '{ for k, v in grafana_api_key.x : k => v["key"] }'],
  ])("GIVEN a for expression over the keys that reads %s WHEN rewritten THEN the whole-object warning stays", (_, from) => {
    expect(hcl(`v = ${from}`).notes).toEqual([expect.stringMatching(/uses the whole key object/)]);
  });

  test("GIVEN a name like the iteration value's after the for expression closes WHEN rewritten THEN it is not read as the body's", () => {
    expect(hcl("v = merge({ for k, v in grafana_api_key.x : k => v.key }, v)").notes).toEqual([]);
  });

  test("GIVEN the for expression in Terraform JSON WHEN rewritten THEN it iterates the tokens, with no warning", () => {
    const r = rewriter();
    expect(r.rewriteJson({ value: "${{ for k, v in grafana_api_key.y : k => v.key }}" }, "main.tf.json")).toEqual({ value: `\${{ for k, v in ${TOKEN}.y : k => v.key }}` });
    expect(r.notes).toEqual([]);
  });

  test("GIVEN a key object passed to a function WHEN rewritten THEN it names the token, with the whole-object warning", () => {
    const { out, notes } = hcl("l = values(grafana_api_key.y)[*].key");
    expect(out).toBe(`l = values(${TOKEN}.y)[*].key`);
    expect(notes).toHaveLength(1);
  });

  test("GIVEN a list after depends_on has closed WHEN rewritten THEN a whole key in it is warned about again", () => {
    const { notes } = hcl("depends_on = [grafana_api_key.z]\nx = [grafana_api_key.z]");
    expect(notes).toHaveLength(1);
  });
});

describe("ReferenceRewriter + legacyKeyResolver: warnings and errors", () => {
  test("GIVEN .id WHEN rewritten THEN it reads the token's id, with a warning that the format differs", () => {
    const { out, notes } = hcl("v = grafana_api_key.z.id");
    expect(out).toBe(`v = ${TOKEN}.z.id`);
    expect(notes).toEqual([expect.stringMatching(/^warning: main\.tf: grafana_api_key\.z\.id now reads the token's id, whose format differs.*\{orgID\}:\{keyID\}/)]);
  });

  test("GIVEN .name WHEN rewritten THEN it reads the token's name, with a warning that the value differs from the key's", () => {
    const { out, notes } = hcl("v = grafana_api_key.z.name");
    expect(out).toBe(`v = ${TOKEN}.z.name`);
    expect(notes).toEqual([expect.stringMatching(/^warning: .*grafana_api_key\.z\.name now reads the token's name/)]);
  });

  test("GIVEN an attribute no token has WHEN rewritten THEN it goes to the token, with a warning naming it", () => {
    const { out, notes } = hcl("v = grafana_api_key.z.cloud_stack_slug");
    expect(out).toBe(`v = ${TOKEN}.z.cloud_stack_slug`);
    expect(notes).toEqual([expect.stringContaining("reads cloud_stack_slug, which a token does not have")]);
  });

  test("GIVEN a key no input declares WHEN rewritten THEN the reference is left as written, with an error naming it and the fix", () => {
    const { out, notes, rewrites } = hcl("v = grafana_api_key.unknown.key");
    expect(out).toBe("v = grafana_api_key.unknown.key");
    expect(rewrites).toEqual([]);
    expect(notes).toEqual([expect.stringMatching(/^error: main\.tf: grafana_api_key\.unknown\.key refers to grafana_api_key\.unknown, which none of the inputs declares\. Pass the file that declares it/)]);
  });
});

describe("legacyKeyResolver: keys that are declared but not planned", () => {
  test("GIVEN a key with an error of its own WHEN a reference to it is rewritten THEN it is left as written, with no note and no rewrite", () => {
    const r = new ReferenceRewriter(LEGACY_KEY_TYPES, legacyKeyResolver(TARGETS, new Set(["grafana_api_key.broken"])));
    expect(r.rewriteHcl("v = grafana_api_key.broken.key\nw = grafana_api_key.gone.key", "main.tf")).toBe("v = grafana_api_key.broken.key\nw = grafana_api_key.gone.key");
    expect(r.rewrites).toEqual([]);
    expect(r.notes.map((n) => n.reference)).toEqual(["grafana_api_key.gone.key"]);
  });
});

describe("ReferenceRewriter: text that only looks like a reference", () => {
  test.each([
    ["a comment", "# uses grafana_api_key.z.key\n// grafana_api_key.z.key\n/* grafana_api_key.z.key */"],
    ["a plain string", 'v = "grafana_api_key.z.key"'],
    ["an escaped interpolation", 'v = "$${grafana_api_key.z.key}"'],
    ["a heredoc's literal text", "v = <<EOT\ngrafana_api_key.z.key\nEOT\n"],
    ["a longer name", "v = my_grafana_api_key.z.key\nw = data.grafana_api_key.z.key\nu = module.grafana_api_key.z"],
    ["another resource type", "v = grafana_api_key_thing.z.key"],
  ])("GIVEN %s WHEN rewritten THEN nothing changes", (_, text) => {
    const { out, notes } = hcl(text);
    expect(out).toBe(text);
    expect(notes).toEqual([]);
  });

  test("GIVEN real and literal mentions side by side WHEN rewritten THEN only the real one changes", () => {
    const text = 'v = "${grafana_api_key.z.key} is not grafana_api_key.z.key" # grafana_api_key.z.key';
    expect(hcl(text).out).toBe(`v = "\${${TOKEN}.z.key} is not grafana_api_key.z.key" # grafana_api_key.z.key`);
  });
});

describe("ReferenceRewriter.rewriteJson (Terraform JSON)", () => {
  test("GIVEN templates, depends_on addresses and literal text WHEN rewritten THEN templates and addresses change, literals stay", () => {
    const r = rewriter();
    const value = {
      value: "${grafana_api_key.z.key}",
      header: "Bearer ${grafana_api_key.y[\"a\"].key}",
      literal: "grafana_api_key.z.key and $${grafana_api_key.z.key}",
      path: "C:\\${grafana_api_key.z.key}",
      depends_on: ["grafana_api_key.x", "null_resource.n"],
      lifecycle: { replace_triggered_by: ["grafana_api_key.z"] },
      count: 2,
    };
    expect(r.rewriteJson(value, "main.tf.json")).toEqual({
      value: `\${${TOKEN}.z.key}`,
      header: `Bearer \${${TOKEN}.y["a"].key}`,
      literal: "grafana_api_key.z.key and $${grafana_api_key.z.key}",
      path: `C:\\\${${TOKEN}.z.key}`,
      depends_on: [`${TOKEN}.x`, "null_resource.n"],
      lifecycle: { replace_triggered_by: [`${TOKEN}.z`] },
      count: 2,
    });
    expect(r.notes).toEqual([]);
  });
});
