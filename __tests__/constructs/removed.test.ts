/**
 * `removed` blocks (Terraform >= 1.7) make Terraform forget a legacy key without revoking it.
 * cdktf has no such block and renders required_version wrongly in HCL; Removed covers both.
 */
import { parse } from "@cdktf/hcl2json";
import { App, TerraformStack, Testing } from "cdktf";
import { Removed } from "../../src/constructs/removed";
import { GrafanaProvider } from "../../src/gen/providers/grafana/provider";
import { synthesizeBoth } from "../../src/synth/synthesize";
import { newStack, synthJson } from "../support/cdktf";
import { assertConformsToProviderSchema } from "../support/provider-schema";
import { normalizeJson, normalizeParsedHcl } from "../support/terraform-json";

function forgetLegacyKeys(app: App, options: { destroyBar?: boolean } = {}): TerraformStack {
  const stack = new TerraformStack(app, "forget");
  new GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });
  new Removed(stack, "foo", { from: "grafana_api_key.foo" });
  new Removed(stack, "bar", { from: "grafana_api_key.bar", destroy: options.destroyBar });
  return stack;
}

describe("Removed in JSON", () => {
  test("GIVEN two Removed WHEN synthesized THEN both removed blocks keep the objects (destroy = false) by default", () => {
    const json = synthJson(forgetLegacyKeys(Testing.app()));
    expect(json.removed).toEqual([
      { from: "grafana_api_key.foo", lifecycle: { destroy: false } },
      { from: "grafana_api_key.bar", lifecycle: { destroy: false } },
    ]);
  });

  test("GIVEN destroy: true WHEN synthesized THEN that block says so", () => {
    const json = synthJson(forgetLegacyKeys(Testing.app(), { destroyBar: true }));
    expect(json.removed[1]).toEqual({ from: "grafana_api_key.bar", lifecycle: { destroy: true } });
  });

  test("GIVEN a Removed WHEN synthesized THEN terraform.required_version is '>= 1.7'", () => {
    expect(synthJson(forgetLegacyKeys(Testing.app())).terraform.required_version).toBe(">= 1.7");
  });

  test("GIVEN no Removed WHEN synthesized THEN no Terraform version is required: the check comes with the feature", () => {
    const stack = newStack({ provider: true });
    expect(synthJson(stack).terraform).not.toHaveProperty("required_version");
    expect(Testing.synthHcl(stack)).not.toContain("required_version");
  });

  test("GIVEN a stack of removed blocks WHEN checked against the provider schema THEN it fits", () => {
    expect(() => assertConformsToProviderSchema(synthJson(forgetLegacyKeys(Testing.app())))).not.toThrow();
  });
});

describe("Removed in HCL", () => {
  test("GIVEN cdktf 0.21 alone WHEN required_version is set THEN its HCL is broken, which is why Removed patches the stack", () => {
    const stack = newStack();
    stack.addOverride("terraform.required_version", ">= 1.7");
    expect(Testing.synthHcl(stack)).toMatch(/^\s*0 = "required_version"$/m);
  });

  test("GIVEN a Removed WHEN rendered as HCL THEN required_version is written properly, once", () => {
    const hcl: string = Testing.synthHcl(forgetLegacyKeys(Testing.app()));
    expect(hcl).toMatch(/^\s*required_version = ">= 1\.7"$/m);
    expect(hcl).not.toContain('= "required_version"');
    expect(hcl.match(/required_version/g)).toHaveLength(1);
  });

  test("GIVEN a Removed WHEN rendered as HCL THEN a removed block names the address bare with lifecycle destroy = false", () => {
    const hcl: string = Testing.synthHcl(forgetLegacyKeys(Testing.app(), { destroyBar: true }));
    expect(hcl).toContain("removed {\n  from = grafana_api_key.foo\n\n  lifecycle {\n    destroy = false\n  }\n}");
    expect(hcl).toContain("removed {\n  from = grafana_api_key.bar\n\n  lifecycle {\n    destroy = true\n  }\n}");
  });

  test("GIVEN a Removed WHEN synthesized as the CLI does THEN the HCL parsed back means the same as the JSON", async () => {
    const [synthesized] = await synthesizeBoth((app) => forgetLegacyKeys(app));
    const json = JSON.parse(synthesized.json);
    const fromHcl: any = await parse("forget.tf", synthesized.hcl);
    expect(fromHcl.terraform[0].required_version).toBe(">= 1.7");
    expect(fromHcl.removed).toEqual([
      { from: "${grafana_api_key.foo}", lifecycle: [{ destroy: false }] },
      { from: "${grafana_api_key.bar}", lifecycle: [{ destroy: false }] },
    ]);
    expect(normalizeParsedHcl(fromHcl)).toEqual(normalizeJson(json));
  });
});
