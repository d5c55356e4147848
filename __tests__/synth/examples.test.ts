/**
 * The example stacks, synthesized as `npm run synth` does, in both forms: snapshots,
 * machine independence, no secrets, and HCL that means what the JSON means.
 */
import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";
import { TerraformStack } from "cdktf";
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { homedir, tmpdir } from "os";
import { isAbsolute, resolve } from "path";
import { buildApp, EXAMPLE_STACKS } from "../../main";
import { ServiceAccount } from "../../src";
import { GrafanaProvider } from "../../src/gen/providers/grafana/provider";
import { annotationLines, SynthesizedStack, synthesizeBoth } from "../../src/synth/synthesize";
import { normalizeJson, normalizeParsedHcl, secretFindings } from "../support/terraform-json";

const NAMES = Object.keys(EXAMPLE_STACKS);
let stacks: Map<string, SynthesizedStack>;

beforeAll(async () => {
  const synthesized = await synthesizeBoth((app) => buildApp({ outdir: app.outdir }, app));
  stacks = new Map(synthesized.map((s) => [s.name, s]));
});

const stack = (name: string): SynthesizedStack => stacks.get(name)!;

test("GIVEN main.ts WHEN the example app is synthesized THEN every example stack comes out", () => {
  expect([...stacks.keys()].sort()).toEqual([...NAMES].sort());
});

describe.each(NAMES)("example stack %s", (name) => {
  test("GIVEN its JSON WHEN compared with the snapshot THEN it is unchanged", () => {
    expect(stack(name).json).toMatchSnapshot();
  });

  test("GIVEN its HCL WHEN compared with the snapshot THEN it is unchanged", () => {
    expect(stack(name).hcl).toMatchSnapshot();
  });

  test("GIVEN its JSON WHEN required_providers is read THEN grafana is pinned to cdktf.json's constraint, as cdktf get would", () => {
    const { terraformProviders } = JSON.parse(readFileSync(resolve(__dirname, "../../cdktf.json"), "utf8")) as { terraformProviders: string[] };
    const constraint = terraformProviders.find((p) => p.startsWith("grafana/grafana@"))!.split("@")[1];
    expect(JSON.parse(stack(name).json).terraform.required_providers.grafana).toEqual({ source: "grafana/grafana", version: constraint });
    expect(stack(name).hcl).toContain(`version = "${constraint}"`);
  });

  test("GIVEN both forms WHEN searched for this machine's paths THEN there are none: the backend path is relative", () => {
    const json = JSON.parse(stack(name).json);
    const backendPath: string = json.terraform.backend.local.path;
    expect(isAbsolute(backendPath)).toBe(false);
    expect(backendPath).toBe(`terraform.${name}.tfstate`);
    for (const text of [stack(name).json, stack(name).hcl]) {
      for (const local of [resolve(__dirname, "../.."), process.cwd(), tmpdir(), homedir()]) expect(text).not.toContain(local);
      expect(text).not.toMatch(/"\/(home|tmp|root|Users|var|work)\//);
      expect(text).not.toMatch(/[A-Za-z]:\\\\/);
    }
  });

  test("GIVEN its JSON WHEN searched for secrets THEN the only literal credential is the docs' admin:admin", () => {
    expect(secretFindings(JSON.parse(stack(name).json))).toEqual([]);
    for (const text of [stack(name).json, stack(name).hcl]) {
      expect(text).not.toMatch(/glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}/);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9+/=]{10,}/);
    }
  });

  test("GIVEN its HCL WHEN parsed back with hcl2json THEN it means the same as the JSON", async () => {
    const fromHcl = await parse(`${name}.tf`, stack(name).hcl);
    expect(normalizeParsedHcl(fromHcl)).toEqual(normalizeJson(JSON.parse(stack(name).json)));
  });

  test("GIVEN its HCL WHEN read THEN references are bare and it is already terraform-fmt formatted", async () => {
    const hcl = stack(name).hcl;
    expect(hcl).not.toContain('"${');
    expect(hcl).not.toMatch(/^\s*provider\s*=\s*"/m);
    expect(await format(hcl)).toBe(hcl);
  });
});

