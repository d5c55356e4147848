import { LocalBackend, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { CloudStackApiKey, CloudStackServiceAccount } from "../src";
import { CloudStack } from "../src/gen/providers/grafana/cloud-stack";
import { GrafanaProvider } from "../src/gen/providers/grafana/provider";

/** The Cloud stack both examples manage, behind the "cloud" provider alias as in Grafana's guide. */
function cloudStack(scope: Construct, credential: "cloud_api_key" | "cloud_access_policy_token") {
  const secret = new TerraformVariable(scope, credential, {
    type: "string",
    sensitive: true,
    description: credential === "cloud_api_key" ? "Legacy Grafana Cloud API key" : "Grafana Cloud access policy token",
  });
  const provider = new GrafanaProvider(scope, "cloud", {
    alias: "cloud",
    ...(credential === "cloud_api_key" ? { cloudApiKey: secret.stringValue } : { cloudAccessPolicyToken: secret.stringValue }),
  });
  // The Grafana docs name it "my_stack", which every provider release refuses as a slug:
  // ^[a-z][a-z0-9]+$ (internal/resources/cloud/resource_cloud_stack.go, v2.19.0 and v4.45.1).
  const stack = new CloudStack(scope, "my_stack", { provider, name: "my_stack", slug: "mystack", regionSlug: "eu" });
  return { provider, stack };
}

/** Grafana's Cloud example before migration: a legacy Cloud stack API key. */
export class CloudLegacyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const { provider, stack } = cloudStack(this, "cloud_api_key");
    new CloudStackApiKey(this, "management", { provider, stackSlug: stack.slug, name: "management-key", role: "Admin", ttl: "30d" });
  }
}

/** The same after migration: a Cloud stack service account with one token, same role. */
export class CloudServiceAccountsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const { provider, stack } = cloudStack(this, "cloud_access_policy_token");
    const account = new CloudStackServiceAccount(this, "management-sa", { provider, stackSlug: stack.slug, name: "management-sa", role: "Admin" });
    const token = account.addToken("management-token", { name: "management-token", ttl: "30d" });
    token.outputKey("management_token");
  }
}
