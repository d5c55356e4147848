/**
 * Property tests: random legacy configurations (HCL text) with N keys of random names,
 * roles, lifetimes, orgs, stacks, count/for_each and provider aliases, and outputs, locals
 * and resources that reference them in every form Terraform allows. Whatever the input,
 * the migration must replace each key one for one without widening a role, leave no
 * reference to a legacy key, write files that parse, generate JSON the provider accepts,
 * and find nothing to do when run on its own output.
 *
 * FC_SEED, FC_RUNS (25) and FC_TF_RUNS (4, the terraform validate runs) tune a run.
 *
 * fast-check runs every property with the same seed, so the migrations (the costly part:
 * a cdktf synth each) are made once per generated configuration and shared.
 */
import fc from "fast-check";
import type { Strategy } from "../../src/planning/plan";
import { planRevert } from "../../src/planning/plan-revert";
import {
  accountReference,
  errorsOf,
  generatedFile,
  inputKeys,
  keyMappingProblems,
  legacyReferencesIn,
  migrate,
  migratedModule,
  Migrated,
  parsedGenerated,
  remigrationProblems,
  reparseProblems,
  schemaErrors,
  sourceFile,
  synthesizedDocument,
  withoutComments,
  terraformSetup,
  terraformValidate,
  terraformValidateInputs,
} from "./harness";

// ---------------------------------------------------------------------------------------
// The generator

type Role = "Viewer" | "Editor" | "Admin";
type Instances = { kind: "count"; n: number } | { kind: "for_each"; keys: string[] } | undefined;

interface GenKey {
  readonly type: "grafana_api_key" | "grafana_cloud_stack_api_key";
  readonly resourceName: string;
  readonly name: string;
  readonly role: Role;
  readonly ttl?: number;
  /** A literal org, or one only known at apply time. */
  readonly org?: "2" | "3" | "grafana_organization.team.org_id";
  readonly stack?: '"stack-a"' | "grafana_cloud_stack.main.slug";
  readonly instances: Instances;
  readonly provider?: "grafana.a1" | "grafana.a2";
  /** Name built with an interpolation: "${var.env}-<name>". */
  readonly interpolatedName: boolean;
  /** seconds_to_live = "3600" rather than 3600. */
  readonly quotedTtl: boolean;
  readonly lifecycle?: { preventDestroy: boolean; createBeforeDestroy: boolean; ignoreName: boolean };
  /** resource grafana_api_key x { (bare labels) */
  readonly bareLabels: boolean;
  /** Index of an earlier key this one depends_on. */
  readonly dependsOn?: number;
}

interface GenConfig {
  readonly keys: GenKey[];
  /** Which reference forms each key gets, by index into FORMS. */
  readonly uses: number[][];
  /** Put the references in a second file, .tf or .tf.json. */
  readonly split: false | "tf" | "tf.json";
  /** Windows line ends in the .tf files. */
  readonly crlf: boolean;
}

const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);

const genKey = (resourceName: string) =>
  fc
    .record({
      cloud: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      prefix: fc.constantFrom("ci", "deploy", "team", "bot", "svc", "grafana"),
      role: fc.constantFrom<Role>("Viewer", "Editor", "Admin"),
      ttl: fc.option(fc.oneof(fc.integer({ min: 1, max: 2_592_000 }), fc.constant(30), fc.integer({ min: 2_592_001, max: 31_536_000 })), { nil: undefined }),
      org: fc.option(fc.constantFrom<"2" | "3" | "grafana_organization.team.org_id">("2", "3", "grafana_organization.team.org_id"), { nil: undefined }),
      stack: fc.constantFrom<'"stack-a"' | "grafana_cloud_stack.main.slug">('"stack-a"', "grafana_cloud_stack.main.slug"),
      instances: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => ({ kind: "count" as const, n })) },
        { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 }).map((keys) => ({ kind: "for_each" as const, keys: keys.sort() })) },
      ),
      provider: fc.option(fc.constantFrom<"grafana.a1" | "grafana.a2">("grafana.a1", "grafana.a2"), { nil: undefined }),
      interpolatedName: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      quotedTtl: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      lifecycle: fc.option(fc.record({ preventDestroy: fc.boolean(), createBeforeDestroy: fc.boolean(), ignoreName: fc.boolean() }), { nil: undefined, freq: 3 }),
      bareLabels: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      dependsOn: fc.option(fc.nat({ max: 4 }), { nil: undefined, freq: 2 }),
    })
    .map(
      ({ cloud, prefix, role, ttl, org, stack, instances, provider, interpolatedName, quotedTtl, lifecycle, bareLabels, dependsOn }): GenKey => ({
        type: cloud ? "grafana_cloud_stack_api_key" : "grafana_api_key",
        resourceName,
        // Unique per configuration (the resource name is), so Grafana's per-org name index holds.
        name: `${prefix}-${resourceName}`,
        role,
        ttl,
        org: cloud ? undefined : org,
        stack: cloud ? stack : undefined,
        instances,
        provider,
        interpolatedName,
        quotedTtl,
        lifecycle,
        bareLabels,
        dependsOn,
      }),
    );

