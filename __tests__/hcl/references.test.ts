/** ResourceTraversals finds references to some resource types in code only, with the context of each. */
import { ResourceTraversals, Traversal } from "../../src/hcl/references";

const traversals = new ResourceTraversals(["grafana_api_key"]);

function found(rename: (t: ResourceTraversals, r: (t: Traversal) => string | undefined) => string): Traversal[] {
  const out: Traversal[] = [];
  rename(traversals, (t) => (out.push(t), undefined));
  return out;
}

test("GIVEN references in code, strings and comments WHEN renamed in HCL THEN only those in code change, strings' interpolations included", () => {
  const text = 'a = grafana_api_key.x.key # grafana_api_key.y.key\nb = "grafana_api_key.z.key ${grafana_api_key.w[0].role}"\n';
  expect(traversals.renameInHcl(text, (t) => `T.${t.name}${t.index}${t.attribute ? `.${t.attribute}` : ""}`)).toBe('a = T.x.key # grafana_api_key.y.key\nb = "grafana_api_key.z.key ${T.w[0].role}"\n');
});

test("GIVEN each kind of site WHEN found THEN each traversal says its parts, offset and context", () => {
  const text = 'depends_on = [grafana_api_key.a]\nv = [for k in grafana_api_key.b : k.key]\nw = grafana_api_key.c["x"].name\n';
  expect(found((t, r) => t.renameInHcl(text, r)).map(({ name, index, attribute, offset, inDependsOn, forReads, text: written }) => ({ name, index, attribute, offset, inDependsOn, forReads: forReads && [...forReads], written }))).toEqual([
    { name: "a", index: "", attribute: undefined, offset: 14, inDependsOn: true, forReads: undefined, written: "grafana_api_key.a" },
    { name: "b", index: "", attribute: undefined, offset: text.indexOf("grafana_api_key.b"), inDependsOn: false, forReads: ["key"], written: "grafana_api_key.b" },
    { name: "c", index: '["x"]', attribute: "name", offset: text.indexOf("grafana_api_key.c"), inDependsOn: false, forReads: undefined, written: 'grafana_api_key.c["x"].name' },
  ]);
});

test("GIVEN a template and an address WHEN renamed THEN literal text stays, and an address is a bare reference", () => {
  expect(traversals.renameInTemplate("grafana_api_key.a.key-${grafana_api_key.a.key}", () => "t")).toBe("grafana_api_key.a.key-${t}");
  expect(found((t, r) => t.renameInAddress("grafana_api_key.a", r)).map((t) => t.inDependsOn)).toEqual([true]);
});
