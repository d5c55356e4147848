/**
 * The Grafana provider's real schemas (facts-only copies of `terraform providers schema -json`
 * output, in schema/reference, made by scripts/reference-facts.ts) and checks of Terraform JSON
 * against them.
 *
 * Current resources are checked against v4.45.1; what provider 3.0 removed (the legacy API
 * keys, the 1.x form of grafana_api_key, the provider's cloud_api_key) against v2.19.0.
 */
import { readFileSync } from "fs";
import * as path from "path";

/** Inside the repository: a clone needs nothing beside it. */
export const REFERENCE_DIR = path.resolve(__dirname, "../../schema/reference");
export const CURRENT_SCHEMA_FILE = path.join(REFERENCE_DIR, "grafana-provider-schema.v4.45.1.json");
export const LEGACY_SCHEMA_FILE = path.join(REFERENCE_DIR, "grafana-legacy-resources.v2.19.0.json");
export const SUBSET_SCHEMA_FILE = path.resolve(__dirname, "../../schema/grafana-provider.subset.json");

export const PROVIDER_SOURCE = "registry.terraform.io/grafana/grafana";

/** Terraform's type notation: "string", ["map", "string"], ["object", {...}], ... */
export type TfType = string | [string, unknown];

export interface SchemaAttribute {
  readonly type?: TfType;
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute>; readonly nesting_mode: string };
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}

export interface SchemaBlockType {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
  readonly description?: string;
}

export interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly version?: number; readonly block: SchemaBlock }>;
  readonly data_source_schemas?: Record<string, { readonly version?: number; readonly block: SchemaBlock }>;
}

const cache = new Map<string, ProviderSchema>();

/** The grafana provider's schema in a `terraform providers schema -json` file. */
export function loadProviderSchema(file: string): ProviderSchema {
  let schema = cache.get(file);
  if (!schema) {
    const json = JSON.parse(readFileSync(file, "utf8"));
    schema = json.provider_schemas?.[PROVIDER_SOURCE] as ProviderSchema | undefined;
    if (!schema) throw new Error(`${file} has no schema for ${PROVIDER_SOURCE}`);
    cache.set(file, schema);
  }
  return schema;
}

export const currentSchema = (): ProviderSchema => loadProviderSchema(CURRENT_SCHEMA_FILE);
export const legacySchema = (): ProviderSchema => loadProviderSchema(LEGACY_SCHEMA_FILE);
export const subsetSchema = (): ProviderSchema => loadProviderSchema(SUBSET_SCHEMA_FILE);

/**
 * What the real provider says about one block: each attribute with every definition a
 * supported release gives it (one, or two where versions differ), and whether a value is
 * required in every release that has it.
 */
export interface ReferenceBlock {
  /** Where the definitions come from, for messages. */
  readonly source: string;
  readonly attributes: Record<string, SchemaAttribute[]>;
  readonly blockTypes: Record<string, SchemaBlockType>;
}

function union(source: string, blocks: SchemaBlock[]): ReferenceBlock {
  const attributes: Record<string, SchemaAttribute[]> = {};
  const blockTypes: Record<string, SchemaBlockType> = {};
  for (const block of blocks) {
    for (const [name, attribute] of Object.entries(block.attributes ?? {})) (attributes[name] ??= []).push(attribute);
    Object.assign(blockTypes, block.block_types ?? {});
  }
  return { source, attributes, blockTypes };
}

/** Legacy resource types, each with the names of its entries in the legacy file. */
const LEGACY_RESOURCES: Record<string, string[]> = {
  grafana_api_key: ["grafana_api_key", "grafana_api_key@1.x"],
  grafana_cloud_stack_api_key: ["grafana_cloud_stack_api_key"],
  grafana_cloud_api_key: ["grafana_cloud_api_key"],
};

