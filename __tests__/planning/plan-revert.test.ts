/**
 * planRevert: service account tokens back to grafana_api_key and their accounts removed. When
 * Terraform deletes an account, Grafana deletes every token on it, so an account holding tokens
 * that were not asked for is refused unless wholeAccounts is set.
 */
import { planRevert, RevertOptions } from "../../src/planning/plan-revert";
import { sourceFile } from "../migration/harness";

const CI_ACCOUNT = `resource "grafana_service_account" "ci" {
  name   = "sa-ci"
  role   = "Editor"
  org_id = "2"
}

# The deploy token.
resource "grafana_service_account_token" "deploy" {
  name               = "deploy-token"
  service_account_id = grafana_service_account.ci.id
  seconds_to_live    = 3600
}

resource "grafana_service_account_token" "lint" {
  name               = "lint-token"
  service_account_id = grafana_service_account.ci.id
  provider           = grafana.sa
}
`;

const SOLO_ACCOUNT = `resource "grafana_service_account" "solo" {
  name = "sa-solo"
  role = "Viewer"
}

resource "grafana_service_account_token" "solo" {
  name               = "solo-token"
  service_account_id = grafana_service_account.solo.id
}

output "solo" {
  value     = grafana_service_account_token.solo.key # the secret
  sensitive = true
}

output "solo_role" {
  value = grafana_service_account.solo.role
}
`;

async function revert(text: string, options: RevertOptions = {}) {
  return planRevert([await sourceFile("main.tf", text)], options);
}

const errors = (plan: { diagnostics: { level: string; code: string; message: string }[] }) => plan.diagnostics.filter((d) => d.level === "error");

