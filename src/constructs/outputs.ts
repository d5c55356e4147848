import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";

/**
 * An output for a secret, named `id` at the top of the stack (a token or key value). It is always sensitive, so Terraform
 * never prints it; read it with `terraform output -raw <name>`.
 */
export function sensitiveOutput(scope: Construct, id: string, value: string, description?: string): TerraformOutput {
  const output = new TerraformOutput(TerraformStack.of(scope), id, { value, description, sensitive: true });
  output.overrideLogicalId(id);
  return output;
}
