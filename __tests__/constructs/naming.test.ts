/**
 * Names Grafana keeps unique, readable logical IDs, and provider aliases.
 * Cross-construct checks run as validations: in app.synth() or Testing.synth(stack, true).
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { ApiKey, CloudStackApiKey, CloudStackServiceAccount, ServiceAccount, ServiceAccountToken } from "../../src";
import { GrafanaProvider } from "../../src/gen/providers/grafana/provider";
import { ServiceAccountToken as GenServiceAccountToken } from "../../src/gen/providers/grafana/service-account-token";
import { newStack, resourcesOf, synthJson, thrown } from "../support/cdktf";

/** The validation error of a stack; fails when validation passes. */
function validationError(stack: TerraformStack): string {
  return thrown(() => Testing.synth(stack, true)).message;
}

function expectDuplicate(stack: TerraformStack, name: string, first: string, second: string): void {
  const message = validationError(stack);
  expect(message).toContain("GRAFANA-DUPLICATE-NAME");
  expect(message).toContain(`${first} and ${second}`);
  expect(message).toContain(`"${name}"`);
}

function expectValid(stack: TerraformStack): void {
  expect(() => Testing.synth(stack, true)).not.toThrow();
}

describe("duplicate names", () => {
  test("GIVEN two ApiKeys with one name in the default org WHEN validated THEN synth fails naming both paths", () => {
    const stack = newStack({ provider: true });
    new ApiKey(stack, "a", { name: "ci", role: "Viewer", ttl: "1h" });
    new ApiKey(stack, "b", { name: "ci", role: "Admin", ttl: "1h" });
    expectDuplicate(stack, "ci", "stack/a", "stack/b");
  });

  test("GIVEN two ApiKeys with one name in org 2 WHEN validated THEN synth fails", () => {
    const stack = newStack({ provider: true });
    new ApiKey(stack, "a", { name: "ci", role: "Viewer", orgId: "2", ttl: "1h" });
    new ApiKey(stack, "b", { name: "ci", role: "Viewer", orgId: "2", ttl: "1h" });
    expectDuplicate(stack, "ci", "stack/a", "stack/b");
  });

  test("GIVEN an ApiKey and a token with one name in one org WHEN validated THEN synth fails: Grafana keeps both in one table", () => {
    const stack = newStack({ provider: true });
    new ApiKey(stack, "legacy", { name: "deploy", role: "Editor", ttl: "1h" });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Editor" }).addToken("tok", { name: "deploy", ttl: "1h" });
    const message = validationError(stack);
    expect(message).toContain("stack/legacy and stack/sa/tok");
    expect(message).toContain("API key or token");
  });

  test("GIVEN an ApiKey in org 2 and a token of an account in org 2 with one name WHEN validated THEN synth fails", () => {
    const stack = newStack({ provider: true });
    new ApiKey(stack, "legacy", { name: "deploy", role: "Editor", orgId: "2", ttl: "1h" });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Editor", orgId: "2" }).addToken("tok", { name: "deploy", ttl: "1h" });
    expectDuplicate(stack, "deploy", "stack/legacy", "stack/sa/tok");
  });

  test("GIVEN tokens of two accounts with one name WHEN validated THEN synth fails: token names are unique per org", () => {
    const stack = newStack({ provider: true });
    new ServiceAccount(stack, "a", { name: "a", role: "Viewer" }).addToken("tok", { name: "shared", ttl: "1h" });
    new ServiceAccount(stack, "b", { name: "b", role: "Viewer" }).addToken("tok", { name: "shared", ttl: "1h" });
    expectDuplicate(stack, "shared", "stack/a/tok", "stack/b/tok");
  });

  test("GIVEN a token of an imported account in org 3 and an ApiKey in org 3 WHEN validated THEN synth fails", () => {
    const stack = newStack({ provider: true });
    const existing = ServiceAccount.fromServiceAccountId(stack, "existing", "3:9", { orgId: "3" });
    new ServiceAccountToken(stack, "tok", { serviceAccount: existing, name: "x", ttl: "1h" });
    new ApiKey(stack, "key", { name: "x", role: "Viewer", orgId: "3", ttl: "1h" });
    expectDuplicate(stack, "x", "stack/tok", "stack/key");
  });

  test("GIVEN two service accounts with one name WHEN validated THEN synth fails naming both", () => {
    const stack = newStack({ provider: true });
    new ServiceAccount(stack, "one", { name: "robot", role: "Viewer" });
    const team = new Construct(stack, "team");
    new ServiceAccount(team, "two", { name: "robot", role: "Admin" });
    const message = validationError(stack);
    expect(message).toContain("stack/one and stack/team/two");
    expect(message).toContain('service account named "robot"');
  });

  test("GIVEN two Cloud stack service accounts with one name in one stack WHEN validated THEN synth fails", () => {
    const stack = newStack({ provider: true });
    new CloudStackServiceAccount(stack, "a", { stackSlug: "prod", name: "robot", role: "Viewer" });
    new CloudStackServiceAccount(stack, "b", { stackSlug: "prod", name: "robot", role: "Viewer" });
    expectDuplicate(stack, "robot", "stack/a", "stack/b");
  });

  test("GIVEN a Cloud stack API key and a Cloud stack token with one name in one stack WHEN validated THEN synth fails", () => {
    const stack = newStack({ provider: true });
    new CloudStackApiKey(stack, "key", { stackSlug: "prod", name: "mgmt", role: "Admin", ttl: "1d" });
    new CloudStackServiceAccount(stack, "sa", { stackSlug: "prod", name: "sa", role: "Admin" }).addToken("tok", { name: "mgmt", ttl: "1d" });
    expectDuplicate(stack, "mgmt", "stack/key", "stack/sa/tok");
  });

  test("GIVEN a key with the default provider passed explicitly and one without WHEN validated THEN they still clash", () => {
    const stack = newStack();
    const provider = new GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });
    new ApiKey(stack, "a", { name: "ci", role: "Viewer", ttl: "1h", provider });
    new ApiKey(stack, "b", { name: "ci", role: "Viewer", ttl: "1h" });
    expectDuplicate(stack, "ci", "stack/a", "stack/b");
  });

  test("GIVEN duplicates WHEN the app synthesizes THEN app.synth() fails too", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "stack");
    new GrafanaProvider(stack, "grafana", {});
    new ApiKey(stack, "a", { name: "ci", role: "Viewer", ttl: "1h" });
    new ApiKey(stack, "b", { name: "ci", role: "Viewer", ttl: "1h" });
    expect(() => app.synth()).toThrow(/stack\/a and stack\/b/);
  });

  test("GIVEN a duplicate added after the first synth-free check WHEN validated THEN it still counts", () => {
    const stack = newStack({ provider: true });
    new ApiKey(stack, "a", { name: "ci", role: "Viewer", ttl: "1h" });
    expectValid(stack);
    new ApiKey(stack, "late", { name: "ci", role: "Viewer", ttl: "1h" });
    expectDuplicate(stack, "ci", "stack/a", "stack/late");
  });

  describe("GIVEN the same name in different places", () => {
    test("WHEN the orgs differ THEN synth succeeds", () => {
      const stack = newStack({ provider: true });
      new ApiKey(stack, "a", { name: "ci", role: "Viewer", orgId: "1", ttl: "1h" });
      new ApiKey(stack, "b", { name: "ci", role: "Viewer", orgId: "2", ttl: "1h" });
      new ServiceAccount(stack, "sa1", { name: "robot", role: "Viewer", orgId: "1" }).addToken("t", { name: "tok", ttl: "1h" });
      new ServiceAccount(stack, "sa2", { name: "robot", role: "Viewer", orgId: "2" }).addToken("t", { name: "tok", ttl: "1h" });
      expectValid(stack);
    });

    test("WHEN the Cloud stacks differ THEN synth succeeds", () => {
      const stack = newStack({ provider: true });
      new CloudStackServiceAccount(stack, "a", { stackSlug: "prod", name: "robot", role: "Viewer" }).addToken("t", { name: "tok", ttl: "1h" });
      new CloudStackServiceAccount(stack, "b", { stackSlug: "dev", name: "robot", role: "Viewer" }).addToken("t", { name: "tok", ttl: "1h" });
      new CloudStackApiKey(stack, "k", { stackSlug: "staging", name: "tok", role: "Viewer", ttl: "1h" });
      expectValid(stack);
    });

    test("WHEN the provider aliases differ THEN synth succeeds", () => {
      const stack = newStack({ provider: true });
      const other = new GrafanaProvider(stack, "other", { alias: "other", url: "http://other:3000" });
      new ApiKey(stack, "a", { name: "ci", role: "Viewer", ttl: "1h" });
      new ApiKey(stack, "b", { name: "ci", role: "Viewer", ttl: "1h", provider: other });
      new ServiceAccount(stack, "sa1", { name: "robot", role: "Viewer" });
      new ServiceAccount(stack, "sa2", { name: "robot", role: "Viewer", provider: other });
      expectValid(stack);
    });

    test("WHEN a service account and a token share a name THEN synth succeeds: they are different tables", () => {
      const stack = newStack({ provider: true });
      new ServiceAccount(stack, "sa", { name: "robot", role: "Viewer" }).addToken("t", { name: "robot", ttl: "1h" });
      expectValid(stack);
    });

    test("WHEN an OSS and a Cloud stack account share a name THEN synth succeeds", () => {
      const stack = newStack({ provider: true });
      new ServiceAccount(stack, "a", { name: "robot", role: "Viewer" });
      new CloudStackServiceAccount(stack, "b", { stackSlug: "prod", name: "robot", role: "Viewer" });
      expectValid(stack);
    });

    test("WHEN the stacks differ THEN each stack is checked on its own", () => {
      const app = Testing.app();
      for (const id of ["one", "two"]) {
        const stack = new TerraformStack(app, id);
        new GrafanaProvider(stack, "grafana", {});
        new ApiKey(stack, "k", { name: "ci", role: "Viewer", ttl: "1h" });
      }
      expect(() => app.synth()).not.toThrow();
    });
  });

  test("GIVEN names only known at plan time WHEN validated THEN they are not compared", () => {
    const stack = newStack({ provider: true });
    const name = new TerraformVariable(stack, "name", { type: "string" });
    new ApiKey(stack, "a", { name: name.stringValue, role: "Viewer", ttl: "1h" });
    new ApiKey(stack, "b", { name: name.stringValue, role: "Viewer", ttl: "1h" });
    expectValid(stack);
  });
});

