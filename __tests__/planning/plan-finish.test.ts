import { FinishFile, planFinish } from "../../src/planning/plan-finish";

const GENERATED = `resource "grafana_service_account" "foo" {
  name = "sa-key_foo"
}

import {
  to = grafana_service_account.foo
  id = "7"
}

# the user's own import: not the migration's
import {
  to = grafana_folder.f
  id = "1"
}

removed {
  from = grafana_api_key.foo # forgotten in phase 1

  lifecycle {
    destroy = false
  }
}

removed {
  from = grafana_dashboard.old
}
`;
const VERSIONS = `terraform {
  required_providers {
    # pinned for phase 1
    grafana = {
      source  = "grafana/grafana"
      version = "~> 2.19" # keys leave the state first
    }
  }
}
`;
const REPORT = { keys: [{ legacy: "grafana_api_key.foo" }], accounts: [{ address: "grafana_service_account.foo", adopt: { id: "7" } }] };
const hcl = (path: string, text: string, generated = false): FinishFile => ({ path, format: "hcl", text, generated });

test("GIVEN phase 1's generated file WHEN finished THEN only the migration's removed and import blocks go, and the constraint is raised in the user's file with its comments", () => {
  const plan = planFinish([hcl("grafana-service-accounts.tf", GENERATED, true), hcl("versions.tf", VERSIONS)], REPORT);
  expect(plan.removedBlocks.map((b) => `${b.kind} ${b.address}`)).toEqual(["import grafana_service_account.foo", "removed grafana_api_key.foo"]);
  const generated = plan.files.find((f) => f.path === "grafana-service-accounts.tf")?.content;
  expect(generated).toContain("to = grafana_folder.f");
  expect(generated).toContain("from = grafana_dashboard.old");
  expect(generated).not.toMatch(/grafana_api_key|to = grafana_service_account/);
  expect(plan.files.find((f) => f.path === "versions.tf")?.content).toBe(VERSIONS.replace('"~> 2.19"', '"~> 4.0"'));
  expect(plan.constraint).toEqual({ file: "versions.tf", line: 6, previous: "~> 2.19", constraint: "~> 4.0", changed: true });
  expect(plan.legacyKeys).toEqual([]);
});

test("GIVEN the same removed blocks in a file the migration did not generate WHEN finished THEN they stay", () => {
  expect(planFinish([hcl("main.tf", GENERATED)], REPORT).removedBlocks).toEqual([]);
});

test("GIVEN a finished module WHEN finished again THEN nothing changes", () => {
  const once = planFinish([hcl("grafana-service-accounts.tf", GENERATED, true), hcl("versions.tf", VERSIONS)], REPORT);
  const again = planFinish(once.files.map((f) => hcl(f.path, f.content, f.path.startsWith("grafana-"))), REPORT);
  expect(again.files).toEqual([]);
  expect(again.constraint?.changed).toBe(false);
});

test("GIVEN a legacy key still declared WHEN finished THEN it is listed with its file and line", () => {
  expect(planFinish([hcl("keys.tf", `\nresource "grafana_api_key" "x" {\n  name = "x"\n}\n`)], REPORT).legacyKeys).toEqual([{ address: "grafana_api_key.x", file: "keys.tf", line: 2 }]);
  const json: FinishFile = { path: "k.tf.json", format: "json", generated: false, text: JSON.stringify({ resource: { grafana_cloud_stack_api_key: { s: { name: "s" } } } }) };
  expect(planFinish([json], REPORT).legacyKeys).toEqual([{ address: "grafana_cloud_stack_api_key.s", file: "k.tf.json" }]);
});

test("GIVEN a generated .tf.json WHEN finished THEN its removed and import entries go and the grafana entry gets --provider-version", () => {
  const doc = { terraform: { required_providers: { grafana: { source: "grafana/grafana", version: "2.19.0" } } }, import: [{ to: "grafana_service_account.foo", id: "7" }], removed: [{ from: "grafana_api_key.foo", lifecycle: { destroy: false } }, { from: "x.y" }] };
  const plan = planFinish([{ path: "grafana-service-accounts.tf.json", format: "json", generated: true, text: JSON.stringify(doc, null, 2) }], REPORT, { providerVersion: ">= 4.2, < 5" });
  expect(JSON.parse(plan.files[0].content)).toEqual({ terraform: { required_providers: { grafana: { source: "grafana/grafana", version: ">= 4.2, < 5" } } }, removed: [{ from: "x.y" }] });
});

describe("provider arguments 3.0 removed", () => {
  const PROVIDERS = `provider "grafana" {
  alias         = "cloud"
  cloud_api_key = var.cloud_key # from the vault
}

provider "other" {
  cloud_api_key = "stays"
}
`;

  test("GIVEN a grafana provider with cloud_api_key WHEN finished THEN it becomes cloud_access_policy_token with its value and comment; other providers stay", () => {
    const plan = planFinish([hcl("providers.tf", PROVIDERS), hcl("versions.tf", VERSIONS)], REPORT);
    expect(plan.files.find((f) => f.path === "providers.tf")?.content).toBe(PROVIDERS.replace("cloud_api_key = var", "cloud_access_policy_token = var"));
    expect(plan.renamedArguments).toEqual([{ file: "providers.tf", line: 3, from: "cloud_api_key", to: "cloud_access_policy_token" }]);
  });

  test("GIVEN the same in Terraform JSON WHEN finished THEN the key is renamed", () => {
    const json = JSON.stringify({ provider: { grafana: [{ alias: "cloud", cloud_api_key: "${var.k}" }] } }, null, 2);
    const plan = planFinish([{ path: "main.tf.json", format: "json", text: json, generated: false }, hcl("versions.tf", VERSIONS)], REPORT);
    expect(JSON.parse(plan.files.find((f) => f.path === "main.tf.json")!.content).provider.grafana).toEqual([{ alias: "cloud", cloud_access_policy_token: "${var.k}" }]);
  });

  test("GIVEN a grafana provider that sets both names WHEN finished THEN it is left as written and reported, never with the argument twice", () => {
    const both = `provider "grafana" {\n  cloud_api_key             = "a"\n  cloud_access_policy_token = "b"\n}\n`;
    const plan = planFinish([hcl("providers.tf", both), hcl("versions.tf", VERSIONS)], REPORT);
    expect(plan.files.find((f) => f.path === "providers.tf")).toBeUndefined();
    expect(plan.renamedArguments).toEqual([]);
    expect(plan.bothArguments).toEqual([{ file: "providers.tf", line: 1, from: "cloud_api_key", to: "cloud_access_policy_token" }]);
    const json = JSON.stringify({ provider: { grafana: { cloud_api_key: "a", cloud_access_policy_token: "b" } } });
    const fromJson = planFinish([{ path: "p.tf.json", format: "json", text: json, generated: false }, hcl("versions.tf", VERSIONS)], REPORT);
    expect(fromJson.files.find((f) => f.path === "p.tf.json")).toBeUndefined();
    expect(fromJson.bothArguments).toHaveLength(1);
  });
});
