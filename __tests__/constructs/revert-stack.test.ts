/** RevertStack renders reverted keys with meta-arguments Terraform accepts in both forms. */
import { RevertStack } from "../../src/constructs/revert-stack";
import type { RevertPlan } from "../../src/planning/plan-revert";
import { synthesize } from "../../src/synth/synthesize";

const plan: RevertPlan = {
  reverted: [],
  files: [],
  diagnostics: [],
  keys: {
    ci: { name: "ci", role: "Editor", seconds_to_live: 3600, lifecycle: [{ ignore_changes: ["name"], replace_triggered_by: ["terraform_data.rotation"] }] },
  },
};

describe("RevertStack", () => {
  test("GIVEN a reverted key with a lifecycle WHEN synthesized THEN HCL holds bare references and JSON plain strings", async () => {
    const [stack] = await synthesize((app) => new RevertStack(app, "revert", { plan }), ["json", "hcl"]);
    expect(stack.hcl).toMatch(/ignore_changes\s*=\s*\[\s*name,?\s*\]/);
    expect(stack.hcl).toMatch(/replace_triggered_by\s*=\s*\[\s*terraform_data\.rotation,?\s*\]/);
    expect(stack.hcl).toContain('resource "grafana_api_key" "ci"');
    const json = JSON.parse(stack.json);
    expect(json.resource.grafana_api_key.ci.lifecycle).toEqual({ ignore_changes: ["name"], replace_triggered_by: ["terraform_data.rotation"] });
    expect(json.terraform?.required_providers).toBeUndefined();
  });
});