// ---------------------------------------------------------------------------------------
// Rendering a configuration as HCL

/** An expression of one key's instance: K, K[0] or K["a"]. */
function one(k: GenKey): string {
  const address = `${k.type}.${k.resourceName}`;
  if (k.instances?.kind === "count") return `${address}[0]`;
  if (k.instances?.kind === "for_each") return `${address}["${k.instances.keys[0]}"]`;
  return address;
}

/** Reference forms; each gives an expression for a key (all legal for any instancing). */
const FORMS: ((k: GenKey) => string)[] = [
  (k) => `${one(k)}.key`,
  (k) => `"Bearer \${${one(k)}.key}"`,
  (k) => `${one(k)}.role`,
  (k) => `${one(k)}.expiration`,
  (k) => (k.type === "grafana_api_key" ? `${one(k)}.org_id` : `${one(k)}.stack_slug`),
  (k) => `[${one(k)}.key, "x"]`,
  (k) => {
    const a = `${k.type}.${k.resourceName}`;
    if (k.instances?.kind === "count") return `[for item in ${a} : item.key]`;
    if (k.instances?.kind === "for_each") return `{ for name, item in ${a} : name => item.key }`;
    return `jsonencode({ token = ${a}.key, note = "from ${a}.key" })`;
  },
  (k) => {
    const a = `${k.type}.${k.resourceName}`;
    if (k.instances?.kind === "count") return `${a}[*].role`;
    if (k.instances?.kind === "for_each") return `values(${a})[*].key`;
    return `${a}[*].key`;
  },
  (k) => `<<-EOT\n    token: \${${one(k)}.key}\n    literal: $\${${one(k)}.key} and ${k.type}.${k.resourceName}.key\n    path: C:\\\${${one(k)}.expiration}\n  EOT\n`,
];
const genConfig: fc.Arbitrary<GenConfig> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc.record({
      keys: fc.tuple(...names.map(genKey)),
      uses: fc.tuple(...names.map(() => fc.uniqueArray(fc.nat({ max: FORMS.length - 1 }), { minLength: 1, maxLength: 4 }))),
      split: fc.constantFrom<GenConfig["split"]>(false, "tf", "tf.json"),
      crlf: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    }),
  );


