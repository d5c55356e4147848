/**
 * Rendering of `removed` blocks (Terraform >= 1.7), which cdktf lacks, shared by the public
 * `Removed` construct and the list MigrationStack renders. Internal: not exported by the package.
 */
import { TerraformElement, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";

/** One `removed` block. */
export interface RemovedBlock {
  /** Address of the resource to forget, without an instance key: "grafana_api_key.foo". */
  readonly from: string;
  /** false makes Terraform forget the object and leave it alive; true destroys it. */
  readonly destroy: boolean;
  /**
   * false writes no `lifecycle` block: OpenTofu 1.7 to 1.9 reject one and always forget
   * (src/planning/engine.ts). Only for destroy = false. @default true
   */
  readonly lifecycle?: boolean;
}

/**
 * An element that renders `removed` blocks in JSON and HCL, and raises the stack's
 * required_version to ">= 1.7".
 */
export abstract class RemovedBlocksElement extends TerraformElement {
  /** requiredVersion: what the blocks need, ">= 1.7" (Terraform, and OpenTofu without lifecycle) unless told. */
  constructor(scope: Construct, id: string, requiredVersion = ">= 1.7") {
    super(scope, id, "removed");
    requireTerraformVersion(TerraformStack.of(this), requiredVersion);
  }

  /** The blocks this element renders, in order. */
  protected abstract removedBlocks(): readonly RemovedBlock[];

  toTerraform(): Record<string, unknown> {
    // cdktf merges every element's fragment into the stack's document and copies the `removed`
    // list at each merge, so n blocks cost O(n^2) (seconds at 10,000). While its stack renders,
    // the first element writes the whole list and the others nothing: the same document.
    const batch = rendering.get(TerraformStack.of(this));
    if (batch) return batch[0] === this ? { removed: batch.flatMap((r) => r.jsonBlocks()) } : {};
    return { removed: this.jsonBlocks() };
  }

  /** Rendered by the stack patch below: cdktf's HCL renderer knows no `removed` fragment. */
  toHclTerraform(): Record<string, unknown> {
    return {};
  }

  /** The HCL text of each block. */
  hclBlocks(): string[] {
    return this.removedBlocks().map(removedHcl);
  }

  private jsonBlocks(): Record<string, unknown>[] {
    return this.removedBlocks().map((b) => (b.lifecycle === false ? { from: b.from } : { from: b.from, lifecycle: { destroy: b.destroy } }));
  }
}

/**
 * Many `removed` blocks in one element: a migration of n keys would otherwise add n elements,
 * each a construct cdktf visits, merges and validates at every synth.
 */
export class RemovedList extends RemovedBlocksElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly blocks: readonly RemovedBlock[],
    requiredVersion?: string,
  ) {
    super(scope, id, requiredVersion);
  }

  protected removedBlocks(): readonly RemovedBlock[] {
    return this.blocks;
  }

  toTerraform(): Record<string, unknown> {
    // cdktf's prepareStack resolves every element once before it renders the document, so that
    // tokens can register cross-stack references. Plan addresses hold no tokens, and resolving
    // 10,000 blocks there costs about 0.2 s: the list renders only into its stack's document.
    return rendering.has(TerraformStack.of(this)) ? super.toTerraform() : {};
  }
}

export function removedHcl(block: RemovedBlock): string {
  if (block.lifecycle === false) return `removed {\n  from = ${block.from}\n}\n`;
  return `removed {\n  from = ${block.from}\n\n  lifecycle {\n    destroy = ${block.destroy}\n  }\n}\n`;
}

const versions = new WeakMap<TerraformStack, string>();

/** A stack's removed elements while it renders its JSON, in the order cdktf merges fragments. */
const rendering = new WeakMap<TerraformStack, RemovedBlocksElement[]>();

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
    const removed = stack.node.findAll().filter((c): c is RemovedBlocksElement => c instanceof RemovedBlocksElement);
    return { hcl: [fixed, ...removed.flatMap((r) => r.hclBlocks())].join("\n\n"), metadata };
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

/** The removed elements of a stack in cdktf's element order: depth first, not into nested stacks. */
function removedElements(scope: IConstruct, into: RemovedBlocksElement[] = []): RemovedBlocksElement[] {
  if (scope instanceof RemovedBlocksElement) into.push(scope);
  for (const child of scope.node.children) if (!TerraformStack.isStack(child)) removedElements(child, into);
  return into;
}
