import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { bare, ConfigBlock, hclValue, quoteTemplate, toHcl, toTerraformJson } from "../../src/hcl/config-blocks";
import { soleExpression } from "../../src/hcl/template";

const resource: ConfigBlock = {
  type: "resource",
  labels: ["grafana_service_account_token", "ci"],
  groups: [
    [{ name: "provider", value: bare("grafana.org2") }],
    [
      { name: "name", value: "ci-token" },
      { name: "service_account_id", value: "${grafana_service_account.ci.id}" },
    ],
    [{ name: "depends_on", value: [bare("grafana_folder.x")] }],
    [
      {
        type: "lifecycle",
        labels: [],
        groups: [
          [
            { name: "ignore_changes", value: [bare("name")] },
            { type: "precondition", labels: [], groups: [[{ name: "condition", value: "${true}" }]] },
            { type: "precondition", labels: [], groups: [[{ name: "condition", value: "${false}" }]] },
          ],
        ],
      },
    ],
  ],
};
const removed = (from: string): ConfigBlock => ({ type: "removed", labels: [], groups: [[{ name: "from", value: bare(from) }]] });

describe("toTerraformJson", () => {
  test("GIVEN blocks WHEN written as Terraform JSON THEN labels key the bodies, bare names are plain strings, removed blocks and repeated nested blocks are lists", () => {
    expect(toTerraformJson([resource, removed("grafana_api_key.a"), removed("grafana_api_key.b")])).toEqual({
      resource: {
        grafana_service_account_token: {
          ci: {
            provider: "grafana.org2",
            name: "ci-token",
            service_account_id: "${grafana_service_account.ci.id}",
            depends_on: ["grafana_folder.x"],
            lifecycle: { ignore_changes: ["name"], precondition: [{ condition: "${true}" }, { condition: "${false}" }] },
          },
        },
      },
      removed: [{ from: "grafana_api_key.a" }, { from: "grafana_api_key.b" }],
    });
  });
});

describe("toHcl", () => {
  test("GIVEN the same blocks WHEN written as HCL THEN hcl2json reads the JSON form back", async () => {
    const parsed = (await parse("x.tf", toHcl([resource]))) as any;
    const body = parsed.resource.grafana_service_account_token.ci[0];
    expect(body).toMatchObject({ provider: "${grafana.org2}", name: "ci-token", service_account_id: "${grafana_service_account.ci.id}", depends_on: ["${grafana_folder.x}"] });
    expect(body.lifecycle[0].precondition).toEqual([{ condition: true }, { condition: false }]);
  });

  test("GIVEN groups WHEN written THEN a blank line separates them and none closes a block", () => {
    expect(toHcl([removed("a.b")])).toBe("removed {\n  from = a.b\n}\n");
    expect(toHcl([resource])).toContain("  provider = grafana.org2\n\n  name = ");
  });
});

describe("hclValue", () => {
  test.each([
    ["${var.x}", "var.x"],
    ["${ var.x }", "var.x"],
    ['${a["}"]}', 'a["}"]'],
    ["${a} ${b}", '"${a} ${b}"'],
    ["${a} }", '"${a} }"'],
    ["${~ a ~}", '"${~ a ~}"'],
    ['say "hi"\n\\', '"say \\"hi\\"\\n\\\\"'],
    ['${a["x\\"y"]}-z"', '"${a["x\\"y"]}-z\\""'],
    ["$${literal}", '"$${literal}"'],
    [["a", 1, true, null], '["a", 1, true, null]'],
  ])("GIVEN %j THEN it is written %s", (value, hcl) => {
    expect(hclValue(value)).toBe(hcl);
  });

  test("GIVEN any string WHEN quoted for HCL and parsed by hcl2json THEN the same template string comes back", async () => {
    // Plain text without template sequences, whose round trip is exact (hcl2json rewrites the spacing inside ${...}).
    const text = fc.string({ unit: fc.constantFrom("a", " ", '"', "\\", "\n", "\t", "$", "%", "{", "}", "é", "😀") }).filter((s) => !/[$%]\{/.test(s));
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const parsed = (await parse("x.tf", `locals {\n  v = ${quoteTemplate(s)}\n}\n`)) as any;
        expect(parsed.locals[0].v).toBe(s.normalize("NFC"));
      }),
      { numRuns: 200 },
    );
  });
});

describe("soleExpression", () => {
  test.each([
    ["${a.b}", "a.b"],
    ["${a ? \"${b}\" : c}", 'a ? "${b}" : c'],
    ["${a}-${b}", undefined],
    ["${a} }", undefined],
    ["${a", undefined],
    ["x${a}", undefined],
  ])("GIVEN %j THEN %j", (value, expected) => {
    expect(soleExpression(value)).toBe(expected);
  });
});
