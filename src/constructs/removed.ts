import { TerraformElement, TerraformStack } from "cdktf";
import { Construct } from "constructs";

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
export class Removed extends TerraformElement {
  readonly from: string;
  readonly destroy: boolean;

  constructor(scope: Construct, id: string, props: RemovedProps) {
    super(scope, id, "removed");
    this.from = props.from;
    this.destroy = props.destroy ?? false;
    requireTerraformVersion(TerraformStack.of(this), ">= 1.7");
  }

  toTerraform(): Record<string, unknown> {
    return { removed: [{ from: this.from, lifecycle: { destroy: this.destroy } }] };
  }

  /** Rendered by the stack patch below: cdktf's HCL renderer knows no `removed` fragment. */
  toHclTerraform(): Record<string, unknown> {
    return {};
  }

  toHcl(): string {
    return `removed {\n  from = ${this.from}\n\n  lifecycle {\n    destroy = ${this.destroy}\n  }\n}\n`;
  }
}

const versions = new WeakMap<TerraformStack, string>();

/**
 * Sets terraform.required_version. cdktf 0.21 renders that attribute as `0 = "required_version"`
 * in HCL, so the stack's HCL rendering is patched once to write it properly and to add the
 * `removed` blocks.
 */
export function requireTerraformVersion(stack: TerraformStack, constraint: string): void {
  const earlier = versions.get(stack);
  // Constraints only add up: an earlier, stricter one is kept alongside.
  const combined = earlier === undefined || earlier.split(/\s*,\s*/).includes(constraint) ? (earlier ?? constraint) : `${earlier}, ${constraint}`;
  stack.addOverride("terraform.required_version", combined);
  if (earlier === undefined) patchHclRendering(stack);
  versions.set(stack, combined);
}

function patchHclRendering(stack: TerraformStack): void {
  const render = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const { hcl, metadata } = render();
    const version = versions.get(stack);
    const fixed = hcl.replace(/^\s*\d+ = "required_version"$/m, `required_version = ${JSON.stringify(version)}`);
    const removed = stack.node.findAll().filter((c): c is Removed => c instanceof Removed);
    return { hcl: [fixed, ...removed.map((r) => r.toHcl())].join("\n\n"), metadata };
  };
}