describe("planRevert", () => {
  test("GIVEN names still taken in the inputs (a key, a token) WHEN reverted THEN each key gets a new name, {name}-reverted or the next free -reverted-N", async () => {
    const taken = 'resource "grafana_api_key" "old" {\n  name = "solo-reverted"\n  role = "Viewer"\n}\n\nresource "grafana_service_account_token" "other" {\n  name = "solo-reverted-2"\n  service_account_id = "7"\n}\n';
    const plan = await revert(`${SOLO_ACCOUNT}\n${taken}`, { tokens: ["grafana_service_account_token.solo"] });
    expect(errors(plan)).toEqual([]);
    expect(plan.reverted.map((r) => r.keyName)).toEqual(["solo-reverted-3"]);
    expect((await revert(SOLO_ACCOUNT)).keys.solo.name).toBe("solo-reverted");
  });

  test("GIVEN an account with one token WHEN reverted THEN the token becomes a key with the account's role, both blocks go and references follow", async () => {
    const plan = await revert(SOLO_ACCOUNT);
    expect(errors(plan)).toEqual([]);
    expect(plan.reverted).toEqual([{ token: "grafana_service_account_token.solo", account: "grafana_service_account.solo", key: "grafana_api_key.solo", keyName: "solo-reverted", role: "Viewer" }]);
    expect(plan.keys).toEqual({ solo: { name: "solo-reverted", role: "Viewer" } });
    expect(plan.files[0].content).toBe(
      'output "solo" {\n  value     = grafana_api_key.solo.key # the secret\n  sensitive = true\n}\n\noutput "solo_role" {\n  value = grafana_api_key.solo.role\n}\n',
    );
  });

  test("GIVEN an account with two tokens WHEN one is asked for THEN it is refused, listing the other token, and nothing changes", async () => {
    const plan = await revert(CI_ACCOUNT, { tokens: ["grafana_service_account_token.deploy"] });
    expect(errors(plan)).toEqual([
      expect.objectContaining({
        code: "GRAFANA-REVERT-OTHER-TOKENS",
        message: "grafana_service_account.ci also holds grafana_service_account_token.lint. Reverting deletes the account and every token on it. Revert them too, or pass --whole-accounts to revert all of them to keys.",
      }),
    ]);
    expect(plan.reverted).toEqual([]);
    expect(plan.keys).toEqual({});
    expect(plan.files[0].content).toBe(CI_ACCOUNT);
  });

  test("GIVEN wholeAccounts WHEN one token of two is asked for THEN both are reverted to keys, none dropped", async () => {
    const plan = await revert(CI_ACCOUNT, { tokens: ["grafana_service_account_token.deploy"], wholeAccounts: true });
    expect(errors(plan)).toEqual([]);
    expect(plan.reverted.map((r) => [r.token, r.key, r.keyName])).toEqual([
      ["grafana_service_account_token.deploy", "grafana_api_key.deploy", "deploy-reverted"],
      ["grafana_service_account_token.lint", "grafana_api_key.lint", "lint-reverted"],
    ]);
    expect(plan.keys).toEqual({
      deploy: { name: "deploy-reverted", role: "Editor", seconds_to_live: 3600, org_id: "2" },
      lint: { name: "lint-reverted", role: "Editor", provider: "grafana.sa", org_id: "2" },
    });
    expect(plan.files[0].content).toBe("\n");
  });

  test("GIVEN every token of the account asked for WHEN reverted THEN wholeAccounts is not needed", async () => {
    const plan = await revert(CI_ACCOUNT);
    expect(errors(plan)).toEqual([]);
    expect(plan.reverted).toHaveLength(2);
  });

  test("GIVEN an account with role None WHEN its token is reverted THEN it is refused: a key can only be Viewer, Editor or Admin", async () => {
    const plan = await revert(SOLO_ACCOUNT.replace('role = "Viewer"', 'role = "None"'));
    expect(errors(plan)).toEqual([expect.objectContaining({ code: "GRAFANA-REVERT-ROLE", message: 'grafana_service_account.solo has role "None"; an API key can only be Viewer, Editor or Admin.' })]);
    expect(plan.keys).toEqual({});
  });

  test("GIVEN a token address that is not in the inputs WHEN asked for THEN it is an error naming it", async () => {
    const plan = await revert(SOLO_ACCOUNT, { tokens: ["grafana_service_account_token.nope"] });
    expect(errors(plan)).toEqual([expect.objectContaining({ code: "GRAFANA-REVERT-UNKNOWN", message: expect.stringContaining("grafana_service_account_token.nope") })]);
  });

  test("GIVEN a token whose account is not a reference WHEN reverted THEN it is refused", async () => {
    const plan = await revert('resource "grafana_service_account_token" "t" {\n  name = "t-token"\n  service_account_id = "12"\n}\n');
    expect(errors(plan)).toEqual([expect.objectContaining({ code: "GRAFANA-REVERT-ACCOUNT" })]);
  });

  test("GIVEN a reference to the account's id WHEN reverted THEN it is an error: a key has no equivalent", async () => {
    const plan = await revert(`${SOLO_ACCOUNT}\noutput "id" {\n  value = grafana_service_account.solo.id\n}\n`);
    expect(errors(plan)).toEqual([expect.objectContaining({ code: "GRAFANA-REVERT-REFERENCE", message: expect.stringContaining("grafana_service_account.solo.id has no equivalent on an API key") })]);
  });

  test("GIVEN an account and token with count, as the migration writes them WHEN reverted THEN the key keeps count", async () => {
    const text = 'resource "grafana_service_account" "x" {\n  count = 2\n  name = "sa-x-${count.index}"\n  role = "Editor"\n}\n\nresource "grafana_service_account_token" "x" {\n  count = 2\n  name = "x-${count.index}-token"\n  service_account_id = grafana_service_account.x[count.index].id\n}\n';
    const plan = await revert(text);
    expect(errors(plan)).toEqual([]);
    expect(plan.keys).toEqual({ x: { name: "x-${count.index}-reverted", role: "Editor", count: 2 } });
    expect(plan.files[0].content).toBe("\n");
  });

  test("GIVEN meta-arguments in hcl2json form WHEN reverted THEN the keys get them in Terraform JSON form, pointing at the reverted keys", async () => {
    const text = `${SOLO_ACCOUNT}
resource "grafana_service_account" "b" {
  name = "sa-b"
  role = "Viewer"
}

resource "grafana_service_account_token" "b" {
  name               = "b-token"
  service_account_id = grafana_service_account.b.id
  provider           = grafana.sa
  depends_on         = [grafana_service_account_token.solo, null_resource.n]
  lifecycle {
    create_before_destroy = true
    ignore_changes        = [name]
    replace_triggered_by  = [grafana_service_account_token.solo]
  }
}
`;
    const plan = await revert(text);
    expect(errors(plan)).toEqual([]);
    expect(plan.keys.b).toEqual({
      name: "b-reverted",
      role: "Viewer",
      provider: "grafana.sa",
      depends_on: ["grafana_api_key.solo", "null_resource.n"],
      lifecycle: { create_before_destroy: true, ignore_changes: ["name"], replace_triggered_by: ["grafana_api_key.solo"] },
    });
  });
});