describe("logical IDs", () => {
  test("GIVEN the guide's accounts WHEN synthesized THEN addresses read like hand-written HCL, with no hash suffix", () => {
    const stack = newStack();
    const admin = new ServiceAccount(stack, "sa-admin", { name: "sa-admin", role: "Admin" });
    admin.addToken("sat-bar", { name: "sat-bar", ttl: "30s" });
    new ApiKey(stack, "foo", { name: "key_foo", role: "Viewer" });
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "grafana_service_account"))).toEqual(["sa-admin"]);
    expect(Object.keys(resourcesOf(json, "grafana_service_account_token"))).toEqual(["sa-admin_sat-bar"]);
    expect(Object.keys(resourcesOf(json, "grafana_api_key"))).toEqual(["foo"]);
    expect(resourcesOf(json, "grafana_service_account_token")["sa-admin_sat-bar"].service_account_id).toBe("${grafana_service_account.sa-admin.id}");
  });

  test("GIVEN constructs nested in a plain Construct WHEN synthesized THEN the path below the stack is joined with _", () => {
    const stack = newStack();
    const team = new Construct(stack, "team");
    new ServiceAccount(team, "robot", { name: "robot", role: "Viewer" }).addToken("ci", { name: "ci", ttl: "1h" });
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "grafana_service_account"))).toEqual(["team_robot"]);
    expect(Object.keys(resourcesOf(json, "grafana_service_account_token"))).toEqual(["team_robot_ci"]);
  });

  test("GIVEN ids Terraform would not accept WHEN synthesized THEN they are made valid identifiers", () => {
    const stack = newStack();
    new ApiKey(stack, "my key.v2", { name: "a", role: "Viewer", ttl: "1h" });
    new ApiKey(stack, "2fa", { name: "b", role: "Viewer", ttl: "1h" });
    const ids = Object.keys(resourcesOf(synthJson(stack), "grafana_api_key")).sort();
    expect(ids).toEqual(["_2fa", "my_key_v2"]);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
  });

  test("GIVEN two constructs whose paths join to one address WHEN validated THEN synth fails naming both", () => {
    const stack = newStack({ provider: true });
    const sa = new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" });
    sa.addToken("x", { name: "one", ttl: "1h" });
    new ServiceAccountToken(stack, "sa_x", { serviceAccount: sa, name: "two", ttl: "1h" });
    const message = validationError(stack);
    expect(message).toContain("GRAFANA-DUPLICATE-ADDRESS");
    expect(message).toContain("stack/sa/x/Resource and stack/sa_x/Resource");
    expect(message).toContain("grafana_service_account_token.sa_x");
  });

  test("GIVEN a raw L1 resource that takes a construct's address WHEN validated THEN synth fails too", () => {
    const stack = newStack({ provider: true });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" }).addToken("x", { name: "one", ttl: "1h" });
    new GenServiceAccountToken(stack, "raw", { name: "two", serviceAccountId: "1" }).overrideLogicalId("sa_x");
    expect(validationError(stack)).toContain("grafana_service_account_token.sa_x");
  });
});

