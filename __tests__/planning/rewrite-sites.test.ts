/** Which block each rewrite sits in: the resources a saved plan may update, the providers that need their token first. */
import { planMigration } from "../../src/planning/plan-migration";
import { providerAuth, referencingResources } from "../../src/planning/rewrite-sites";
import { sourceFile } from "../migration/harness";

const HCL = `
resource "grafana_api_key" "boot" {
  count = 2
  name  = "boot-\${count.index}"
  role  = "Admin"
}

provider "grafana" {
  alias = "ci"
  auth  = grafana_api_key.boot[0].key
}

resource "grafana_folder" "f" {
  title = grafana_api_key.boot[1].name
}

output "key" {
  value     = grafana_api_key.boot[0].key
  sensitive = true
}

locals {
  k = grafana_api_key.boot[*].key
}
`;

test("GIVEN references in a provider, a resource, an output and locals WHEN migrated THEN each rewrite names its block, and only managed resources are referencing", async () => {
  const plan = planMigration([await sourceFile("main.tf", HCL)]);
  expect(plan.rewrites.map((r) => r.block)).toEqual([
    { kind: "provider", address: "grafana.ci" },
    { kind: "resource", address: "grafana_folder.f" },
    { kind: "output", address: "output.key" },
    { kind: "locals", address: "locals" },
  ]);
  expect(referencingResources(plan.rewrites)).toEqual(["grafana_folder.f"]);
  expect(providerAuth(plan.rewrites, plan.tokens.map((t) => t.address))).toEqual([{ provider: "grafana.ci", file: "main.tf", tokens: ["grafana_service_account_token.boot"] }]);
});

test("GIVEN Terraform JSON WHEN migrated THEN rewrites name their blocks as in HCL", async () => {
  const doc = {
    resource: { grafana_api_key: { a: { name: "a", role: "Admin" } }, grafana_folder: { f: { title: "${grafana_api_key.a.name}" } } },
    provider: { grafana: [{ url: "x" }, { alias: "sa", auth: "${grafana_api_key.a.key}" }] },
  };
  const plan = planMigration([await sourceFile("main.tf.json", JSON.stringify(doc))]);
  expect(referencingResources(plan.rewrites)).toEqual(["grafana_folder.f"]);
  expect(providerAuth(plan.rewrites, plan.tokens.map((t) => t.address))).toEqual([{ provider: "grafana.sa", file: "main.tf.json", tokens: ["grafana_service_account_token.a"] }]);
});
