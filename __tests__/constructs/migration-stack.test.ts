/**
 * MigrationStack renders a plan; __tests__/migration checks what it renders for real inputs.
 * These tests pin how it renders at scale, with the same document as the plain constructs
 * would give: one element for all removed blocks, not one construct per key, and tokens that
 * name their account by address, not through a cdktf reference token each.
 */
import { App, TerraformStack, Testing } from "cdktf";
import { CloudStackServiceAccount, MigrationStack, Removed, ServiceAccount } from "../../src";
import type { MigrationPlan, PlannedAccount, PlannedToken } from "../../src/planning/plan";
import { synthesizeBoth } from "../../src/synth/synthesize";
import { resourcesOf, thrown } from "../support/cdktf";

function planOf(keys: number, options: { destroy?: boolean } = {}): MigrationPlan {
  const accounts: PlannedAccount[] = [];
  const tokens: PlannedToken[] = [];
  for (let i = 0; i < keys; i++) {
    const address = `grafana_service_account.k${i}`;
    accounts.push({ kind: "oss", resourceName: `k${i}`, address, name: `sa-k${i}`, role: "Viewer", meta: {}, fromKeys: [`grafana_api_key.k${i}`] });
    tokens.push({ kind: "oss", resourceName: `k${i}`, address: `grafana_service_account_token.k${i}`, name: `k${i}-token`, account: address, secondsToLive: 3600, meta: {}, fromKey: `grafana_api_key.k${i}` });
  }
  return {
    strategy: "per-key",
    accounts,
    tokens,
    removals: accounts.map((a) => ({ from: a.fromKeys[0], destroy: options.destroy ?? false })),
    files: [],
    rewrites: [],
    entries: [],
    ignored: [],
    diagnostics: [],
    requiredVersion: ">= 1.7",
    declaresRequiredProviders: true,
  };
}

/** The removed blocks as n Removed constructs in a plain stack: what MigrationStack must match. */
function removedConstructs(app: App, plan: MigrationPlan): TerraformStack {
  const stack = new TerraformStack(app, "removed");
  for (const r of plan.removals) new Removed(stack, `removed-${r.from}`, r);
  return stack;
}

