import { App, Lazy, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import * as gen from "../gen/providers/grafana";
import type { MetaArguments } from "../planning/legacy";
import { TfObject, TfValue } from "../hcl/tf-json";
import { isDynamic } from "../hcl/template";

/** Meta-arguments come from the plan as Terraform JSON values, so they are set as such. */
export function applyMeta(resource: TerraformResource, meta: MetaArguments): void {
  if (meta.count !== undefined) resource.addOverride("count", meta.count);
  if (meta.forEach !== undefined) resource.addOverride("for_each", meta.forEach);
  if (meta.provider !== undefined) resource.addOverride("provider", meta.provider);
  if (meta.dependsOn !== undefined) resource.addOverride("depends_on", meta.dependsOn);
  if (meta.lifecycle !== undefined) resource.addOverride("lifecycle", App.of(resource).hclOutput ? hclLifecycle(meta.lifecycle) : meta.lifecycle);
}

/**
 * ignore_changes and replace_triggered_by hold bare names and addresses: plain strings in
 * Terraform JSON, but references in HCL, where "name" is deprecated and "all" or
 * "grafana_x.y" are errors. cdktf's HCL renderer quotes strings, and the HCL cleanup turns
 * a lone "${x}" into x, so for HCL they are wrapped.
 */
function hclLifecycle(lifecycle: TfObject): TfObject {
  const wrap = (v: TfValue): TfValue => (Array.isArray(v) ? v.map(wrap) : typeof v === "string" && !v.startsWith("${") ? `\${${v}}` : v);
  const out: TfObject = { ...lifecycle };
  for (const attr of ["ignore_changes", "replace_triggered_by"]) if (out[attr] !== undefined) out[attr] = wrap(out[attr]);
  return out;
}

/**
 * A Terraform expression ("${each.value}") as an unresolved cdktf value, so construct checks
 * that cannot judge it statically skip it; literals pass through.
 */
export function expression<T extends string | number>(value: T): T {
  if (!isDynamic(value)) return value;
  return Lazy.stringValue({ produce: () => String(value) }) as T;
}

/**
 * The grafana provider as the migrated module already configures it: the generated file adds
 * no provider block, and lists the provider requirement only when the input has none (a
 * module may have only one required_providers list).
 */
export class ProviderRequirement extends gen.provider.GrafanaProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly inputListsProviders: boolean,
    /**
     * The plan's constraint (MigrationPlan.providerVersion) instead of the one the bindings were
     * generated for; null: none, as the CLI's generated file writes it. undefined: the bindings'.
     */
    private readonly version?: string | null,
  ) {
    super(scope, id, {});
  }

  toTerraform(): Record<string, unknown> {
    return this.requirement(super.toTerraform());
  }

  toHclTerraform(): Record<string, unknown> {
    return this.requirement(super.toHclTerraform());
  }

  private requirement(synthesized: Record<string, unknown>): Record<string, unknown> {
    if (this.inputListsProviders) return {};
    const { terraform } = synthesized as { terraform: { required_providers?: Record<string, { version?: string }> } };
    const grafana = terraform.required_providers?.grafana;
    if (grafana && this.version === null) delete grafana.version;
    else if (grafana && typeof this.version === "string") grafana.version = this.version;
    return { terraform };
  }
}
