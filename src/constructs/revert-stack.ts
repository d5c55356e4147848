import { TerraformBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { ApiKeyRole } from "../model/role";
import type { RevertPlan } from "../planning/plan-revert";
import { blocks, TfObject } from "../hcl/tf-json";
import { ApiKey } from "./api-key";
import { applyMeta, expression, ProviderRequirement } from "./plan-rendering";

/**
 * Renders an emergency revert: the grafana_api_key resources that stand in for reverted
 * tokens. Like MigrationStack it holds only what it adds, with no backend or provider block.
 */
export class RevertStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: { readonly plan: RevertPlan }) {
    super(scope, id);
    // The reverted configuration keeps its own provider setup and requirement list, unless
    // that list went with the migration's generated file.
    new ProviderRequirement(this, "grafana", props.plan.listsProviders !== true);
    for (const [resourceName, body] of Object.entries(props.plan.keys)) {
      const seconds = body.seconds_to_live as number | string | undefined;
      const key = new ApiKey(this, resourceName, {
        name: body.name as string,
        role: expression(body.role as string) as ApiKeyRole,
        orgId: body.org_id === undefined ? undefined : expression(body.org_id as string),
        secondsToLive: seconds === undefined ? undefined : (expression(seconds) as number),
        // A reverted token keeps the lifetime it had, even past the usual 30-day cap.
        maxTtl: "1000000w",
      });
      key.resource.overrideLogicalId(resourceName);
      applyMeta(key.resource, {
        count: body.count,
        forEach: body.for_each,
        dependsOn: body.depends_on as string[] | undefined,
        provider: body.provider as string | undefined,
        lifecycle: blocks(body.lifecycle)[0] as TfObject | undefined,
      });
    }
  }

  ensureBackendExists(): TerraformBackend {
    return undefined as unknown as TerraformBackend;
  }
}
