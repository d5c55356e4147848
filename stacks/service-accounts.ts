import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ServiceAccount } from "../src";
import { GrafanaProvider } from "../src/gen/providers/grafana/provider";

/**
 * The same two credentials as service account tokens. Unlike the guide's own example, the
 * Viewer key's replacement sits on a Viewer account: a token holds its account's role, so
 * putting it on the Admin account would widen its privilege.
 */
export class ServiceAccountsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new GrafanaProvider(this, "grafana", { url: "http://localhost:3000", auth: "admin:admin" });
    const viewer = new ServiceAccount(this, "sa-viewer", { name: "sa-viewer", role: "Viewer" });
    viewer.addToken("sat-foo", { name: "sat-foo", ttl: "12h" });
    const admin = new ServiceAccount(this, "sa-admin", { name: "sa-admin", role: "Admin" });
    admin.addToken("sat-bar", { name: "sat-bar", ttl: "30s" });
  }
}
