import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ApiKey, CloudStackApiKey, CloudStackServiceAccount, sensitiveOutput, ServiceAccount } from "../../src";
import { newStack, synthJson } from "../support/cdktf";

describe("secret outputs", () => {
  test.each([
    ["ApiKey", (scope: Construct) => new ApiKey(scope, "k", { name: "k", role: "Viewer", ttl: "1h" }), "${grafana_api_key.nested_k.key}"],
    ["CloudStackApiKey", (scope: Construct) => new CloudStackApiKey(scope, "k", { stackSlug: "s", name: "k", role: "Viewer", ttl: "1h" }), "${grafana_cloud_stack_api_key.nested_k.key}"],
    [
      "ServiceAccountToken",
      (scope: Construct) => new ServiceAccount(scope, "sa", { name: "sa", role: "Viewer" }).addToken("t", { name: "t", ttl: "1h" }),
      "${grafana_service_account_token.nested_sa_t.key}",
    ],
    [
      "CloudStackServiceAccountToken",
      (scope: Construct) => new CloudStackServiceAccount(scope, "sa", { stackSlug: "s", name: "sa", role: "Viewer" }).addToken("t", { name: "t", ttl: "1h" }),
      "${grafana_cloud_stack_service_account_token.nested_sa_t.key}",
    ],
  ])("GIVEN a %s WHEN outputKey() is called THEN the output is sensitive, top-level and holds a reference to the key", (_label, make, reference) => {
    const stack = newStack();
    const nested = new Construct(stack, "nested");
    make(nested).outputKey("secret");
    const output = synthJson(stack).output.secret;
    expect(output.sensitive).toBe(true);
    expect(output.value).toBe(reference);
    expect(output.description).toContain("stack/nested/");
  });

  test("GIVEN a description WHEN outputKey() is called with it THEN it is used AND the output stays sensitive", () => {
    const stack = newStack();
    new ApiKey(stack, "k", { name: "k", role: "Viewer", ttl: "1h" }).outputKey("ci_key", "Key for CI");
    expect(synthJson(stack).output.ci_key).toEqual({ value: "${grafana_api_key.k.key}", description: "Key for CI", sensitive: true });
  });

  test("GIVEN any value WHEN sensitiveOutput() is used directly THEN the output is sensitive under the given id", () => {
    const synthesized = JSON.parse(
      Testing.synthScope((scope) => {
        const inner = new Construct(scope, "deep");
        sensitiveOutput(inner, "plain", "not-a-reference");
      }),
    );
    expect(synthesized.output).toEqual({ plain: { value: "not-a-reference", sensitive: true } });
  });
});
