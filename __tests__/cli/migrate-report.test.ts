/** What the report, the dry-run plan and the summary say must be what Terraform will do. */
import { readdirSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, grafanaSa, read, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

/** The seed, with bar made a for_each key of two instances (or of `forEach`). */
function seedWithForEach(forEach = 'toset(["a", "b"])'): void {
  const main = read(ws, "seed", "main.tf").replace('resource "grafana_api_key" "bar" {\n', `resource "grafana_api_key" "bar" {\n  for_each        = ${forEach}\n`).replace('"key_bar"', '"key_bar-${each.key}"');
  write(join(ws, "seed", "main.tf"), main);
}

describe("counts per count/for_each instance", () => {
  test("GIVEN the seed with a two-instance for_each key WHEN migrated THEN the report expects 6 to add, and the summary and JSON count instances", () => {
    ws = workspace("seed");
    seedWithForEach();
    const r = run("migrate", "seed", "--out", "out");
    expect(r.code).toBe(0);
    const md = read(ws, "out", "MIGRATION-REPORT.md");
    expect(md).toContain("and creates 6 account(s) and token(s).");
    expect(md).toContain("## Legacy keys (2; instances: 3)");
    expect(md).toContain("- Instances (for_each): 2; each instance gets its own token");
    const json = JSON.parse(read(ws, "out", "migration-report.json"));
    expect(json.keys.map((k: { instances: number; instancedBy: string }) => [k.instances, k.instancedBy])).toEqual([
      [1, null],
      [2, "for_each"],
    ]);
    expect(json.instanceCounts).toMatchObject({ keys: { known: 3, unknown: [] }, toAdd: { known: 6, unknown: [] }, toForget: { known: 3, unknown: [] } });
    expect(r.stdout).toContain("With count/for_each, Terraform counts instances: legacy keys 3; to add 6; to destroy 0.");
  });

  test("GIVEN --revoke-legacy WHEN migrated THEN the report says it revokes 3 keys", () => {
    ws = workspace("seed");
    seedWithForEach("{ a = 1, b = 2 }");
    expect(run("migrate", "seed", "--out", "out", "--revoke-legacy").code).toBe(0);
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toContain("it destroys (revokes) 3 legacy key(s)");
  });

  test("GIVEN --dry-run WHEN planned THEN the plan counts blocks and instances", () => {
    ws = workspace("seed");
    seedWithForEach();
    const r = run("migrate", "seed", "--dry-run");
    expect(r.stdout).toMatch(/^Migration plan: 2 legacy key\(s\), strategy per-key\.\nWith count\/for_each, Terraform counts instances: legacy keys 3; to add 6; to import 0; to destroy 0; to forget 3\.\n/);
    expect(r.stdout).toContain("Tokens (2 block(s); instances: 3):");
    expect(r.stdout).toContain("(replaces grafana_api_key.bar)  [count/for_each: 2 instance(s)]");
  });

  test("GIVEN a for_each over a variable WHEN migrated THEN the report says at least, naming what is unknown", () => {
    ws = workspace("seed");
    seedWithForEach("var.teams");
    write(join(ws, "seed", "variables.tf"), 'variable "teams" {\n  type = set(string)\n}\n');
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toContain(
      "creates at least 2 (plus the instances of grafana_service_account.bar, grafana_service_account_token.bar, whose count or for_each only Terraform knows) account(s) and token(s)",
    );
    expect(JSON.parse(read(ws, "out", "migration-report.json")).keys[1]).toMatchObject({ instances: null, instancedBy: "for_each" });
  });

  test("GIVEN no count or for_each WHEN migrated THEN the numbers read as before", () => {
    ws = workspace("seed");
    const r = run("migrate", "seed", "--out", "out");
    expect(r.stdout).toMatch(/^Migrated 2 legacy key\(s\) to 2 service account\(s\) and 2 token\(s\)\.\nWrote /);
    expect(read(ws, "out", "MIGRATION-REPORT.md")).toContain("## Legacy keys (2)\n");
    expect(readdirSync(join(ws, "out"))).toContain("MIGRATION-REPORT.md");
  });
});

describe("each warning once", () => {
  test("GIVEN per-key warnings and a global one WHEN reported THEN each appears once: with its key, or under Diagnostics, in both reports", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "outputs.tf"), 'output "bar_id" {\n  value = grafana_api_key.bar.id\n}\n');
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    const md = read(ws, "out", "MIGRATION-REPORT.md");
    expect(md.match(/is an Admin key/g)).toHaveLength(1);
    expect(md.match(/never expires/g)).toHaveLength(1);
    expect(md).toMatch(/### grafana_api_key.bar\n[^#]*- Warning: GRAFANA-ADMIN-KEY: /);
    expect(md).toMatch(/## Diagnostics \(1\)\n\nWarnings about one key are listed with that key above.\n\n- warning GRAFANA-REFERENCE: seed\/outputs.tf: grafana_api_key.bar.id now reads the token's id/);
    const json = JSON.parse(read(ws, "out", "migration-report.json"));
    expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual(["GRAFANA-REFERENCE"]);
    expect(json.keys[1].warnings).toEqual([expect.stringMatching(/^GRAFANA-ADMIN-KEY: /)]);
  });

  test("GIVEN an ignored Cloud organization key WHEN reported THEN its reason appears once, under Ignored keys", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "cloud.tf"), 'resource "grafana_cloud_api_key" "org" {\n  cloud_org_slug = "myorg"\n  name           = "org-key"\n  role           = "Admin"\n}\n');
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(read(ws, "out", "MIGRATION-REPORT.md").match(/grafana_cloud_api_key is an organization-level/g)).toHaveLength(1);
    expect(JSON.parse(read(ws, "out", "migration-report.json")).diagnostics).toEqual([]);
  });
});

