/** Counts per instance, as Terraform counts a resource with count or for_each. */
import { instanceCounts, staticInstances } from "../../src/planning/instances";
import { planMigration } from "../../src/planning/plan-migration";
import { sourceFile } from "../migration/harness";

describe("staticInstances", () => {
  test.each([
    ["no count or for_each", {}, 1],
    ["count = 2", { count: 2 }, 2],
    ['count = "3" (a string Terraform reads as a number)', { count: "3" }, 3],
    ["count = 0", { count: 0 }, 0],
    ["a literal map", { forEach: { a: 1, b: "x" } }, 2],
    ["a literal list", { forEach: ["a", "b"] }, 2],
    ['toset(["a","b"])', { forEach: '${toset(["a","b"])}' }, 2],
    ['toset(["a", "b", "a",]) (a set holds each once)', { forEach: '${toset([ "a", "b", "a", ])}' }, 2],
  ])("GIVEN %s WHEN counted THEN it has that many instances", (_, meta, n) => {
    expect(staticInstances(meta)).toBe(n);
  });

  test.each([
    ["count = var.n", { count: "${var.n}" }],
    ["count = length(local.x)", { count: "${length(local.x)}" }],
    ["for_each = var.teams", { forEach: "${var.teams}" }],
    ["a map with a key from an expression", { forEach: { "${(local.k)}": 1, a: 2 } }],
    ["toset of a reference", { forEach: '${toset(["a", var.b])}' }],
    ["a for expression", { forEach: "${{for k in var.x : k => k}}" }],
  ])("GIVEN %s WHEN counted THEN the number is unknown, not guessed", (_, meta) => {
    expect(staticInstances(meta)).toBeNull();
  });
});

describe("instanceCounts", () => {
  const seed = (forEach: string) =>
    `resource "grafana_api_key" "foo" {\n  name = "key_foo"\n  role = "Viewer"\n}\n\nresource "grafana_api_key" "bar" {\n  for_each = ${forEach}\n  name = "key_bar-\${each.key}"\n  role = "Admin"\n  seconds_to_live = 30\n}\n`;

  test("GIVEN the seed with a two-instance for_each key WHEN counted THEN 6 to add and, revoking, 3 keys destroyed", async () => {
    const plan = planMigration([await sourceFile("main.tf", seed('toset(["a", "b"])'))], { revokeLegacy: true });
    expect(instanceCounts(plan)).toEqual({
      keys: { known: 3, unknown: [] },
      toAdd: { known: 6, unknown: [] },
      toImport: { known: 0, unknown: [] },
      toDestroy: { known: 3, unknown: [] },
      toForget: { known: 0, unknown: [] },
    });
    expect(plan.entries.map((e) => [e.instances, e.instancedBy])).toEqual([
      [1, null],
      [2, "for_each"],
    ]);
  });

  test("GIVEN per role WHEN counted THEN the shared account is one instance, each key instance a token", async () => {
    const plan = planMigration([await sourceFile("main.tf", seed("{ a = 1, b = 2 }"))], { strategy: "per-role" });
    expect(instanceCounts(plan).toAdd).toEqual({ known: 5, unknown: [] });
  });

  test("GIVEN a for_each over a variable WHEN counted THEN the known ones and the unknown resources", async () => {
    const plan = planMigration([await sourceFile("main.tf", seed("var.teams"))]);
    const counts = instanceCounts(plan);
    expect(counts.toAdd).toEqual({ known: 2, unknown: ["grafana_service_account.bar", "grafana_service_account_token.bar"] });
    expect(counts.toForget).toEqual({ known: 1, unknown: ["grafana_api_key.bar"] });
    expect(plan.entries[1].instances).toBeNull();
  });
});