describe("provider aliases", () => {
  test("GIVEN an account on an aliased provider WHEN a token is added THEN the token uses that provider", () => {
    const stack = newStack({ provider: true });
    const cloud = new GrafanaProvider(stack, "cloud", { alias: "cloud" });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer", provider: cloud }).addToken("t", { name: "t", ttl: "1h" });
    const json = synthJson(stack);
    expect(resourcesOf(json, "grafana_service_account").sa.provider).toBe("grafana.cloud");
    expect(resourcesOf(json, "grafana_service_account_token").sa_t.provider).toBe("grafana.cloud");
  });

  test("GIVEN a token with its own provider WHEN added to an aliased account THEN its own provider wins", () => {
    const stack = newStack({ provider: true });
    const cloud = new GrafanaProvider(stack, "cloud", { alias: "cloud" });
    const other = new GrafanaProvider(stack, "other", { alias: "other" });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer", provider: cloud }).addToken("t", { name: "t", ttl: "1h", provider: other });
    expect(resourcesOf(synthJson(stack), "grafana_service_account_token").sa_t.provider).toBe("grafana.other");
  });

  test("GIVEN a Cloud stack account on an aliased provider WHEN a token is added THEN the token inherits it", () => {
    const stack = newStack();
    const cloud = new GrafanaProvider(stack, "cloud", { alias: "cloud" });
    new CloudStackServiceAccount(stack, "sa", { stackSlug: "s", name: "sa", role: "Viewer", provider: cloud }).addToken("t", { name: "t", ttl: "1h" });
    expect(resourcesOf(synthJson(stack), "grafana_cloud_stack_service_account_token").sa_t.provider).toBe("grafana.cloud");
  });

  test("GIVEN an imported account with a provider in tokenDefaults WHEN a token is made THEN it uses that provider", () => {
    const stack = newStack();
    const cloud = new GrafanaProvider(stack, "cloud", { alias: "cloud" });
    const existing = ServiceAccount.fromServiceAccountId(stack, "existing", "5", { tokenDefaults: { provider: cloud } });
    new ServiceAccountToken(stack, "t", { serviceAccount: existing, name: "t", ttl: "1h" });
    expect(resourcesOf(synthJson(stack), "grafana_service_account_token").t.provider).toBe("grafana.cloud");
  });

  test("GIVEN an account on the default provider WHEN a token is added THEN neither names a provider", () => {
    const stack = newStack({ provider: true });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" }).addToken("t", { name: "t", ttl: "1h" });
    const json = synthJson(stack);
    expect(resourcesOf(json, "grafana_service_account").sa).not.toHaveProperty("provider");
    expect(resourcesOf(json, "grafana_service_account_token").sa_t).not.toHaveProperty("provider");
  });
});
