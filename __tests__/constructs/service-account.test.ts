import { TerraformIterator, TerraformVariable, Testing } from "cdktf";
import { GrafanaConstructError, ServiceAccount, ServiceAccountRole, ServiceAccountToken } from "../../src";
import * as gen from "../../src/gen/providers/grafana";
import { newStack, synthesizedValue, resourcesOf, synthJson, thrown, warningsWithId } from "../support/cdktf";

describe("ServiceAccount", () => {
  test("GIVEN name, role, org and isDisabled WHEN synthesized THEN grafana_service_account has them in snake_case", () => {
    const synthesized = Testing.synthScope((scope) => {
      new ServiceAccount(scope, "ci", { name: "ci", role: "Editor", orgId: "3", isDisabled: true });
    });
    expect(synthesized).toHaveResourceWithProperties(gen.serviceAccount.ServiceAccount, {
      name: "ci",
      role: "Editor",
      org_id: "3",
      is_disabled: true,
    });
  });

  test.each(["None", "Viewer", "Editor", "Admin"])("GIVEN role %j WHEN synthesized THEN it is accepted", (role) => {
    const stack = newStack();
    new ServiceAccount(stack, "sa", { name: "sa", role: role as ServiceAccountRole });
    expect(resourcesOf(synthJson(stack), "grafana_service_account")).toEqual({ sa: { name: "sa", role } });
  });

  test.each([
    ["admin", "Admin"],
    ["none", "None"],
  ])("GIVEN role %j WHEN built THEN it throws naming the path, the value, the four roles and %j", (role, fix) => {
    const err = thrown(() => new ServiceAccount(newStack(), "sa", { name: "sa", role: role as ServiceAccountRole }));
    expect(err).toBeInstanceOf(GrafanaConstructError);
    expect(err.message).toMatch(/^stack\/sa: /);
    expect(err.message).toContain(JSON.stringify(role));
    expect(err.message).toContain("None, Viewer, Editor, Admin");
    expect(err.message).toContain(`use "${fix}"`);
  });

  test("GIVEN the role from a variable WHEN synthesized THEN it is referenced without a check", () => {
    const stack = newStack();
    const role = new TerraformVariable(stack, "role", { type: "string" });
    new ServiceAccount(stack, "sa", { name: "sa", role: role.stringValue as ServiceAccountRole });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(gen.serviceAccount.ServiceAccount, { role: "${var.role}" });
  });

  test("GIVEN a service account WHEN built THEN it carries no TTL warning (accounts do not expire)", () => {
    const stack = newStack();
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" });
    expect(warningsWithId(stack, "GRAFANA-TTL-NONE")).toEqual([]);
  });
});

describe("ServiceAccount.addToken", () => {
  test("GIVEN an account WHEN a token is added THEN the token references the account's id", () => {
    const synthesized = Testing.synthScope((scope) => {
      const sa = new ServiceAccount(scope, "sa-admin", { name: "sa-admin", role: "Admin" });
      sa.addToken("sat-bar", { name: "sat-bar", ttl: "30s" });
    });
    expect(synthesized).toHaveResourceWithProperties(gen.serviceAccountToken.ServiceAccountToken, {
      name: "sat-bar",
      seconds_to_live: 30,
      service_account_id: "${grafana_service_account.sa-admin.id}",
    });
  });

  test("GIVEN a token WHEN its key and expiration are read THEN they reference the token", () => {
    const stack = newStack();
    const token = new ServiceAccount(stack, "sa", { name: "sa", role: "Admin" }).addToken("t", { name: "t", ttl: "1h" });
    expect(token).toBeInstanceOf(ServiceAccountToken);
    expect(synthesizedValue(stack, token.key)).toBe("${grafana_service_account_token.sa_t.key}");
    expect(synthesizedValue(stack, token.expiration)).toBe("${grafana_service_account_token.sa_t.expiration}");
  });

  test("GIVEN three tokens of one account WHEN synthesized THEN all reference the account through one reference, read once", () => {
    const stack = newStack();
    const sa = new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" });
    const tokens = ["a", "b", "c"].map((id) => sa.addToken(id, { name: id, ttl: "1h" }));
    expect(new Set([sa.serviceAccountId, ...tokens.map((t) => t.serviceAccount.serviceAccountId)]).size).toBe(1);
    const ids = Object.values(resourcesOf(synthJson(stack), "grafana_service_account_token")).map((t: any) => t.service_account_id);
    expect(ids).toEqual(["${grafana_service_account.sa.id}", "${grafana_service_account.sa.id}", "${grafana_service_account.sa.id}"]);
  });

  test("GIVEN the logical ID overridden before the id is read WHEN a token is added THEN it references the new ID", () => {
    const stack = newStack();
    const sa = new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" });
    sa.resource.overrideLogicalId("renamed");
    sa.addToken("t", { name: "t", ttl: "1h" });
    expect(resourcesOf(synthJson(stack), "grafana_service_account_token").sa_t.service_account_id).toBe("${grafana_service_account.renamed.id}");
  });

  test("GIVEN for_each set on the resource after the id was read WHEN the id is read again THEN it is the resource's id as cdktf gives it now", () => {
    const stack = newStack();
    const sa = new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" });
    const before = sa.serviceAccountId;
    sa.resource.forEach = TerraformIterator.fromList(["x", "y"]);
    expect(sa.serviceAccountId).not.toBe(before);
    expect(synthesizedValue(stack, sa.serviceAccountId)).toBe(synthesizedValue(stack, sa.resource.id));
  });

  test("GIVEN a token with meta-arguments WHEN synthesized THEN they reach the token resource", () => {
    const stack = newStack();
    new ServiceAccount(stack, "sa", { name: "sa", role: "Admin" }).addToken("t", { name: "t", ttl: "1h", lifecycle: { createBeforeDestroy: true } });
    expect(resourcesOf(synthJson(stack), "grafana_service_account_token").sa_t.lifecycle).toEqual({ create_before_destroy: true });
  });
});

describe("ServiceAccount.fromServiceAccountId", () => {
  test("GIVEN an existing account id WHEN a token is made for it THEN service_account_id is that id AND no account is created", () => {
    const stack = newStack();
    const existing = ServiceAccount.fromServiceAccountId(stack, "existing", "1:42", { orgId: "1", role: "Viewer" });
    new ServiceAccountToken(stack, "tok", { serviceAccount: existing, name: "tok", ttl: "1d" });
    const json = synthJson(stack);
    expect(json.resource.grafana_service_account).toBeUndefined();
    expect(resourcesOf(json, "grafana_service_account_token")).toEqual({
      tok: { name: "tok", seconds_to_live: 86_400, service_account_id: "1:42" },
    });
  });

  test("GIVEN options WHEN read back THEN orgId, role and tokenDefaults are what was given", () => {
    const stack = newStack();
    const existing = ServiceAccount.fromServiceAccountId(stack, "existing", "7", { orgId: "2", role: "Editor" });
    expect(existing.serviceAccountId).toBe("7");
    expect(existing.orgId).toBe("2");
    expect(existing.role).toBe("Editor");
    expect(existing.tokenDefaults).toBeUndefined();
  });
});

describe("ServiceAccountToken", () => {
  test("GIVEN an account made here WHEN a token is made directly THEN it matches addToken's output", () => {
    const stack = newStack();
    const sa = new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" });
    new ServiceAccountToken(stack, "tok", { serviceAccount: sa, name: "tok", secondsToLive: 600 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(gen.serviceAccountToken.ServiceAccountToken, {
      name: "tok",
      seconds_to_live: 600,
      service_account_id: "${grafana_service_account.sa.id}",
    });
  });
});
