import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ApiKey } from "../src";
import { GrafanaProvider } from "../src/gen/providers/grafana/provider";

/**
 * The "current Terraform configuration" of Grafana's migration guide: two legacy API keys.
 * Kept as the starting point the migration examples and tests work from.
 */
export class LegacyKeysStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new GrafanaProvider(this, "grafana", { url: "http://localhost:3000", auth: "admin:admin" });
    new ApiKey(this, "foo", { name: "key_foo", role: "Viewer" });
    new ApiKey(this, "bar", { name: "key_bar", role: "Admin", ttl: "30s" });
  }
}
