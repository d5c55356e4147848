/**
 * MigrationStack renders a plan; __tests__/migration checks what it renders for real inputs.
 * These tests pin how it renders at scale: one element for all removed blocks, not one
 * construct per key, with the same document as Removed constructs would give.
 */
import { App, TerraformStack, Testing } from "cdktf";
import { MigrationStack, Removed } from "../../src";
import type { MigrationPlan, PlannedAccount, PlannedToken } from "../../src/planning/plan";
import { synthesizeBoth } from "../../src/synth/synthesize";
import { thrown } from "../support/cdktf";

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
