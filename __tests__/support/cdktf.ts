/** Small helpers shared by the construct and synth tests. */
// Brings the types of cdktf's jest matchers (toHaveResourceWithProperties, ...) into scope;
// __tests__/setup.ts registers them at run time.
import "cdktf/lib/testing/adapters/jest";
import { AnnotationMetadataEntryType, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { GrafanaProvider } from "../../src/gen/providers/grafana/provider";

export { thrown } from "./errors";

/** A fresh stack in a fresh test app, with the default grafana provider when asked. */
export function newStack(options: { provider?: boolean } = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "stack");
  if (options.provider) new GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });
  return stack;
}

/** Synthesized Terraform JSON (without cdktf's "//" metadata), parsed. */
export function synthJson(stack: TerraformStack, runValidations = false): any {
  return JSON.parse(Testing.synth(stack, runValidations));
}

let probes = 0;

/** What a (token) value synthesizes to in `stack`, like "${grafana_api_key.k.key}". */
export function synthesizedValue(stack: TerraformStack, value: unknown): unknown {
  const id = `probe_${++probes}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}

/** The resources of one type in synthesized JSON, by logical ID. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

export interface Annotation {
  readonly path: string;
  readonly level: "info" | "warn" | "error";
  readonly message: string;
}

/** Every annotation at or below `scope`, as cdktf would print it at synth. */
export function annotationsOf(scope: IConstruct): Annotation[] {
  const levels: Record<string, Annotation["level"]> = {
    [AnnotationMetadataEntryType.INFO]: "info",
    [AnnotationMetadataEntryType.WARN]: "warn",
    [AnnotationMetadataEntryType.ERROR]: "error",
  };
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata.filter((m) => m.type in levels).map((m) => ({ path: c.node.path, level: levels[m.type], message: String(m.data) })),
  );
}

/** Warnings whose message starts with the stable id `id` (like "GRAFANA-TTL-NONE"). */
export function warningsWithId(scope: IConstruct, id: string): Annotation[] {
  return annotationsOf(scope).filter((a) => a.level === "warn" && a.message.startsWith(`${id}:`));
}
