/** HclFile: the planner's view of a .tf file. */
import { HclFile } from "../../src/hcl/file";
import { ResourceTraversals } from "../../src/hcl/references";

const TEXT = `provider "grafana" {
  url = "x"
}

# the CI provider
provider "grafana" {
  # alias = "commented"
  alias = "ci"
  auth  = grafana_api_key.a.key
}

resource "grafana_api_key" "a" {
  name = "a"
}

removed {
  from = grafana_api_key.b # gone
}
`;

test("GIVEN a file WHEN its blocks are looked up THEN by kind and first labels, with their arguments", () => {
  const file = HclFile.of(TEXT);
  const providers = file.find("provider", "grafana");
  expect(providers.map((b) => file.stringArgument(b, "alias"))).toEqual([undefined, "ci"]);
  expect(file.find("resource", "grafana_api_key", "a").map((b) => b.line)).toEqual([12]);
  expect(file.blockArgument(file.find("removed")[0], "from")).toBe("grafana_api_key.b");
  expect(file.blockComments(providers[1])?.above).toEqual(["# the CI provider"]);
});

test("GIVEN a rewrite WHEN blocks go and some stay THEN references are renamed outside the kept ones only, at file offsets", () => {
  const file = HclFile.of(TEXT);
  const offsets: number[] = [];
  const out = file.rewriteBlocks({
    remove: (b) => b.kind === "resource",
    keep: (b) => b.kind === "removed",
    traversals: new ResourceTraversals(["grafana_api_key"]),
    rename: (t) => (offsets.push(t.offset), `token.${t.name}.${t.attribute}`),
  });
  expect(offsets).toEqual([TEXT.indexOf("grafana_api_key.a.key")]);
  expect(out).toBe(TEXT.replace("grafana_api_key.a.key", "token.a.key").replace(/resource[^}]*}\n\n/, ""));
});
