import { Testing } from "cdktf";
import { CloudStackServiceAccount, CloudStackServiceAccountToken, GrafanaConstructError, ServiceAccountRole } from "../../src";
import * as gen from "../../src/gen/providers/grafana";
import { newStack, synthesizedValue, resourcesOf, synthJson, thrown } from "../support/cdktf";

describe("CloudStackServiceAccount", () => {
  test("GIVEN slug, name, role and isDisabled WHEN synthesized THEN grafana_cloud_stack_service_account has them", () => {
    const synthesized = Testing.synthScope((scope) => {
      new CloudStackServiceAccount(scope, "mgmt", { stackSlug: "mystack", name: "management-sa", role: "Admin", isDisabled: false });
    });
    expect(synthesized).toHaveResourceWithProperties(gen.cloudStackServiceAccount.CloudStackServiceAccount, {
      stack_slug: "mystack",
      name: "management-sa",
      role: "Admin",
      is_disabled: false,
    });
  });

  test("GIVEN role None WHEN synthesized THEN it is accepted (service accounts may have no basic role)", () => {
    const stack = newStack();
    new CloudStackServiceAccount(stack, "sa", { stackSlug: "s", name: "sa", role: "None" });
    expect(resourcesOf(synthJson(stack), "grafana_cloud_stack_service_account").sa.role).toBe("None");
  });

  test("GIVEN role 'viewer' WHEN built THEN it throws naming the path, the value and 'Viewer'", () => {
    const err = thrown(() => new CloudStackServiceAccount(newStack(), "sa", { stackSlug: "s", name: "sa", role: "viewer" as ServiceAccountRole }));
    expect(err).toBeInstanceOf(GrafanaConstructError);
    expect(err.message).toMatch(/^stack\/sa: /);
    expect(err.message).toContain('"viewer"');
    expect(err.message).toContain("None, Viewer, Editor, Admin");
    expect(err.message).toContain('use "Viewer"');
  });

  test("GIVEN an account WHEN a token is added THEN the token carries the account's slug and id", () => {
    const stack = newStack();
    const sa = new CloudStackServiceAccount(stack, "mgmt", { stackSlug: "mystack", name: "management-sa", role: "Admin" });
    const token = sa.addToken("tok", { name: "management-token", ttl: "30d" });
    expect(token).toBeInstanceOf(CloudStackServiceAccountToken);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(gen.cloudStackServiceAccountToken.CloudStackServiceAccountToken, {
      stack_slug: "mystack",
      name: "management-token",
      seconds_to_live: 2_592_000,
      service_account_id: "${grafana_cloud_stack_service_account.mgmt.id}",
    });
    expect(synthesizedValue(stack, token.key)).toBe("${grafana_cloud_stack_service_account_token.mgmt_tok.key}");
  });

  test("GIVEN two tokens of one account WHEN synthesized THEN both reference the account through one reference, read once", () => {
    const stack = newStack();
    const sa = new CloudStackServiceAccount(stack, "mgmt", { stackSlug: "mystack", name: "management-sa", role: "Admin" });
    sa.addToken("a", { name: "a", ttl: "1h" });
    sa.addToken("b", { name: "b", ttl: "1h" });
    expect(sa.serviceAccountId).toBe(sa.serviceAccountId);
    const ids = Object.values(resourcesOf(synthJson(stack), "grafana_cloud_stack_service_account_token")).map((t: any) => t.service_account_id);
    expect(ids).toEqual(["${grafana_cloud_stack_service_account.mgmt.id}", "${grafana_cloud_stack_service_account.mgmt.id}"]);
  });
});

describe("CloudStackServiceAccountToken", () => {
  test("GIVEN an existing Cloud stack account WHEN a token is made THEN it uses that slug and id", () => {
    const stack = newStack();
    new CloudStackServiceAccountToken(stack, "tok", { serviceAccount: { stackSlug: "other", serviceAccountId: "99" }, name: "t", ttl: "1w" });
    expect(resourcesOf(synthJson(stack), "grafana_cloud_stack_service_account_token")).toEqual({
      tok: { stack_slug: "other", name: "t", seconds_to_live: 604_800, service_account_id: "99" },
    });
  });
});
