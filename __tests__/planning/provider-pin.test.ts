/** The provider version constraint each migrated module gets, written where the user wrote it. */
import { planMigration } from "../../src/planning/plan-migration";
import type { MigrationOptions, SourceFile } from "../../src/planning/plan";
import { keyFeatures } from "../../src/planning/provider-pin";
import { sourceFile } from "../migration/harness";

const KEY = 'resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "Editor"\n}\n';
const terraform = (list: string) => `terraform {\n  backend "s3" {\n    bucket = "state"\n  }\n\n  required_providers {\n${list}  }\n}\n\n`;

async function migrate(files: [string, string][], options: MigrationOptions = {}) {
  const sources: SourceFile[] = await Promise.all(files.map(([name, text]) => sourceFile(name, text)));
  const plan = planMigration(sources, options);
  const content = (name: string) => plan.files.find((f) => f.path === name)?.content;
  return { plan, content, placement: plan.providerConstraints?.[0] };
}

describe("keyFeatures", () => {
  test.each([
    [{ type: "grafana_api_key", providerV1CloudForm: false }, { kind: "oss" }, ["apiKey", "serviceAccounts"]],
    [{ type: "grafana_api_key", providerV1CloudForm: false }, { kind: "oss", orgId: "2" }, ["apiKey", "serviceAccounts", "orgId"]],
    [{ type: "grafana_cloud_stack_api_key", providerV1CloudForm: false }, { kind: "cloud-stack" }, ["cloudStackApiKey", "cloudStackServiceAccounts"]],
    [{ type: "grafana_api_key", providerV1CloudForm: true }, { kind: "cloud-stack" }, ["apiKey", "cloudStackSlug", "cloudStackServiceAccounts"]],
  ] as const)("GIVEN key %j replaced by account %j THEN it needs %j", (key, account, features) => {
    expect(keyFeatures(key, account)).toEqual(features);
  });

  test("GIVEN keys of each kind WHEN migrated THEN the constraint is what their features need together", async () => {
    const cloud = 'resource "grafana_cloud_stack_api_key" "s" {\n  stack_slug = "mystack"\n  name = "s"\n  role = "Viewer"\n}\n';
    const org = 'resource "grafana_api_key" "o" {\n  name = "o"\n  role = "Viewer"\n  org_id = 2\n}\n';
    const v1 = 'resource "grafana_api_key" "v" {\n  name = "v"\n  role = "Viewer"\n  cloud_stack_slug = "old"\n}\n';
    expect((await migrate([["main.tf", KEY]])).plan.providerVersion).toBe(">= 1.26.0, < 3.0.0");
    expect((await migrate([["main.tf", KEY + cloud]])).plan.providerVersion).toBe(">= 1.37.0, < 3.0.0");
    expect((await migrate([["main.tf", KEY + org]])).plan.providerVersion).toBe(">= 1.40.0, < 3.0.0");
    expect((await migrate([["main.tf", KEY + v1]])).plan.providerVersion).toBe(">= 1.37.0, < 2.0.0");
  });
});

