/**
 * The bindings come from our own schema subset, so a mistake there would put a wrong
 * attribute into every synthesized stack. Both the subset and the stacks are checked
 * against the provider's real schemas (the facts-only copies in schema/reference). That the
 * subset's descriptions are our own words is checked by `npm run reference -- --check`, which
 * alone sees the provider's descriptions.
 */
import { existsSync, readFileSync } from "fs";
import { relative, resolve } from "path";
import { buildApp } from "../../main";
import { SynthesizedStack, synthesizeBoth } from "../../src/synth/synthesize";
import {
  assertConformsToProviderSchema,
  CURRENT_SCHEMA_FILE,
  LEGACY_SCHEMA_FILE,
  providerSchemaErrors,
  ReferenceBlock,
  referenceDataSource,
  referenceProvider,
  referenceResource,
  SchemaBlock,
  signature,
  subsetSchema,
} from "../support/provider-schema";

const REPO_ROOT = resolve(__dirname, "../..");

test("GIVEN a clone of the repository alone WHEN the reference schema facts are looked up THEN they are inside it, without the provider's descriptions", () => {
  for (const file of [CURRENT_SCHEMA_FILE, LEGACY_SCHEMA_FILE]) {
    expect(existsSync(file)).toBe(true);
    expect(relative(REPO_ROOT, file).startsWith("..")).toBe(false);
    expect(readFileSync(file, "utf8")).not.toMatch(/"description(_kind)?": "/);
  }
});

/** Every disagreement between one block of the subset and the real provider. */
function subsetBlockErrors(block: SchemaBlock, reference: ReferenceBlock): string[] {
  const errors: string[] = [];
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const definitions = reference.attributes[name];
    if (!definitions) {
      errors.push(`${name}: not in ${reference.source}`);
      continue;
    }
    const ours = signature(attribute);
    if (!definitions.some((d) => JSON.stringify(signature(d)) === JSON.stringify(ours))) {
      errors.push(`${name}: ${JSON.stringify(ours)} but ${reference.source} has ${definitions.map((d) => JSON.stringify(signature(d))).join(" or ")}`);
    }
  }
  for (const name of Object.keys(block.block_types ?? {})) {
    if (!reference.blockTypes[name]) errors.push(`block ${name}: not in ${reference.source}`);
  }
  return errors;
}

/** Arguments a configuration must give that the subset (and so the bindings) lacks. */
function missingRequired(block: SchemaBlock, reference: ReferenceBlock): string[] {
  return Object.entries(reference.attributes)
    .filter(([name, definitions]) => definitions.every((d) => d.required) && !(name in (block.attributes ?? {})))
    .map(([name]) => `${name}: required by ${reference.source} but missing from the subset`);
}

describe("schema/grafana-provider.subset.json", () => {
  const subset = subsetSchema();

  test("GIVEN the subset WHEN listed THEN it declares the service account resources and both legacy keys", () => {
    expect(Object.keys(subset.resource_schemas)).toEqual(
      expect.arrayContaining([
        "grafana_api_key",
        "grafana_cloud_stack_api_key",
        "grafana_service_account",
        "grafana_service_account_token",
        "grafana_cloud_stack_service_account",
        "grafana_cloud_stack_service_account_token",
      ]),
    );
  });

  describe.each(Object.keys(subset.resource_schemas))("resource %s", (type) => {
    test("GIVEN its attributes WHEN compared with the real provider THEN each exists with the same type and flags, in our own words", () => {
      const reference = referenceResource(type);
      expect(reference).toBeDefined();
      expect(subsetBlockErrors(subset.resource_schemas[type].block, reference!)).toEqual([]);
    });

    test("GIVEN the real required arguments WHEN looked up in the subset THEN none is missing", () => {
      expect(missingRequired(subset.resource_schemas[type].block, referenceResource(type)!)).toEqual([]);
    });
  });

  describe.each(Object.keys(subset.data_source_schemas ?? {}))("data source %s", (type) => {
    test("GIVEN its attributes WHEN compared with the real provider THEN each exists with the same type and flags, in our own words", () => {
      const reference = referenceDataSource(type);
      expect(reference).toBeDefined();
      expect(subsetBlockErrors(subset.data_source_schemas![type].block, reference!)).toEqual([]);
    });

    test("GIVEN the real required arguments WHEN looked up in the subset THEN none is missing", () => {
      expect(missingRequired(subset.data_source_schemas![type].block, referenceDataSource(type)!)).toEqual([]);
    });
  });

  test("GIVEN the provider block WHEN compared with v4.45.1 and v2.19.0 together THEN every attribute exists with the same type and flags", () => {
    expect(subsetBlockErrors(subset.provider.block, referenceProvider())).toEqual([]);
  });

  test("GIVEN the legacy resources WHEN their reference is chosen THEN it comes from the legacy file, grafana_api_key with its 1.x form", () => {
    expect(referenceResource("grafana_api_key")!.source).toContain("grafana_api_key@1.x");
    expect(Object.keys(referenceResource("grafana_api_key")!.attributes)).toEqual(expect.arrayContaining(["org_id", "cloud_stack_slug"]));
    expect(referenceResource("grafana_cloud_stack_api_key")!.source).toContain("v2.19.0");
    expect(referenceResource("grafana_service_account")!.source).toContain("v4.45.1");
    expect(referenceProvider().attributes.cloud_api_key).toHaveLength(1);
  });
});