describe("planRevert and the migration's generated file", () => {
  const GENERATED = `terraform {
  required_version = ">= 1.7"
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

${SOLO_ACCOUNT.split("output")[0].trimEnd()}

output "solo_token" {
  value       = grafana_service_account_token.solo.key
  description = "The token that replaces grafana_api_key.solo."
  sensitive   = true
}

removed {
  from = grafana_api_key.solo
  lifecycle {
    destroy = false
  }
}
`;

  test("GIVEN the generated file of a migration WHEN every token in it is reverted THEN its outputs go, the file is deleted and the keys list the provider", async () => {
    const plan = planRevert([await sourceFile("grafana-service-accounts.tf", GENERATED), await sourceFile("main.tf", 'output "mine" {\n  value     = grafana_service_account_token.solo.key\n  sensitive = true\n}\n')]);
    expect(errors(plan)).toEqual([]);
    expect(plan.removedOutputs).toEqual(["solo_token"]);
    expect(plan.files[0]).toMatchObject({ path: "grafana-service-accounts.tf", deleted: true });
    // A user's own output is not the migration's: it follows the key.
    expect(plan.files[1].content).toMatch(/value\s+= grafana_api_key\.solo\.key/);
    expect(plan.listsProviders).toBe(true);
  });

  test("GIVEN the same blocks in a file of another name WHEN reverted THEN the settings stay and the file is kept", async () => {
    const plan = planRevert([await sourceFile("main.tf", GENERATED)]);
    expect(plan.files[0].deleted).toBeUndefined();
    expect(plan.files[0].content).toMatch(/^terraform \{/);
    expect(plan.listsProviders).toBe(false);
  });

  test("GIVEN tokens written in an order that is not alphabetical WHEN reverted THEN the keys keep that order", async () => {
    const text = SOLO_ACCOUNT.split("output")[0] + SOLO_ACCOUNT.split("output")[0].replace(/solo/g, "a");
    expect(Object.keys((await revert(text)).keys)).toEqual(["solo", "a"]);
  });

  test("GIVEN an account with two tokens and comments WHEN both are reverted THEN the first key takes the account's comments, each key its token's; a JSON \"//\" comment is a warning", async () => {
    const commented = `# CI account\n${CI_ACCOUNT.replace('  role   = "Editor"', '  role   = "Editor" # deploys')}`;
    const plan = await revert(commented, { wholeAccounts: true });
    expect(errors(plan)).toEqual([]);
    expect(plan.comments).toEqual({
      deploy: { above: ["# CI account", "# The deploy token."], args: { role: { above: [], trailing: "# deploys" } } },
    });

    const json = JSON.stringify({ resource: { grafana_service_account: { solo: { name: "sa-solo", role: "Viewer" } }, grafana_service_account_token: { solo: { "//": "the solo token", name: "solo-token", service_account_id: "${grafana_service_account.solo.id}" } } } });
    const fromJson = planRevert([await sourceFile("main.tf.json", json)]);
    expect(fromJson.comments).toBeUndefined();
    expect(fromJson.diagnostics.filter((d) => d.code === "GRAFANA-REVERT-COMMENTS").map((d) => d.message)).toEqual([expect.stringContaining('grafana_api_key.solo: its account or token has a Terraform JSON "//" comment')]);
  });
});