function keyBlock(k: GenKey, keys: GenKey[]): string {
  const lines = [k.bareLabels ? `resource ${k.type} ${k.resourceName} {` : `resource "${k.type}" "${k.resourceName}" {`];
  if (k.provider) lines.push(`  provider = ${k.provider}`);
  if (k.instances?.kind === "count") lines.push(`  count = ${k.instances.n}`);
  if (k.instances?.kind === "for_each") lines.push(`  for_each = toset([${k.instances.keys.map((x) => `"${x}"`).join(", ")}])`);
  if (k.stack) lines.push(`  stack_slug = ${k.stack}`);
  const suffix = k.instances?.kind === "count" ? "-${count.index}" : k.instances?.kind === "for_each" ? "-${each.key}" : "";
  lines.push(`  name = "${k.interpolatedName ? "${var.env}-" : ""}${k.name}${suffix}"`, `  role = "${k.role}"`);
  if (k.ttl !== undefined) lines.push(`  seconds_to_live = ${k.quotedTtl ? `"${k.ttl}"` : k.ttl}`);
  if (k.org) lines.push(`  org_id = ${k.org}`);
  const dependency = dependencyOf(k, keys);
  if (dependency) lines.push(`  depends_on = [${dependency.type}.${dependency.resourceName}]`);
  if (k.lifecycle) {
    lines.push("", "  lifecycle {");
    if (k.lifecycle.preventDestroy) lines.push("    prevent_destroy = true");
    if (k.lifecycle.createBeforeDestroy) lines.push("    create_before_destroy = true");
    if (k.lifecycle.ignoreName) lines.push("    ignore_changes = [name]");
    if (dependency) lines.push(`    replace_triggered_by = [${dependency.type}.${dependency.resourceName}]`);
    lines.push("  }");
  }
  lines.push("}");
  return lines.join("\n");
}

/** The earlier key `k` depends on, if any. */
function dependencyOf(k: GenKey, keys: GenKey[]): GenKey | undefined {
  const at = keys.indexOf(k);
  return k.dependsOn !== undefined && k.dependsOn < at ? keys[k.dependsOn] : undefined;
}

/** An HCL expression as a Terraform JSON string: a quoted template's content, else "${expr}". */
function jsonExpression(hcl: string): string {
  if (/^"[^"]*"$/.test(hcl)) return hcl.slice(1, -1);
  const heredoc = /^<<-EOT\n([^]*)\n\s*EOT\n$/.exec(hcl);
  if (heredoc) return heredoc[1].replace(/^ {4}/gm, "") + "\n";
  return `\${${hcl}}`;
}

/** Comment and literal lines that mention keys; they must come out unchanged. */
const literalLines = (k: GenKey) => [`# about ${k.type}.${k.resourceName}.key`, `  triggers_replace = "${k.type}.${k.resourceName}.key is literal text"`];

function render(config: GenConfig): { path: string; text: string }[] {
  const files = renderLf(config);
  return config.crlf ? files.map((f) => (f.path.endsWith(".tf") ? { ...f, text: f.text.replace(/\n/g, "\r\n") } : f)) : files;
}

function renderLf(config: GenConfig): { path: string; text: string }[] {
  const { keys, uses } = config;
  const head = [
    'terraform {\n  required_providers {\n    grafana = {\n      source = "grafana/grafana"\n    }\n  }\n}',
    'provider "grafana" {\n  url = "http://localhost:3000"\n}',
    ...["a1", "a2"].filter((a) => keys.some((k) => k.provider === `grafana.${a}`)).map((a) => `provider "grafana" {\n  alias = "${a}"\n  url   = "http://localhost:3000"\n}`),
  ];
  if (keys.some((k) => k.interpolatedName)) head.push('variable "env" {\n  type    = string\n  default = "dev"\n}');
  if (keys.some((k) => k.org === "grafana_organization.team.org_id")) head.push('resource "grafana_organization" "team" {\n  name = "team"\n}');
  if (keys.some((k) => k.stack === "grafana_cloud_stack.main.slug")) head.push('resource "grafana_cloud_stack" "main" {\n  name        = "main"\n  slug        = "main"\n  region_slug = "eu"\n}');
  const refs: string[] = [];
  const json: Record<string, Record<string, any>> = { output: {}, locals: {}, resource: { terraform_data: {} } };
  keys.forEach((k, i) => {
    const [comment, note] = literalLines(k);
    uses[i].forEach((form, j) => {
      const expression = FORMS[form](k);
      if (j % 3 === 0) {
        refs.push(`${comment}\noutput "o_${k.resourceName}_${j}" {\n  value     = ${expression}\n  sensitive = true\n}`);
        json.output[`o_${k.resourceName}_${j}`] = { value: jsonExpression(expression), sensitive: true };
      } else if (j % 3 === 1) {
        refs.push(`locals {\n  l_${k.resourceName}_${j} = ${expression}\n}`);
        json.locals[`l_${k.resourceName}_${j}`] = jsonExpression(expression);
      } else {
        refs.push(`resource "terraform_data" "t_${k.resourceName}_${j}" {\n  input = ${expression}\n${note}\n}`);
        json.resource.terraform_data[`t_${k.resourceName}_${j}`] = { input: jsonExpression(expression) };
      }
    });
    refs.push(`resource "terraform_data" "after_${k.resourceName}" {\n${note}\n  depends_on = [${k.type}.${k.resourceName}]\n}`);
    json.resource.terraform_data[`after_${k.resourceName}`] = { "//": `${k.type}.${k.resourceName}.key is literal text`, depends_on: [`${k.type}.${k.resourceName}`] };
  });
  const keyBlocks = keys.map((k) => keyBlock(k, keys));
  if (config.split === "tf") return [{ path: "main.tf", text: [...head, ...keyBlocks].join("\n\n") + "\n" }, { path: "references.tf", text: refs.join("\n\n") + "\n" }];
  if (config.split === "tf.json") return [{ path: "main.tf", text: [...head, ...keyBlocks].join("\n\n") + "\n" }, { path: "references.tf.json", text: JSON.stringify(json, null, 2) + "\n" }];
  return [{ path: "main.tf", text: [...head, ...keyBlocks, ...refs].join("\n\n") + "\n" }];
}

