import { readdirSync } from "fs";
import { join } from "path";
import { providerSchemaErrors } from "../support/provider-schema";
import { cleanup, ensureBuilt, grafanaSa, read, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });
/** The generated file leaves required_providers to the input that already lists it. */
const schemaErrors = (json: unknown) => providerSchemaErrors(json).filter((e) => !e.startsWith("terraform.required_providers"));

describe("output forms and strategies", () => {
  test("--format json turns an HCL input's generated file into JSON", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out", "--format", "json").code).toBe(0);
    expect(readdirSync(join(ws, "out")).sort()).toEqual(["MIGRATION-REPORT.md", "grafana-service-accounts.tf.json", "main.tf", "migration-report.json"]);
    expect(schemaErrors(JSON.parse(read(ws, "out", "grafana-service-accounts.tf.json")))).toEqual([]);
  });

  test("--format both writes two complete modules, DIR/hcl and DIR/json", () => {
    ws = workspace("seed");
    const r = run("migrate", "seed", "--out", "out", "--format", "both");

    expect(r.code).toBe(0);
    expect(Object.keys(tree(join(ws, "out"))).sort()).toEqual(["MIGRATION-REPORT.md", "hcl/grafana-service-accounts.tf", "hcl/main.tf", "json/grafana-service-accounts.tf.json", "json/main.tf", "migration-report.json"]);
    expect(read(ws, "out", "hcl", "main.tf")).toBe(read(ws, "out", "json", "main.tf"));
    expect(r.stdout).toMatch(/run its steps in out\/hcl and out\/json, from phase 1 \(`terraform init -upgrade`\)/);
  });

  test("--strategy per-role shares one account per role", () => {
    ws = workspace("multi");
    expect(run("migrate", "multi", "--out", "out", "--strategy", "per-role").code).toBe(0);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    expect(generated.match(/resource "grafana_service_account" /g)).toHaveLength(1);
    expect(generated).toMatch(/resource "grafana_service_account" "viewer" \{\n\s+name = "sa-viewer"/);
    expect(generated.match(/service_account_id = grafana_service_account\.viewer\.id/g)).toHaveLength(2);
  });

  test("--account-name and --token-name templates name what is created", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out", "--account-name", "ci-{role}-{name}", "--token-name", "{name}-sa").code).toBe(0);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    expect(generated).toMatch(/name = "ci-viewer-key_foo"/);
    expect(generated).toMatch(/name\s+= "key_foo-sa"/);
  });

  test("--revoke-legacy makes the removed blocks destroy the keys", () => {
    ws = workspace("seed");
    expect(run("migrate", "seed", "--out", "out", "--revoke-legacy").code).toBe(0);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    expect(generated.match(/destroy = true/g)).toHaveLength(2);
    expect(generated).not.toMatch(/destroy = false/);
    const md = read(ws, "out", "MIGRATION-REPORT.md");
    expect(md).toMatch(/Legacy key: revoked \(destroyed by Terraform\)/);
    // Terraform destroys removed resources before it creates new ones: tokens first, by target.
    expect(md).toContain("terraform apply -target=grafana_service_account_token.foo -target=grafana_service_account_token.bar");
    expect(md).toMatch(/### Phase 2[\s\S]*`grafana-sa finish \. --in-place`/);
  });

  test("GIVEN --adopt-ids with bare IDs, an address and the object form WHEN migrate THEN literal import blocks with the key's org, and adopted accounts keep prevent_destroy", () => {
    ws = workspace("seed");
    write(join(ws, "ids.json"), JSON.stringify({ key_foo: "7", "grafana_api_key.bar": { account: "1:8", token: 3 } }));
    expect(run("migrate", "seed", "--out", "out", "--adopt-ids", "ids.json").code).toBe(0);
    const generated = read(ws, "out", "grafana-service-accounts.tf");
    expect(generated).toMatch(/resource "grafana_service_account" "foo" \{\n\s+name = "sa-autogen-key_foo"\n\s+role = "Viewer"\n\n\s+lifecycle \{\n\s+prevent_destroy = true\n\s+\}\n\}/);
    expect(generated).toMatch(/import \{\n\s+to = grafana_service_account\.foo\n\s+id = "1:7"/);
    expect(generated).toMatch(/import \{\n\s+to = grafana_service_account\.bar\n\s+id = "1:8"/);
    expect(generated).not.toMatch(/data "grafana_service_account"/);
    const report = JSON.parse(read(ws, "out", "migration-report.json"));
    expect(report.keys[0].warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^GRAFANA-ADOPT-PREVENT-DESTROY: .*deleting it deletes the old key's secret/)]));
  });

  test("GIVEN --adopt-ids WHEN migrate --format json THEN the adopted account's JSON block has prevent_destroy too", () => {
    ws = workspace("seed");
    write(join(ws, "ids.json"), JSON.stringify({ key_foo: "7", key_bar: "8" }));
    expect(run("migrate", "seed", "--out", "out", "--adopt-ids", "ids.json", "--format", "json").code).toBe(0);
    const doc = JSON.parse(read(ws, "out", "grafana-service-accounts.tf.json"));
    expect(doc.resource.grafana_service_account.foo.lifecycle).toEqual({ prevent_destroy: true });
    expect(doc.resource.grafana_service_account_token.foo.lifecycle).toBeUndefined();
  });

  test("GIVEN --adopt without IDs WHEN migrate THEN it refuses the paged data source lookup, naming the keys and the fix, and writes nothing", () => {
    ws = workspace("seed");
    const r = run("migrate", "seed", "--out", "out", "--adopt");
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: --adopt needs the service account ID of grafana_api_key\.foo \(sa-autogen-key_foo\), grafana_api_key\.bar \(sa-autogen-key_bar\): the grafana provider constraint ">= 1\.26\.0, < 3\.0\.0" admits releases before 4\.22\.0.*--adopt-ids FILE.*grafana-sa inspect --url URL --adopt-ids-out FILE/m);
    expect(readdirSync(ws)).not.toContain("out");
  });

  test("GIVEN --adopt-ids naming one key only WHEN migrate THEN the error names the other key", () => {
    ws = workspace("seed");
    write(join(ws, "ids.json"), JSON.stringify({ key_foo: "7" }));
    const r = run("migrate", "seed", "--out", "out", "--adopt-ids", "ids.json");
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--adopt needs the service account ID of grafana_api_key\.bar \(sa-autogen-key_bar\):/);
    expect(r.stderr).not.toMatch(/ID of grafana_api_key\.foo/);
  });

  test("GIVEN bad --adopt-ids entries WHEN migrate THEN one error per entry, naming it, exit 4", () => {
    ws = workspace("seed");
    write(join(ws, "ids.json"), JSON.stringify({ nope: "7", key_foo: "seven", "grafana_api_key.bar": "2:9", key_x: { account: "1:5", token: "t" } }));
    const r = run("migrate", "seed", "--out", "out", "--adopt-ids", "ids.json");
    expect(r.code).toBe(4);
    const errors = r.stderr.split("\n").filter((l) => l.startsWith("error: ids.json: entry "));
    expect(errors).toEqual([
      expect.stringMatching(/^error: ids\.json: entry "nope" names no legacy key in the inputs\./),
      expect.stringMatching(/^error: ids\.json: entry "key_foo" has the service account ID "seven", which is not a number/),
      expect.stringMatching(/^error: ids\.json: entry "key_x" names no legacy key/),
      expect.stringMatching(/^error: ids\.json: entry "grafana_api_key\.bar" says org "2", but grafana_api_key\.bar is a key of org 1/),
    ]);
  });

  test("GIVEN an --adopt-ids entry of the wrong shape WHEN migrate THEN exit 4 naming the entry", () => {
    ws = workspace("seed");
    write(join(ws, "ids.json"), JSON.stringify({ key_foo: { id: 7 } }));
    const r = run("migrate", "seed", "--out", "out", "--adopt-ids", "ids.json");
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/ids\.json: entry "key_foo" is neither an ID nor \{ "account": \.\.\., "token": \.\.\. \}/);
  });

  test("an organization-level grafana_cloud_api_key is reported as ignored and kept", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "cloud.tf"), 'resource "grafana_cloud_api_key" "org" {\n  cloud_org_slug = "myorg"\n  name           = "org-key"\n  role           = "Admin"\n}\n');
    const r = run("migrate", "seed", "--out", "out");
    expect(r.code).toBe(0);
    expect(read(ws, "out", "cloud.tf")).toMatch(/resource "grafana_cloud_api_key" "org"/);
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toMatch(/## Ignored keys \(1\)\n\n- `grafana_cloud_api_key.org` \(seed\/cloud.tf:1\): grafana_cloud_api_key is an organization-level Grafana Cloud key/);
    expect(JSON.parse(read(ws, "out", "migration-report.json")).ignored).toEqual([expect.objectContaining({ address: "grafana_cloud_api_key.org" })]);
    expect(r.stderr).toMatch(/^warning: grafana_cloud_api_key.org: /m);
  });

  test("--force replaces the contents of a non-empty DIR", () => {
    ws = workspace("seed");
    write(join(ws, "out", "stale.tf"), "# from an earlier run\n");
    expect(run("migrate", "seed", "--out", "out", "--force").code).toBe(0);
    expect(readdirSync(join(ws, "out"))).not.toContain("stale.tf");
    expect(readdirSync(join(ws, "out"))).toContain("grafana-service-accounts.tf");
  });
});
