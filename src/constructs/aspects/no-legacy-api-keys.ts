import { Annotations, IAspect, TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { LEGACY_KEY_TYPES } from "../../planning/legacy";

/**
 * Policy for stacks that finished migrating: synth fails while any legacy key resource
 * remains. After "migrate all", Grafana refuses to create API keys, so such a resource could
 * never be applied again. Matches any bindings (the project's or a user's `cdktf get` output)
 * by resource type.
 */
export class NoLegacyApiKeys implements IAspect {
  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const type = (node as TerraformResource).terraformResourceType;
    if (!(LEGACY_KEY_TYPES as readonly string[]).includes(type)) return;
    Annotations.of(node).addError(
      `GRAFANA-NO-LEGACY-KEY: ${node.node.path} is a ${type}, which Grafana no longer creates and provider 3.0 removed. Replace it with a service account token (ServiceAccount.addToken) or run grafana-sa migrate.`,
    );
  }
}
