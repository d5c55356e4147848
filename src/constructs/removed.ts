import { Construct } from "constructs";
import { RemovedBlock, RemovedBlocksElement, removedHcl } from "./removed-blocks";

export { requireTerraformVersion } from "./removed-blocks";

export interface RemovedProps {
  /** Address of the resource to forget, without an instance key: "grafana_api_key.foo". */
  readonly from: string;
  /**
   * false (the default) makes Terraform forget the object and leave it alive, so a legacy key
   * keeps working; true destroys it.
   * @default false
   */
  readonly destroy?: boolean;
}

/**
 * A `removed` block (Terraform >= 1.7), which cdktf lacks. Renders in both JSON and HCL and
 * raises the stack's required_version to ">= 1.7".
 */
export class Removed extends RemovedBlocksElement {
  readonly from: string;
  readonly destroy: boolean;

  constructor(scope: Construct, id: string, props: RemovedProps) {
    super(scope, id);
    this.from = props.from;
    this.destroy = props.destroy ?? false;
  }

  toHcl(): string {
    return removedHcl(this);
  }

  protected removedBlocks(): readonly RemovedBlock[] {
    return [this];
  }
}
