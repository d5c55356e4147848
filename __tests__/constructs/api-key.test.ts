import { TerraformVariable, Testing } from "cdktf";
import { ApiKey, ApiKeyRole, CloudStackApiKey, GrafanaConstructError } from "../../src";
import * as gen from "../../src/gen/providers/grafana";
import { newStack, synthesizedValue, resourcesOf, synthJson, thrown, warningsWithId } from "../support/cdktf";

describe("ApiKey", () => {
  test("GIVEN a name, role, org and ttl WHEN synthesized THEN grafana_api_key has those snake_case attributes", () => {
    const synthesized = Testing.synthScope((scope) => {
      new ApiKey(scope, "ci", { name: "ci-key", role: "Editor", orgId: "2", ttl: "12h" });
    });
    expect(synthesized).toHaveResourceWithProperties(gen.apiKey.ApiKey, {
      name: "ci-key",
      role: "Editor",
      org_id: "2",
      seconds_to_live: 43_200,
    });
  });

  test("GIVEN only name and role WHEN synthesized THEN no optional attribute is written", () => {
    const stack = newStack();
    new ApiKey(stack, "k", { name: "k", role: "Viewer" });
    expect(resourcesOf(synthJson(stack), "grafana_api_key")).toEqual({ k: { name: "k", role: "Viewer" } });
  });

  test("GIVEN cloudStackSlug (provider 1.x) WHEN synthesized THEN cloud_stack_slug is set", () => {
    const synthesized = Testing.synthScope((scope) => {
      new ApiKey(scope, "k", { name: "k", role: "Admin", cloudStackSlug: "mystack", ttl: "1d" });
    });
    expect(synthesized).toHaveResourceWithProperties(gen.apiKey.ApiKey, { cloud_stack_slug: "mystack", seconds_to_live: 86_400 });
  });

  test("GIVEN meta-arguments WHEN synthesized THEN lifecycle and depends_on reach the resource", () => {
    const stack = newStack();
    const first = new ApiKey(stack, "first", { name: "first", role: "Viewer", ttl: "1h" });
    new ApiKey(stack, "second", { name: "second", role: "Viewer", ttl: "1h", lifecycle: { preventDestroy: true }, dependsOn: [first.resource] });
    const second = resourcesOf(synthJson(stack), "grafana_api_key").second;
    expect(second.lifecycle).toEqual({ prevent_destroy: true });
    expect(second.depends_on).toEqual(["grafana_api_key.first"]);
  });

  test("GIVEN any ApiKey WHEN built THEN a GRAFANA-DEPRECATED-API-KEY warning names it and the replacement", () => {
    const stack = newStack();
    new ApiKey(stack, "legacy", { name: "legacy", role: "Viewer", ttl: "1h" });
    const warnings = warningsWithId(stack, "GRAFANA-DEPRECATED-API-KEY");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe("stack/legacy");
    expect(warnings[0].message).toContain("stack/legacy");
    expect(warnings[0].message).toContain("ServiceAccount");
  });

  test.each([
    ["admin", 'use "Admin"'],
    ["VIEWER", 'use "Viewer"'],
    ["None", undefined],
    ["Owner", undefined],
  ])("GIVEN role %j WHEN built THEN it throws naming the path, the value and the key roles", (role, hint) => {
    const err = thrown(() => new ApiKey(newStack(), "k", { name: "k", role: role as ApiKeyRole }));
    expect(err).toBeInstanceOf(GrafanaConstructError);
    expect(err.message).toMatch(/^stack\/k: /);
    expect(err.message).toContain(JSON.stringify(role));
    expect(err.message).toContain("Viewer, Editor, Admin");
    if (hint) expect(err.message).toContain(hint);
  });

  test("GIVEN the role from a variable WHEN synthesized THEN it is not checked AND is referenced", () => {
    const stack = newStack();
    const role = new TerraformVariable(stack, "role", { type: "string" });
    new ApiKey(stack, "k", { name: "k", role: role.stringValue as ApiKeyRole, ttl: "1h" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(gen.apiKey.ApiKey, { role: "${var.role}" });
  });

  test("GIVEN an ApiKey WHEN its key and expiration are read THEN they are references, not values", () => {
    const stack = newStack();
    const key = new ApiKey(stack, "k", { name: "k", role: "Viewer", ttl: "1h" });
    expect(synthesizedValue(stack, key.key)).toBe("${grafana_api_key.k.key}");
    expect(synthesizedValue(stack, key.expiration)).toBe("${grafana_api_key.k.expiration}");
  });
});

describe("CloudStackApiKey", () => {
  test("GIVEN stack slug, name, role and ttl WHEN synthesized THEN grafana_cloud_stack_api_key has them", () => {
    const synthesized = Testing.synthScope((scope) => {
      new CloudStackApiKey(scope, "mgmt", { stackSlug: "mystack", name: "management-key", role: "Admin", ttl: "30d" });
    });
    expect(synthesized).toHaveResourceWithProperties(gen.cloudStackApiKey.CloudStackApiKey, {
      stack_slug: "mystack",
      name: "management-key",
      role: "Admin",
      seconds_to_live: 2_592_000,
    });
  });

  test("GIVEN any CloudStackApiKey WHEN built THEN it is warned about as deprecated", () => {
    const stack = newStack();
    new CloudStackApiKey(stack, "mgmt", { stackSlug: "s", name: "n", role: "Admin", ttl: "1d" });
    const warnings = warningsWithId(stack, "GRAFANA-DEPRECATED-API-KEY");
    expect(warnings.map((w) => w.path)).toEqual(["stack/mgmt"]);
    expect(warnings[0].message).toContain("CloudStackServiceAccount");
  });

  test("GIVEN role 'editor' WHEN built THEN it throws with the path and the 'Editor' hint", () => {
    const err = thrown(() => new CloudStackApiKey(newStack(), "mgmt", { stackSlug: "s", name: "n", role: "editor" as ApiKeyRole }));
    expect(err.message).toMatch(/^stack\/mgmt: /);
    expect(err.message).toContain('"editor"');
    expect(err.message).toContain("Viewer, Editor, Admin");
    expect(err.message).toContain('use "Editor"');
  });

  test("GIVEN the key WHEN read THEN it references the resource", () => {
    const stack = newStack();
    const key = new CloudStackApiKey(stack, "mgmt", { stackSlug: "s", name: "n", role: "Admin", ttl: "1d" });
    expect(synthesizedValue(stack, key.key)).toBe("${grafana_cloud_stack_api_key.mgmt.key}");
  });
});