test("GIVEN the Cloud stacks WHEN their HCL is read THEN the provider alias is a bare reference", () => {
  for (const name of ["cloud-legacy", "cloud-service-accounts"]) {
    const lines = stack(name).hcl.split("\n").filter((l) => /^\s*provider\s*=/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.trim()).toMatch(/^provider\s*=\s*grafana\.cloud$/);
  }
});

test("GIVEN a stack with depends_on WHEN synthesized both ways THEN the HCL entries are bare AND mean the JSON's", async () => {
  const [synthesized] = await synthesizeBoth((app) => {
    const s = new TerraformStack(app, "deps");
    new GrafanaProvider(s, "grafana", { url: "http://localhost:3000" });
    const first = new ServiceAccount(s, "first", { name: "first", role: "Viewer" });
    new ServiceAccount(s, "second", { name: "second", role: "Viewer", dependsOn: [first.resource] });
  });
  expect(synthesized.hcl).toMatch(/depends_on\s*=\s*\[\s*grafana_service_account\.first,?\s*\]/);
  expect(synthesized.hcl).not.toContain('"grafana_service_account.first"');
  expect(normalizeParsedHcl(await parse("deps.tf", synthesized.hcl))).toEqual(normalizeJson(JSON.parse(synthesized.json)));
});

describe("the secret scan itself", () => {
  test.each([
    ["a literal provider auth", { provider: { grafana: [{ auth: "glsa_notreal" }] } }, "provider.grafana[0].auth"],
    ["a literal Cloud API key", { provider: { grafana: [{ cloud_api_key: "literal" }] } }, "cloud_api_key"],
    ["a literal header value", { provider: { grafana: [{ http_headers: { Authorization: "Bearer x" } }] } }, "http_headers.Authorization"],
    ["a sensitive variable with a default", { variable: { secret: { type: "string", sensitive: true, default: "x" } } }, "variable.secret"],
    ["a key output that is not sensitive", { output: { k: { value: "${grafana_api_key.k.key}" } } }, "output.k"],
  ])("GIVEN %s WHEN scanned THEN it is reported", (_what, config, where) => {
    expect(secretFindings(config).join("\n")).toContain(where);
  });

  test("GIVEN references and the docs' admin:admin WHEN scanned THEN nothing is reported", () => {
    const config = {
      provider: { grafana: [{ auth: "admin:admin" }, { alias: "cloud", cloud_api_key: "${var.cloud_api_key}" }] },
      variable: { cloud_api_key: { type: "string", sensitive: true, description: "key" } },
      output: { k: { value: "${grafana_api_key.k.key}", sensitive: true } },
    };
    expect(secretFindings(config)).toEqual([]);
  });
});

describe("npm run synth", () => {
  test("GIVEN the example stacks WHEN their annotations are listed THEN the construct warnings read as cdktf synth prints them", () => {
    const lines = annotationLines([...stacks.values()]);
    expect(lines).toContain(
      "WARN [legacy-keys/foo]: GRAFANA-TTL-NONE: API key legacy-keys/foo never expires. Set ttl (for example \"12h\" or \"30d\") so a leaked secret stops working.",
    );
    expect(lines.filter((l) => l.startsWith("WARN [") && l.includes("GRAFANA-DEPRECATED-API-KEY"))).toHaveLength(3);
  });

  test("GIVEN the script WHEN it runs THEN it prints those warnings on stderr, with cdktf's checkpoint calls off", () => {
    const root = resolve(__dirname, "../..");
    const env = { ...process.env, CHECKPOINT_DISABLE: undefined };
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", "process.on('exit', () => process.stderr.write(`CHECKPOINT_DISABLE=${process.env.CHECKPOINT_DISABLE}\\n`)); require('./scripts/synth-all.ts')"], { cwd: root, env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("WARN [legacy-keys/foo]: GRAFANA-TTL-NONE:");
    expect(run.stderr).toContain("WARN [cloud-legacy/management]: GRAFANA-DEPRECATED-API-KEY:");
    expect(run.stderr).toContain("CHECKPOINT_DISABLE=1");
    expect(run.stdout).toContain("wrote cdktf.out/hcl/legacy-keys/main.tf");
  });
});