describe("only organization-level Cloud keys", () => {
  const cloudKey = 'resource "grafana_cloud_api_key" "org" {\n  cloud_org_slug = "myorg"\n  name           = "org-key"\n  role           = "Admin"\n}\n';

  test("GIVEN only a grafana_cloud_api_key WHEN migrated to --out THEN the reports are written, saying what replaces it and how", () => {
    ws = workspace();
    write(join(ws, "cloud", "main.tf"), cloudKey);
    const r = run("migrate", "cloud", "--out", "out");
    expect(r.code).toBe(0);
    expect(readdirSync(join(ws, "out")).sort()).toEqual(["MIGRATION-REPORT.md", "migration-report.json"]);
    expect(r.stdout).toContain("1 grafana_cloud_api_key(s) (organization-level Cloud keys) must be replaced by hand.");
    expect(r.stdout).toContain("Wrote out/MIGRATION-REPORT.md, out/migration-report.json; out/MIGRATION-REPORT.md says what to do for each.");
    const md = read(ws, "out", "MIGRATION-REPORT.md");
    expect(md).toMatch(/## Ignored keys \(1\)\n\n- `grafana_cloud_api_key.org` \(cloud\/main.tf:1\): .*grafana_cloud_access_policy with realm \{ type = "org" \} for the organization myorg.*had role Admin.*grafana_cloud_access_policy_token.*grafana_cloud_api_key\.org\.key/);
    expect(md).toMatch(/## Next steps\n\n1\. Nothing was rewritten or generated/);
    const json = JSON.parse(read(ws, "out", "migration-report.json"));
    expect(json.keys).toEqual([]);
    expect(json.ignored).toEqual([expect.objectContaining({ address: "grafana_cloud_api_key.org", reason: expect.stringContaining("grafana_cloud_access_policy_token") })]);
    expect(json.nextSteps[1]).toMatch(/grafana_cloud_access_policy and a grafana_cloud_access_policy_token/);
  });

  test("GIVEN only a grafana_cloud_api_key WHEN migrated in place THEN the reports go beside the input, which stays as it is", () => {
    ws = workspace();
    write(join(ws, "cloud", "main.tf"), cloudKey);
    expect(run("migrate", "cloud", "--in-place").code).toBe(0);
    expect(readdirSync(join(ws, "cloud")).sort()).toEqual(["MIGRATION-REPORT.md", "main.tf", "migration-report.json"]);
    expect(read(ws, "cloud", "main.tf")).toBe(cloudKey);
  });

  test("GIVEN only a grafana_cloud_api_key WHEN --dry-run THEN the plan lists it and the reports it would write", () => {
    ws = workspace();
    write(join(ws, "cloud", "main.tf"), cloudKey);
    const r = run("migrate", "cloud", "--dry-run", "--out", "out");
    expect(r.stdout).toMatch(/Ignored \(1\):\n  grafana_cloud_api_key.org \(cloud\/main.tf:1\): /);
    expect(r.stdout).toMatch(/Would write \(2\):\n  out\/MIGRATION-REPORT.md\n  out\/migration-report.json/);
  });

  test("GIVEN a grafana_cloud_api_key beside keys WHEN migrated THEN the next steps say to replace it by hand", () => {
    ws = workspace("seed");
    write(join(ws, "seed", "cloud.tf"), cloudKey);
    expect(run("migrate", "seed", "--out", "out").code).toBe(0);
    expect(JSON.parse(read(ws, "out", "migration-report.json")).nextSteps.at(-1)).toMatch(/^Replace each grafana_cloud_api_key listed under Ignored keys by hand/);
  });
});

test("GIVEN no IDs from inspect WHEN migrate THEN each key's report says what happens if Grafana converted it, with the DELETE's placeholders and the inspect command that finds them", () => {
  ws = workspace("seed");
  expect(run("migrate", "seed", "--out", "out").code).toBe(0);
  const md = read(ws, "out", "MIGRATION-REPORT.md");
  expect(md).toContain(
    "- If Grafana has already converted the key (Grafana Cloud stacks, self-hosted Grafana 12 and later at start-up): the next refresh drops it from the state, so its removed block has nothing to forget and --revoke-legacy revokes nothing; the old secret lives on as the token `key_foo` of the service account `sa-autogen-key_foo`. Once nothing uses it, revoke that token with `DELETE /api/serviceaccounts/{serviceAccountId}/tokens/{tokenId}` (`grafana-sa inspect --url <grafana-url> --adopt-ids-out adopt-ids.json` lists both IDs, with GRAFANA_AUTH set).",
  );
  const keys = JSON.parse(read(ws, "out", "migration-report.json")).keys;
  expect(keys.map((k: { ifConverted: unknown }) => k.ifConverted)).toEqual(
    ["key_foo", "key_bar"].map((name) => ({ account: `sa-autogen-${name}`, token: name, revoke: "DELETE /api/serviceaccounts/{serviceAccountId}/tokens/{tokenId}", findIds: "grafana-sa inspect --url <grafana-url> --adopt-ids-out adopt-ids.json" })),
  );
});

describe("the closing summary", () => {
  test("GIVEN 25 input files WHEN migrated THEN the summary names 20 written files and counts the rest; the JSON report lists all", () => {
    ws = workspace();
    for (let i = 0; i < 25; i++) write(join(ws, "in", `k${String(i).padStart(2, "0")}.tf`), `locals {\n  n${i} = grafana_api_key.k${i}.name\n}\n\nresource "grafana_api_key" "k${i}" {\n  name = "k${i}"\n  role = "Viewer"\n}\n`);
    const r = run("migrate", "in", "--out", "out");
    expect(r.code).toBe(0);
    const wrote = r.stdout.split("\n").find((l) => l.startsWith("Wrote "))!;
    expect(wrote.split(", ")).toHaveLength(20);
    expect(wrote).toMatch(/ and 8 more file\(s\) \(migration-report\.json lists them all\)\.$/);
    expect(JSON.parse(read(ws, "out", "migration-report.json")).files).toHaveLength(28);
  });
});