describe("the checker itself", () => {
  const valid = {
    provider: { grafana: [{ url: "http://localhost:3000", auth: "${var.auth}" }] },
    terraform: { required_providers: { grafana: { source: "registry.terraform.io/grafana/grafana" } } },
    resource: {
      grafana_service_account: { sa: { name: "sa", role: "Viewer", is_disabled: false } },
      grafana_service_account_token: { t: { name: "t", service_account_id: "${grafana_service_account.sa.id}", seconds_to_live: 60, provider: "grafana.x" } },
    },
  };

  test("GIVEN a fitting configuration WHEN checked THEN there are no errors", () => {
    expect(providerSchemaErrors(valid)).toEqual([]);
    expect(() => assertConformsToProviderSchema(JSON.stringify(valid))).not.toThrow();
  });

  test.each([
    ["an unknown resource type", { resource: { grafana_api_token: { a: { name: "a" } } } }, "grafana_api_token"],
    ["an unknown argument", { resource: { grafana_service_account: { a: { name: "a", role: "Viewer", roles: "x" } } } }, "roles: no such argument"],
    ["a missing required argument", { resource: { grafana_service_account: { a: { name: "a" } } } }, "required argument role is missing"],
    ["a computed-only attribute", { resource: { grafana_service_account_token: { a: { name: "a", service_account_id: "1", key: "x" } } } }, "key: computed"],
    ["a number given as text", { resource: { grafana_service_account_token: { a: { name: "a", service_account_id: "1", seconds_to_live: "12h" } } } }, "expected a number"],
    ["a bool given as text", { resource: { grafana_service_account: { a: { name: "a", role: "Viewer", is_disabled: "yes" } } } }, "expected a bool"],
    ["a string given as a number", { resource: { grafana_service_account: { a: { name: "a", role: "Viewer", org_id: 2 } } } }, "expected a string"],
    ["org_id on a current grafana_api_key form is fine, but stack_slug is not", { resource: { grafana_api_key: { a: { name: "a", role: "Viewer", stack_slug: "s" } } } }, "stack_slug: no such argument"],
    ["an unknown provider argument", { provider: { grafana: [{ token: "x" }] } }, "provider.grafana[0].token"],
    ["a map given as a list", { provider: { grafana: [{ http_headers: ["a"] }] } }, "expected a map"],
    ["an unknown data source", { data: { grafana_api_key: { a: { name: "a" } } } }, "data source grafana_api_key"],
    ["a grafana resource without required_providers", { resource: { grafana_service_account: { a: { name: "a", role: "Viewer" } } } }, "required_providers.grafana"],
  ])("GIVEN %s WHEN checked THEN it is reported", (_what, config, expected) => {
    expect(providerSchemaErrors(config).join("\n")).toContain(expected);
    expect(() => assertConformsToProviderSchema(config)).toThrow();
  });

  test("GIVEN a legacy key with cloud_stack_slug (1.x) or org_id (2.x) WHEN checked THEN both forms pass", () => {
    const terraform = valid.terraform;
    expect(providerSchemaErrors({ terraform, resource: { grafana_api_key: { a: { name: "a", role: "Viewer", cloud_stack_slug: "s" } } } })).toEqual([]);
    expect(providerSchemaErrors({ terraform, resource: { grafana_api_key: { a: { name: "a", role: "Viewer", org_id: "1" } } } })).toEqual([]);
  });

  test("GIVEN the 2.x cloud_api_key on the provider WHEN checked THEN it passes", () => {
    expect(providerSchemaErrors({ provider: { grafana: [{ cloud_api_key: "${var.k}", alias: "cloud" }] } })).toEqual([]);
  });
});

describe("every example stack", () => {
  let stacks: SynthesizedStack[];
  beforeAll(async () => {
    stacks = await synthesizeBoth((app) => buildApp({ outdir: app.outdir }, app));
  });

  test("GIVEN the examples WHEN synthesized THEN there are four of them", () => {
    expect(stacks.map((s) => s.name).sort()).toEqual(["cloud-legacy", "cloud-service-accounts", "legacy-keys", "service-accounts"]);
  });

  test.each(["cloud-legacy", "cloud-service-accounts", "legacy-keys", "service-accounts"])(
    "GIVEN the %s stack's JSON WHEN checked against the real provider schemas THEN every type, argument, value and provider block fits",
    (name) => {
      const stack = stacks.find((s) => s.name === name)!;
      expect(providerSchemaErrors(stack.json)).toEqual([]);
    },
  );
});
