/**
 * The package in a CDK Terrain app (cdktn, cdktf's maintained fork): `npm pack`, installed into
 * a scratch app that has cdktn and constructs from the npm registry and no cdktf, run on Node
 * >= 22.19 (cdktn's engines), synthesized with the library's constructs and migrateLegacyKeys.
 *
 * It needs the registry (cdktn, and node@22 when the Node running jest is older). When either
 * cannot be had, the test says why and is skipped, except in CI (CI set), where it fails.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "../..");
const CDKTN = "0.24.0";
const CONSTRUCTS = "10.7.0";
const NPM = ["--no-audit", "--no-fund", "--loglevel=error"];

let workdir: string;
let appDir: string;
let node: string;
let unavailable: string | undefined;

const atLeast = (version: string, [major, minor]: [number, number]) => {
  const [a, b] = version.replace(/^v/, "").split(".").map(Number);
  return a > major || (a === major && b >= minor);
};

/** A Node >= 22.19: this one, or node@22 from the registry under .toolchain/node-22 (as scripts/test-node-lines.sh). */
function node22(): string {
  if (atLeast(process.version, [22, 19])) return process.execPath;
  const prefix = join(ROOT, ".toolchain", "node-22");
  const bin = join(prefix, "node_modules", "node", "bin", "node");
  const version = () => spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout ?? "";
  if (!existsSync(bin) || !atLeast(version(), [22, 19])) {
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync("npm", ["install", "--prefix", prefix, "--no-save", ...NPM, "node@22"], { encoding: "utf8" });
    if (r.status !== 0 || !atLeast(version(), [22, 19])) throw new Error(`node@22 from the npm registry: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  }
  return bin;
}

function run(command: string, args: string[], cwd: string): string {
  const path = `${resolve(node, "..")}:${process.env.PATH}`;
  const env = { ...process.env, PATH: path, NO_UPDATE_NOTIFIER: "1", CHECKPOINT_DISABLE: "1", npm_config_cache: join(workdir, "npm-cache") };
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });
}

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "grafana-sa-cdktn-"));
  try {
    node = node22();
  } catch (err) {
    unavailable = `no Node >= 22.19 for cdktn: ${(err as Error).message}`;
    return;
  }
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workdir, ...NPM], ROOT));
  appDir = join(workdir, "app");
  mkdirSync(appDir);
  writeFileSync(join(appDir, "package.json"), JSON.stringify({ name: "cdktn-app", version: "0.0.0", private: true }, null, 2));
  // The library's own dependencies from this repository (as consumer.test.ts); cdktn from the registry.
  const links = ["@cdktf/hcl-tools", "@cdktf/hcl2json"].map((n) => join(ROOT, "node_modules", n));
  try {
    run("npm", ["install", join(workdir, packed[0].filename), ...links, `cdktn@${CDKTN}`, `constructs@${CONSTRUCTS}`, ...NPM], appDir);
  } catch (err) {
    unavailable = `cdktn@${CDKTN} from the npm registry: ${String((err as { stderr?: string }).stderr ?? err).trim().split("\n").slice(-3).join(" ")}`;
  }
}, 300_000);

afterAll(() => {
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

/** Skipped with the reason outside CI; a failure in CI, which must prove cdktn support. */
function available(): boolean {
  if (unavailable === undefined) return true;
  if (process.env.CI) throw new Error(`the cdktn consumer test cannot run: ${unavailable}`);
  console.log(`cdktn consumer test skipped: ${unavailable}`);
  return false;
}

test("GIVEN a CDK Terrain app without cdktf WHEN it uses the constructs and migrateLegacyKeys and synthesizes THEN the stack holds the account, the token and the removed block", () => {
  if (!available()) return;
  expect(existsSync(join(appDir, "node_modules", "cdktf"))).toBe(false);
  writeFileSync(
    join(appDir, "app.js"),
    [
      'const { App, TerraformStack, TerraformOutput } = require("cdktn");',
      'const { ApiKey, ServiceAccount, CDK_MODULE, grafana, migrateLegacyKeys } = require("cdktf-grafana-service-accounts");',
      'const app = new App({ outdir: "cdktn.out" });',
      'const stack = new TerraformStack(app, "grafana");',
      'new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });',
      'new ServiceAccount(stack, "robot", { name: "robot", role: "Viewer" }).addToken("ci", { name: "ci", ttl: "12h" });',
      'const key = new ApiKey(stack, "legacy", { name: "legacy", role: "Editor", ttl: "1h" });',
      'new TerraformOutput(stack, "legacy_key", { value: key.key, sensitive: true });',
      "migrateLegacyKeys(stack);",
      "app.synth();",
      "console.log(CDK_MODULE);",
      "",
    ].join("\n"),
  );
  expect(run(node, ["app.js"], appDir).trim()).toBe("cdktn");
  const stackDir = join(appDir, "cdktn.out", "stacks", "grafana");
  const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8"));
  expect(json.resource.grafana_service_account_token.robot_ci).toMatchObject({ name: "ci", seconds_to_live: 43_200 });
  expect(json.resource.grafana_api_key).toBeUndefined();
  expect(json.resource.grafana_service_account_token.legacy).toMatchObject({ name: "legacy-token", service_account_id: "${grafana_service_account.legacy.id}" });
  expect(json.output.legacy_key.value).toBe("${grafana_service_account_token.legacy.key}");
  expect(json.removed).toEqual([{ from: "grafana_api_key.legacy", lifecycle: { destroy: false } }]);
  expect(existsSync(join(stackDir, "MIGRATION-REPORT.md"))).toBe(true);
});

test("GIVEN a CDK Terrain app WHEN a construct check fails THEN it fails with the library's message", () => {
  if (!available()) return;
  writeFileSync(join(appDir, "bad.js"), ['const { App, TerraformStack } = require("cdktn");', 'const { ServiceAccount } = require("cdktf-grafana-service-accounts");', 'new ServiceAccount(new TerraformStack(new App(), "bad"), "robot", { name: "robot", role: "admin" });', ""].join("\n"));
  const r = spawnSync(node, ["bad.js"], { cwd: appDir, encoding: "utf8" });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('use "Admin"');
});
