import { TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { LEGACY_KEY_TYPES } from "../planning/legacy";
import type { SourceFile } from "../planning/plan";
import type { TfDocument } from "../hcl/tf-json";

/**
 * Reads an existing cdktf construct tree as migration input: each stack holding legacy key
 * resources (the project's ApiKey constructs, or raw grafana_api_key L1s from any bindings)
 * becomes one Terraform JSON source, exactly what `cdktf synth` would write for it.
 */
export function sourcesFromConstructTree(root: IConstruct): SourceFile[] {
  const stacks = new Set<TerraformStack>();
  for (const node of root.node.findAll()) {
    if (TerraformResource.isTerraformResource(node) && (LEGACY_KEY_TYPES as readonly string[]).includes((node as TerraformResource).terraformResourceType)) {
      stacks.add(TerraformStack.of(node));
    }
  }
  return [...stacks].map((stack) => {
    stack.prepareStack();
    const doc = stack.toTerraform() as TfDocument;
    const text = JSON.stringify(doc, null, 2);
    return { path: `${stack.node.path}/cdk.tf.json`, format: "json" as const, text, doc };
  });
}
