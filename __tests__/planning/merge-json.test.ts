import { mergeTerraformJson } from "../../src/planning/merge-json";

test("GIVEN a rewritten cdk.tf.json and a generated .tf.json WHEN merged THEN lists concatenate, named blocks join by name and both required_version constraints hold", () => {
  const merged = mergeTerraformJson(
    { terraform: { required_version: ">= 1.5", backend: { local: {} } }, resource: { terraform_data: { a: {} } }, removed: [{ from: "x.a" }] },
    { terraform: { required_version: ">= 1.7" }, resource: { terraform_data: { b: {} }, grafana_service_account: { c: {} } }, removed: [{ from: "x.b" }], output: { o: { value: 1 } } },
  );
  expect(merged).toEqual({
    terraform: { required_version: ">= 1.5, >= 1.7", backend: { local: {} } },
    resource: { terraform_data: { a: {}, b: {} }, grafana_service_account: { c: {} } },
    removed: [{ from: "x.a" }, { from: "x.b" }],
    output: { o: { value: 1 } },
  });
  expect(mergeTerraformJson({ terraform: { required_version: ">= 1.7" } }, { terraform: { required_version: ">= 1.7" } })).toEqual({ terraform: { required_version: ">= 1.7" } });
});

test("GIVEN one name declared in both files WHEN merged THEN it fails naming the block", () => {
  expect(() => mergeTerraformJson({ output: { o: {} } }, { output: { o: {} } })).toThrow("output.o is declared in both Terraform JSON files");
  expect(() => mergeTerraformJson({ resource: { t: { a: {} } } }, { resource: { t: { a: {} } } })).toThrow("resource.t.a is declared in both");
});
