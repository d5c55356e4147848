import { TerraformElement, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";

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
    // cdktf merges every element's fragment into the stack's document and copies the `removed`
    // list at each merge, so n blocks cost O(n^2) (seconds at 10,000). While its stack renders,
    // the first Removed writes the whole list and the others nothing: the same document.
    const batch = rendering.get(TerraformStack.of(this));
    if (batch) return batch[0] === this ? { removed: batch.map((r) => r.block()) } : {};
    return { removed: [this.block()] };
  }

  private block(): Record<string, unknown> {
    return { from: this.from, lifecycle: { destroy: this.destroy } };
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

/** A stack's Removed elements while it renders its JSON, in the order cdktf merges fragments. */
const rendering = new WeakMap<TerraformStack, Removed[]>();

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
  if (earlier === undefined) {
    patchHclRendering(stack);
    patchJsonRendering(stack);
  }
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

function patchJsonRendering(stack: TerraformStack): void {
  const render = stack.toTerraform.bind(stack);
  stack.toTerraform = () => {
    rendering.set(stack, removedElements(stack));
    try {
      return render();
    } finally {
      rendering.delete(stack);
    }
  };
}

/** The Removed elements of a stack in cdktf's element order: depth first, not into nested stacks. */
function removedElements(scope: IConstruct, into: Removed[] = []): Removed[] {
  if (scope instanceof Removed) into.push(scope);
  for (const child of scope.node.children) if (!TerraformStack.isStack(child)) removedElements(child, into);
  return into;
}