/** The real schema of a resource type, or undefined when no supported release has it. */
export function referenceResource(type: string): ReferenceBlock | undefined {
  const legacy = LEGACY_RESOURCES[type];
  if (legacy) {
    return union(`${path.basename(LEGACY_SCHEMA_FILE)} (${legacy.join(" + ")})`, legacy.map((name) => legacySchema().resource_schemas[name].block));
  }
  const current = currentSchema().resource_schemas[type];
  return current ? union(path.basename(CURRENT_SCHEMA_FILE), [current.block]) : undefined;
}

export function referenceDataSource(type: string): ReferenceBlock | undefined {
  const current = currentSchema().data_source_schemas?.[type];
  return current ? union(path.basename(CURRENT_SCHEMA_FILE), [current.block]) : undefined;
}

/** The provider block: v4.45.1 and v2.19.0 together (cloud_api_key exists only in 2.x). */
export function referenceProvider(): ReferenceBlock {
  return union(`${path.basename(CURRENT_SCHEMA_FILE)} + ${path.basename(LEGACY_SCHEMA_FILE)}`, [currentSchema().provider.block, legacySchema().provider.block]);
}

/** Whether a value must be given: required in every release that has the attribute. */
export function isRequired(definitions: SchemaAttribute[]): boolean {
  return definitions.length > 0 && definitions.every((d) => d.required === true);
}

/** Only computed: the provider sets it and a configuration may not. */
export function isComputedOnly(definitions: SchemaAttribute[]): boolean {
  return definitions.every((d) => d.computed === true && !d.optional && !d.required);
}

export const FLAGS = ["required", "optional", "computed", "sensitive"] as const;

/** The type and the four flags, comparable with toEqual. */
export function signature(attribute: SchemaAttribute): Record<string, unknown> {
  const result: Record<string, unknown> = { type: attribute.type ?? attribute.nested_type };
  for (const flag of FLAGS) result[flag] = attribute[flag] === true;
  return result;
}

// ---------------------------------------------------------------------------------------
// Terraform JSON against the schema

const RESOURCE_META_ARGUMENTS = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection", "//"]);
const DATA_META_ARGUMENTS = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "//"]);
const PROVIDER_META_ARGUMENTS = new Set(["alias", "version", "//"]);

/** A string Terraform evaluates as an expression: "${...}" anywhere in it. */
export function isTemplate(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Problems with `value` for an attribute of Terraform type `type`; none when it fits. */
export function typeErrors(value: unknown, type: TfType | undefined, where: string): string[] {
  if (isTemplate(value)) return []; // an expression: its type is Terraform's to check at plan
  if (type === undefined || type === "dynamic") return [];
  if (typeof type === "string") {
    const fits = (type === "string" && typeof value === "string") || (type === "number" && typeof value === "number" && Number.isFinite(value)) || (type === "bool" && typeof value === "boolean");
    return fits ? [] : [`${where}: expected a ${type}, got ${JSON.stringify(value)}`];
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return [`${where}: expected a ${kind}, got ${JSON.stringify(value)}`];
    return value.flatMap((v, i) => typeErrors(v, inner as TfType, `${where}[${i}]`));
  }
  if (kind === "map") {
    if (!isPlainObject(value)) return [`${where}: expected a map, got ${JSON.stringify(value)}`];
    return Object.entries(value).flatMap(([k, v]) => typeErrors(v, inner as TfType, `${where}.${k}`));
  }
  if (kind === "object") {
    if (!isPlainObject(value)) return [`${where}: expected an object, got ${JSON.stringify(value)}`];
    const fields = inner as Record<string, TfType>;
    return Object.entries(value).flatMap(([k, v]) => (k in fields ? typeErrors(v, fields[k], `${where}.${k}`) : [`${where}.${k}: no such field`]));
  }
  return [`${where}: the checker does not know type ${JSON.stringify(type)}`];
}

/** Problems with one configuration body (a resource, data source or provider block). */
export function blockErrors(body: unknown, reference: ReferenceBlock, where: string, metaArguments: Set<string>): string[] {
  if (!isPlainObject(body)) return [`${where}: expected an object, got ${JSON.stringify(body)}`];
  const errors: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (metaArguments.has(name)) continue;
    const definitions = reference.attributes[name];
    const nested = reference.blockTypes[name];
    if (definitions) {
      if (isComputedOnly(definitions)) errors.push(`${where}.${name}: computed by the provider, cannot be set (${reference.source})`);
      else errors.push(...typeErrors(value, definitions[0].type, `${where}.${name}`));
    } else if (nested) {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => errors.push(...blockErrors(item, union(reference.source, [nested.block]), `${where}.${name}[${i}]`, new Set(["//"]))));
    } else {
      errors.push(`${where}.${name}: no such argument in ${reference.source}`);
    }
  }
  for (const [name, definitions] of Object.entries(reference.attributes)) {
    if (isRequired(definitions) && !(name in body)) errors.push(`${where}: required argument ${name} is missing`);
  }
  for (const [name, nested] of Object.entries(reference.blockTypes)) {
    if ((nested.min_items ?? 0) > 0 && !(name in body)) errors.push(`${where}: required block ${name} is missing`);
  }
  return errors;
}