describe("pinProvider: where the constraint is written", () => {
  test("GIVEN the string form in a terraform block that also holds a backend WHEN migrated THEN the string is narrowed in place, the rest kept", async () => {
    const { content, placement, plan } = await migrate([["main.tf", terraform('    grafana = "1.24.0" # pinned by ops\n') + KEY]]);
    expect(content("main.tf")).toBe(terraform('    grafana = ">= 1.26.0, < 2.0.0" # pinned by ops\n').replace(/\n$/, ""));
    expect(placement).toEqual({ module: ".", file: "main.tf", line: 7, generated: false, previous: "1.24.0", constraint: ">= 1.26.0, < 2.0.0", changed: true, reason: expect.stringContaining('"1.24.0" admits releases that cannot run phase 1') });
    expect(plan.providerVersion).toBeUndefined();
  });

  test("GIVEN the object form with a version WHEN migrated THEN only the version string changes, comments kept", async () => {
    const list = '    # the provider we use\n    grafana = {\n      source  = "grafana/grafana" # registry\n      version = "~> 1.24"\n    }\n';
    const { content, placement } = await migrate([["main.tf", terraform(list) + KEY]]);
    expect(content("main.tf")).toContain('    # the provider we use\n    grafana = {\n      source  = "grafana/grafana" # registry\n      version = "~> 1.26"\n    }\n');
    expect(placement).toMatchObject({ file: "main.tf", line: 10, previous: "~> 1.24", constraint: "~> 1.26", changed: true });
  });

  test("GIVEN the object form without a version WHEN migrated THEN a version line is added, aligned as terraform fmt aligns it", async () => {
    const { content, placement } = await migrate([["main.tf", terraform('    grafana = {\n      source = "grafana/grafana"\n    }\n') + KEY]]);
    expect(content("main.tf")).toContain('    grafana = {\n      source  = "grafana/grafana"\n      version = ">= 1.26.0, < 3.0.0"\n    }\n');
    expect(placement).toMatchObject({ file: "main.tf", line: 9, constraint: ">= 1.26.0, < 3.0.0", changed: true });
    expect(placement?.previous).toBeUndefined();
  });

  test("GIVEN a one-line object without a version WHEN migrated THEN the version is added on that line", async () => {
    const { content } = await migrate([["main.tf", terraform('    grafana = { source = "grafana/grafana" }\n') + KEY]]);
    expect(content("main.tf")).toContain('    grafana = { source = "grafana/grafana", version = ">= 1.26.0, < 3.0.0" }\n');
  });

  test("GIVEN a required_providers list without grafana WHEN migrated THEN a grafana entry is added to it", async () => {
    const { content, placement, plan } = await migrate([["main.tf", terraform('    aws = {\n      source = "hashicorp/aws"\n    }\n') + KEY]]);
    expect(content("main.tf")).toContain('    aws = {\n      source = "hashicorp/aws"\n    }\n    grafana = {\n      source  = "grafana/grafana"\n      version = ">= 1.26.0, < 3.0.0"\n    }\n  }\n');
    expect(placement).toMatchObject({ file: "main.tf", line: 12, changed: true, generated: false });
    expect(plan.providerVersion).toBeUndefined();
  });

  test("GIVEN a constraint that fits WHEN migrated THEN the file is left alone and the report says unchanged", async () => {
    const text = terraform('    grafana = {\n      source  = "grafana/grafana"\n      version = "~> 2.19"\n    }\n') + 'provider "grafana" {}\n';
    const { plan, placement } = await migrate([["versions.tf", text], ["keys.tf", KEY]]);
    expect(plan.files.find((f) => f.path === "versions.tf")?.changed).toBe(false);
    expect(placement).toEqual({ module: ".", file: "versions.tf", line: 9, generated: false, previous: "~> 2.19", constraint: "~> 2.19", changed: false, reason: "" });
  });

  test("GIVEN no required_providers anywhere WHEN migrated THEN the generated file's list carries the constraint", async () => {
    const { plan, placement } = await migrate([["main.tf", KEY]]);
    expect(plan.providerVersion).toBe(">= 1.26.0, < 3.0.0");
    expect(placement).toMatchObject({ module: ".", generated: true, constraint: ">= 1.26.0, < 3.0.0", changed: true, reason: expect.stringContaining("no version constraint") });
    expect(placement?.file).toBeUndefined();
  });

  test("GIVEN Terraform JSON in the string and object forms WHEN migrated THEN the JSON is rewritten with the narrowed constraint and its line", async () => {
    const doc = (grafana: unknown) => JSON.stringify({ terraform: [{ required_providers: [{ grafana }] }], resource: { grafana_api_key: { ci: { name: "ci", role: "Editor" } } } }, null, 2);
    const str = await migrate([["main.tf.json", doc("1.24.0")]]);
    expect(JSON.parse(str.content("main.tf.json") as string).terraform[0].required_providers[0].grafana).toBe(">= 1.26.0, < 2.0.0");
    expect(str.placement).toMatchObject({ file: "main.tf.json", line: 6, previous: "1.24.0", changed: true });
    const obj = await migrate([["main.tf.json", doc({ source: "grafana/grafana" })]]);
    expect(JSON.parse(obj.content("main.tf.json") as string).terraform[0].required_providers[0].grafana).toEqual({ source: "grafana/grafana", version: ">= 1.26.0, < 3.0.0" });
    expect(obj.placement).toMatchObject({ line: 8, changed: true });
  });

  test("GIVEN inputs from two module directories WHEN migrated THEN each module's own list is narrowed for its own keys", async () => {
    const cloud = 'resource "grafana_cloud_stack_api_key" "s" {\n  stack_slug = "mystack"\n  name = "s"\n  role = "Viewer"\n}\n';
    const { plan, content } = await migrate([
      ["a/main.tf", terraform('    grafana = "~> 2.0"\n') + KEY],
      ["b/main.tf", terraform('    grafana = ">= 1.0"\n') + cloud],
    ]);
    expect(plan.providerConstraints?.map((p) => [p.module, p.file, p.constraint])).toEqual([
      ["a", "a/main.tf", "~> 2.0"],
      ["b", "b/main.tf", ">= 1.37.0, < 3.0.0"],
    ]);
    expect(content("b/main.tf")).toContain('grafana = ">= 1.37.0, < 3.0.0"');
  });
});