// ---------------------------------------------------------------------------------------
// Running the migration once per configuration and strategy

const cache = new Map<string, Promise<Migrated>>();

function migrated(config: GenConfig, strategy: Strategy): Promise<Migrated> {
  const files = render(config);
  const id = JSON.stringify([strategy, files]);
  let result = cache.get(id);
  if (!result) {
    result = Promise.all(files.map((f) => sourceFile(f.path, f.text))).then((inputs) => migrate(inputs, { strategy }));
    cache.set(id, result);
  }
  return result;
}

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FC_RUNS ?? 25);
const RANK: Record<string, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };

/** Checks `check` on the migration of every generated configuration. */
function holds(strategy: Strategy, check: (m: Migrated, config: GenConfig) => void | Promise<void>): Promise<void> {
  return fc.assert(
    fc.asyncProperty(genConfig, async (config) => {
      const m = await migrated(config, strategy);
      expect(errorsOf(m.plan)).toEqual([]);
      await check(m, config);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}

if (process.env.FC_SHOW) {
  test("show generated configurations (FC_SHOW=n)", () => {
    for (const config of fc.sample(genConfig, { numRuns: Number(process.env.FC_SHOW), seed: SEED })) for (const f of render(config)) console.log(`# ${f.path}\n${f.text}`);
  });
}

beforeAll(() => console.log(`properties: fast-check seed ${SEED}, ${RUNS} runs per property (FC_SEED / FC_RUNS to change)`));

describe.each(["per-key", "per-role"] as Strategy[])("random legacy configurations, %s", (strategy) => {
  test("GIVEN any configuration WHEN migrated THEN every key maps to exactly one token with its role (via its account), ttl, org, stack, provider and instances", () =>
    holds(strategy, (m) => {
      expect(keyMappingProblems(m)).toEqual([]);
    }));

  test("GIVEN any configuration WHEN migrated THEN no token's account has a wider role than the key it replaces", () =>
    holds(strategy, (m) => {
      const keyRole = new Map(m.plan.entries.map((e) => [e.token, inputKeys(m.inputs).find((k) => k.address === e.legacy)?.body.role as string]));
      for (const type of ["grafana_service_account_token", "grafana_cloud_stack_service_account_token"]) {
        for (const [name, token] of Object.entries<any>(m.json.resource?.[type] ?? {})) {
          const [accountType, accountName] = accountReference(token.service_account_id) ?? [];
          const accountRole = m.json.resource[accountType as string][accountName as string].role;
          expect({ token: `${type}.${name}`, wider: RANK[accountRole] > RANK[keyRole.get(`${type}.${name}`) as string] }).toEqual({ token: `${type}.${name}`, wider: false });
        }
      }
    }));

  test("GIVEN any configuration WHEN migrated THEN no reference to a legacy key remains outside removed blocks, and literal mentions stay", () =>
    holds(strategy, (m, config) => {
      for (const f of [...m.plan.files, generatedFile(m)]) expect(legacyReferencesIn(f)).toEqual([]);
      const text = m.plan.files.map((f) => f.content).join("\n");
      for (const k of config.keys) for (const line of literalLines(k)) if (render(config).some((f) => f.text.includes(line))) expect(text).toContain(line);
    }));

  test("GIVEN any configuration WHEN migrated THEN the rewritten files and the generated file parse with hcl2json", () =>
    holds(strategy, async (m) => {
      expect(await reparseProblems(m)).toEqual([]);
    }));

  test("GIVEN any configuration WHEN the CLI renders the plan without cdktf THEN Terraform reads what MigrationStack synthesizes", () =>
    holds(strategy, async (m) => {
      expect(withoutComments(m.cli.json)).toEqual(synthesizedDocument(m));
      const parsed = await parsedGenerated(m);
      expect(parsed.cli).toEqual(parsed.synthesized);
    }));

  test("GIVEN any configuration WHEN migrated THEN the generated JSON conforms to the provider schema v4.45.1", () =>
    holds(strategy, (m) => {
      expect(schemaErrors(m)).toEqual([]);
    }));

  test("GIVEN the migrated module (rewritten files + generated .tf) WHEN migrated again THEN no key is found and no file changes", () =>
    holds(strategy, async (m) => {
      expect(await remigrationProblems(m, { strategy })).toEqual([]);
    }));
});

describe("random legacy configurations, per-key, then reverted", () => {
  test("GIVEN a migrated module with no Cloud stack key WHEN reverted with wholeAccounts THEN the keys come back with their name, role, ttl, org, provider and instances", () =>
    holds("per-key", async (m, config) => {
      if (config.keys.some((k) => k.type !== "grafana_api_key")) return;
      const revert = planRevert(await migratedModule(m), { wholeAccounts: true });
      expect(revert.diagnostics.filter((d) => d.level === "error")).toEqual([]);
      const unwrap = (v: unknown) => (typeof v === "string" ? v.replace(/^\$\{([^]*)\}$/, "$1").replace(/\s+/g, "") : v);
      const shape = (body: Record<string, any>, reverted = false) => ({
        // A reverted key gets a new name: the old one is still taken in Grafana (by the forgotten key, or its token).
        name: reverted ? (/-reverted(-\d+)?$/.test(body.name) ? body.name.replace(/-reverted(-\d+)?$/, "") : `not reverted-named: ${body.name}`) : body.name,
        role: body.role,
        // seconds_to_live = "3600" is the number 3600 to Terraform.
        seconds_to_live: typeof body.seconds_to_live === "string" && /^\d+$/.test(body.seconds_to_live) ? Number(body.seconds_to_live) : body.seconds_to_live,
        org_id: body.org_id === undefined ? undefined : unwrap(String(body.org_id)),
        provider: unwrap(body.provider),
        count: body.count,
        for_each: unwrap(body.for_each),
      });
      const original = Object.fromEntries(inputKeys(m.inputs).map((k) => [k.address.split(".")[1], shape(k.body)]));
      const reverted = Object.fromEntries(Object.entries(revert.keys).map(([name, body]) => [name, shape(body, true)]));
      expect(reverted).toEqual(original);
    }));
});

describe("random legacy configurations, checked by terraform validate", () => {
  const runs = Number(process.env.FC_TF_RUNS ?? 4);
  const tf = terraformSetup();
  const validated = typeof tf === "string" ? test.skip : test;
  if (typeof tf === "string") console.log(`terraform validate of random configurations skipped: ${tf}`);

  validated.each(["per-key", "per-role"] as Strategy[])("GIVEN a valid legacy configuration WHEN migrated %s THEN terraform validate accepts the module with the generated file as HCL and as JSON", (strategy) =>
    fc.assert(
      fc.asyncProperty(genConfig, async (config) => {
        const m = await migrated(config, strategy);
        expect(terraformValidateInputs(m.inputs)).toEqual([]);
        expect(terraformValidate(m)).toEqual([]);
      }),
      { seed: SEED, numRuns: runs, endOnFailure: true },
    ),
  );
});