/**
 * Every problem of a synthesized stack (Terraform JSON, as text or parsed) against the real
 * provider schemas: unknown resource or data source types, unknown or computed-only
 * arguments, values of the wrong type, missing required arguments, bad provider blocks.
 */
export function providerSchemaErrors(tfJson: unknown): string[] {
  const config = typeof tfJson === "string" ? JSON.parse(tfJson) : tfJson;
  if (!isPlainObject(config)) return ["the configuration is not a JSON object"];
  const errors: string[] = [];

  for (const [type, instances] of Object.entries((config.resource ?? {}) as Record<string, Record<string, unknown>>)) {
    const reference = referenceResource(type);
    if (!reference) {
      errors.push(`resource type ${type} exists in no supported provider release`);
      continue;
    }
    for (const [name, body] of Object.entries(instances)) errors.push(...blockErrors(body, reference, `${type}.${name}`, RESOURCE_META_ARGUMENTS));
  }

  for (const [type, instances] of Object.entries((config.data ?? {}) as Record<string, Record<string, unknown>>)) {
    const reference = referenceDataSource(type);
    if (!reference) {
      errors.push(`data source ${type} exists in no supported provider release`);
      continue;
    }
    for (const [name, body] of Object.entries(instances)) errors.push(...blockErrors(body, reference, `data.${type}.${name}`, DATA_META_ARGUMENTS));
  }

  for (const [name, configs] of Object.entries((config.provider ?? {}) as Record<string, unknown>)) {
    if (name !== "grafana") continue; // other providers are not ours to check
    const list = Array.isArray(configs) ? configs : [configs];
    list.forEach((body, i) => errors.push(...blockErrors(body, referenceProvider(), `provider.grafana[${i}]`, PROVIDER_META_ARGUMENTS)));
  }

  const requiredProviders = (config.terraform as any)?.required_providers ?? {};
  const grafana = requiredProviders.grafana;
  const usesGrafana = Object.keys(config.resource ?? {}).concat(Object.keys(config.data ?? {})).some((t) => t.startsWith("grafana_"));
  if (usesGrafana && (!grafana || ![PROVIDER_SOURCE, "grafana/grafana"].includes(grafana.source))) {
    errors.push(`terraform.required_providers.grafana must have source ${PROVIDER_SOURCE}, got ${JSON.stringify(grafana)}`);
  }

  for (const block of ["removed", "moved"] as const) {
    const list = (config[block] ?? []) as Array<Record<string, unknown>>;
    for (const entry of Array.isArray(list) ? list : [list]) {
      const from = String(entry.from ?? "");
      const type = from.replace(/^\$\{|\}$/g, "").split(".")[0];
      if (type.startsWith("grafana_") && !referenceResource(type)) errors.push(`${block}.from ${from}: no such resource type`);
    }
  }
  return errors;
}

/** Throws, listing every problem, when `tfJson` does not fit the real provider schemas. */
export function assertConformsToProviderSchema(tfJson: unknown): void {
  const errors = providerSchemaErrors(tfJson);
  if (errors.length > 0) throw new Error(`The configuration does not fit the Grafana provider schema:\n  ${errors.join("\n  ")}`);
}
