/**
 * The package as a user gets it: `npm pack` (which builds lib/ through prepack), installed
 * into a fresh cdktf app, imported by plain JavaScript and by TypeScript, synthesized.
 *
 * No network and no npm cache: the packages the app needs beside the tarball (the peers cdktf
 * and constructs, the dependencies @cdktf/hcl-tools and @cdktf/hcl2json) are linked from this
 * repository's node_modules, where `npm ci` put the locked versions, and npm runs --offline with
 * an empty cache of its own. So the test passes on a machine that has only what `npm ci` of this
 * repository brought, whether or not the registry is reachable.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "../..");
const NPM_FLAGS = ["--no-audit", "--no-fund", "--offline", "--loglevel=error"];

let workdir: string;
let appDir: string;
let tarball: string;

function run(command: string, args: string[], cwd: string): string {
  const env = { ...process.env, NO_UPDATE_NOTIFIER: "1", npm_config_cache: join(workdir, "npm-cache") };
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });
}

/** The installed version of a package in this repository's node_modules. */
function linked(name: string): string {
  const dir = join(ROOT, "node_modules", name);
  const wanted = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string>; dependencies: Record<string, string> });
  const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  expect(version).toBe(wanted.dependencies[name] ?? wanted.devDependencies[name]);
  return dir;
}

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), "grafana-sa-consumer-"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", workdir, ...NPM_FLAGS], ROOT));
  tarball = join(workdir, packed[0].filename);

  appDir = join(workdir, "app");
  mkdirSync(appDir);
  writeFileSync(join(appDir, "package.json"), JSON.stringify({ name: "consumer-app", version: "0.0.0", private: true }, null, 2));
  const links = ["cdktf", "constructs", "@cdktf/hcl-tools", "@cdktf/hcl2json"].map(linked);
  run("npm", ["install", tarball, ...links, "--legacy-peer-deps", ...NPM_FLAGS], appDir);
}, 90_000);

afterAll(() => {
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

test("GIVEN the packed tarball WHEN listed THEN it holds the compiled library and its types, and no sources or tests", () => {
  const files = run("tar", ["tzf", tarball], workdir).split("\n").filter(Boolean);
  expect(files).toContain("package/package.json");
  expect(files).toContain("package/lib/src/index.js");
  expect(files).toContain("package/lib/src/index.d.ts");
  expect(files).toContain("package/LICENSE");
  expect(files.some((f) => f.startsWith("package/lib/src/gen/providers/grafana/"))).toBe(true);
  expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  expect(files.filter((f) => /__tests__|\/stacks\/|schema\//.test(f))).toEqual([]);
});

test("GIVEN a JavaScript cdktf app WHEN it imports ServiceAccount and synthesizes THEN the JSON holds the account and its token", () => {
  writeFileSync(
    join(appDir, "app.js"),
    [
      'const { App, TerraformStack } = require("cdktf");',
      'const { ServiceAccount, grafana } = require("cdktf-grafana-service-accounts");',
      'const app = new App({ outdir: "cdktf.out" });',
      'const stack = new TerraformStack(app, "consumer");',
      'new grafana.provider.GrafanaProvider(stack, "grafana", { url: "http://localhost:3000" });',
      'const robot = new ServiceAccount(stack, "robot", { name: "robot", role: "Viewer" });',
      'robot.addToken("ci", { name: "ci", ttl: "12h" }).outputKey("ci_token");',
      "app.synth();",
      "",
    ].join("\n"),
  );
  run("node", ["app.js"], appDir);

  const file = join(appDir, "cdktf.out", "stacks", "consumer", "cdk.tf.json");
  expect(existsSync(file)).toBe(true);
  const json = JSON.parse(readFileSync(file, "utf8"));
  expect(json.resource.grafana_service_account.robot).toMatchObject({ name: "robot", role: "Viewer" });
  expect(json.resource.grafana_service_account_token.robot_ci).toMatchObject({
    name: "ci",
    seconds_to_live: 43_200,
    service_account_id: "${grafana_service_account.robot.id}",
  });
  expect(json.output.ci_token).toMatchObject({ value: "${grafana_service_account_token.robot_ci.key}", sensitive: true });
  expect(json.provider.grafana[0]).toEqual({ url: "http://localhost:3000" });
  // The bindings carry cdktf.json's constraint: a consumer's stack pins the provider too.
  expect(json.terraform.required_providers.grafana).toEqual({ source: "grafana/grafana", version: "~> 2.19" });
});

test("GIVEN a bad role in the consumer app WHEN it runs THEN it fails with the library's message", () => {
  writeFileSync(
    join(appDir, "bad.js"),
    [
      'const { App, TerraformStack } = require("cdktf");',
      'const { ServiceAccount } = require("cdktf-grafana-service-accounts");',
      'const stack = new TerraformStack(new App({ outdir: "bad.out" }), "bad");',
      'new ServiceAccount(stack, "robot", { name: "robot", role: "admin" });',
      "",
    ].join("\n"),
  );
  let stderr = "";
  try {
    run("node", ["bad.js"], appDir);
  } catch (err) {
    stderr = String((err as { stderr?: string }).stderr);
  }
  expect(stderr).toContain('bad/robot: Invalid service account role "admin"');
  expect(stderr).toContain('use "Admin"');
});

test("GIVEN a TypeScript consumer WHEN type-checked against the installed package THEN its types resolve", () => {
  writeFileSync(
    join(appDir, "app.ts"),
    [
      'import { App, TerraformStack } from "cdktf";',
      'import { ServiceAccount, ServiceAccountToken, Ttl } from "cdktf-grafana-service-accounts";',
      'const stack = new TerraformStack(new App(), "typed");',
      'const robot = new ServiceAccount(stack, "robot", { name: "robot", role: "Viewer" });',
      'const token: ServiceAccountToken = robot.addToken("ci", { name: "ci", ttl: Ttl.hours(12) });',
      "export const key: string = token.key;",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(appDir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "commonjs", target: "ES2022", moduleResolution: "node", skipLibCheck: true, types: [] }, files: ["app.ts"] }),
  );
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  expect(() => run("node", [tsc, "-p", "tsconfig.json"], appDir)).not.toThrow();

  // And the check has teeth: a wrong role is a type error for TypeScript users.
  writeFileSync(join(appDir, "app.ts"), readFileSync(join(appDir, "app.ts"), "utf8").replace('role: "Viewer"', 'role: "Owner"'));
  expect(() => run("node", [tsc, "-p", "tsconfig.json"], appDir)).toThrow();
});