describe("MigrationStack removed blocks", () => {
  test("GIVEN a plan of 50 keys WHEN built THEN the stack holds one removed element, not a construct per key", () => {
    const stack = new MigrationStack(Testing.app(), "migration", { plan: planOf(50) });
    expect(stack.node.findAll().filter((c) => c instanceof Removed)).toEqual([]);
    expect(stack.node.children).toHaveLength(1 + 50 + 1); // provider, accounts, removed blocks
  });

  test("GIVEN a plan of 50 keys WHEN synthesized THEN its removed blocks and HCL are those of 50 Removed constructs, in plan order", async () => {
    const plan = planOf(50, { destroy: true });
    const [fromStack] = await synthesizeBoth((app) => new MigrationStack(app, "migration", { plan }));
    const [fromConstructs] = await synthesizeBoth((app) => removedConstructs(app, plan));
    expect(JSON.parse(fromStack.json).removed).toEqual(JSON.parse(fromConstructs.json).removed);
    expect(JSON.parse(fromStack.json).removed[49]).toEqual({ from: "grafana_api_key.k49", lifecycle: { destroy: true } });
    const blocks = (hcl: string) => hcl.slice(hcl.indexOf("removed {"));
    expect(blocks(fromStack.hcl)).toBe(blocks(fromConstructs.hcl));
    expect(fromStack.hcl.match(/^removed \{/gm)).toHaveLength(50);
  });

  test("GIVEN a plan without removals WHEN synthesized THEN there is no removed block", async () => {
    const plan = { ...planOf(2), removals: [], requiredVersion: undefined };
    const [stack] = await synthesizeBoth((app) => new MigrationStack(app, "migration", { plan }));
    expect(JSON.parse(stack.json)).not.toHaveProperty("removed");
    expect(stack.hcl).not.toContain("removed {");
  });

  test("GIVEN a plan that removes one key twice WHEN built THEN it throws, as when each removed block was a construct named after its address", () => {
    const plan = planOf(2);
    const err = thrown(() => new MigrationStack(Testing.app(), "migration", { plan: { ...plan, removals: [...plan.removals, plan.removals[0]] } }));
    expect(err.message).toBe("plan inconsistency: two removed blocks for grafana_api_key.k0");
  });
});

describe("MigrationStack token references", () => {
  /** Two keys of one role (per-role: two tokens of one account), and a Cloud stack key. */
  function mixedPlan(): MigrationPlan {
    const plan = planOf(2);
    const cloud: PlannedAccount = { kind: "cloud-stack", resourceName: "c0", address: "grafana_cloud_stack_service_account.c0", name: "sa-c0", role: "Admin", stackSlug: "s1", meta: {}, fromKeys: ["grafana_cloud_stack_api_key.c0"] };
    return {
      ...plan,
      strategy: "per-role",
      accounts: [plan.accounts[0], cloud],
      tokens: [
        { ...plan.tokens[0] },
        { ...plan.tokens[1], account: plan.accounts[0].address },
        { kind: "cloud-stack", resourceName: "c0", address: "grafana_cloud_stack_service_account_token.c0", name: "c0-token", account: cloud.address, stackSlug: "s1", meta: {}, fromKey: "grafana_cloud_stack_api_key.c0" },
      ],
    };
  }

  /** The same accounts and tokens built with the constructs and addToken, as a user would. */
  function byHand(app: App): TerraformStack {
    const stack = new TerraformStack(app, "by-hand");
    const sa = new ServiceAccount(stack, "sa", { name: "sa-k0", role: "Viewer" });
    sa.resource.overrideLogicalId("k0");
    for (const k of ["k0", "k1"]) sa.addToken(k, { name: `${k}-token`, secondsToLive: 3600 }).resource.overrideLogicalId(k);
    const cloud = new CloudStackServiceAccount(stack, "cloud", { stackSlug: "s1", name: "sa-c0", role: "Admin" });
    cloud.resource.overrideLogicalId("c0");
    cloud.addToken("c0", { name: "c0-token" }).resource.overrideLogicalId("c0");
    return stack;
  }

  test("GIVEN accounts with one and two tokens WHEN synthesized THEN each token names its account's id as addToken's reference does", () => {
    const fromStack = JSON.parse(Testing.synth(new MigrationStack(Testing.app(), "migration", { plan: mixedPlan() })));
    const fromConstructs = JSON.parse(Testing.synth(byHand(Testing.app())));
    for (const type of ["grafana_service_account_token", "grafana_cloud_stack_service_account_token"]) {
      const ids = (json: any) => Object.fromEntries(Object.entries(resourcesOf(json, type)).map(([k, v]: [string, any]) => [k, v.service_account_id]));
      expect(ids(fromStack)).toEqual(ids(fromConstructs));
    }
    expect(resourcesOf(fromStack, "grafana_service_account_token").k1.service_account_id).toBe("${grafana_service_account.k0.id}");
    expect(resourcesOf(fromStack, "grafana_cloud_stack_service_account_token").c0.service_account_id).toBe("${grafana_cloud_stack_service_account.c0.id}");
  });

  test("GIVEN a token WHEN built THEN it keeps its account's org, role and provider defaults", () => {
    const plan = planOf(1);
    const aliased = { ...plan, accounts: [{ ...plan.accounts[0], orgId: "3", meta: { provider: "grafana.org3" } }] };
    const stack = new MigrationStack(Testing.app(), "migration", { plan: aliased });
    const account = stack.node.findChild("grafana_service_account.k0") as ServiceAccount;
    const token = account.node.findChild("grafana_service_account_token.k0") as any;
    expect(token.serviceAccount).toMatchObject({ orgId: "3", role: "Viewer", tokenDefaults: account.tokenDefaults });
  });
});


describe("MigrationStack provider requirement", () => {
  test("GIVEN a plan whose module lists no providers WHEN synthesized THEN required_providers carries the plan's version, as the CLI's generated file does", async () => {
    const plan: MigrationPlan = { ...planOf(1), declaresRequiredProviders: false, providerVersion: ">= 1.26.0, < 3.0.0" };
    const [stack] = await synthesizeBoth((app) => new MigrationStack(app, "migration", { plan }));
    expect(JSON.parse(stack.json).terraform.required_providers.grafana).toMatchObject({ version: ">= 1.26.0, < 3.0.0" });
    const unpinned = (await synthesizeBoth((app) => new MigrationStack(app, "migration", { plan: { ...plan, providerVersion: undefined } })))[0];
    expect(JSON.parse(unpinned.json).terraform.required_providers.grafana.version).toBeUndefined();
  });
});
