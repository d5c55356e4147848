import { join } from "path";
import { main } from "../../src/cli/index";
import {
  cleanup,
  ensureBuilt,
  expectNoSecrets,
  grafanaSa,
  read,
  workspace,
} from "./support";

const ANSI = /\x1b\[/;

let ws: string;
afterEach(() => cleanup(ws));

describe("migrate --dry-run shows the changes as a unified diff", () => {
  beforeAll(ensureBuilt);
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    grafanaSa(args, { cwd: ws, env });

  test("GIVEN the seed WHEN dry-run THEN after the plan come the rewritten input's diff and the generated file as a real run writes it", () => {
    ws = workspace("seed");
    const r = run(["migrate", "seed", "--out", "out", "--dry-run"]);
    expect(r.code).toBe(0);
    const at = r.stdout.indexOf("\n--- ");
    const [plan, diff] = [r.stdout.slice(0, at), r.stdout.slice(at + 1)];
    expect(plan).toMatch(
      /^Migration plan: 2 legacy key\(s\)[\s\S]*Would write \(4\):\n {2}out\/main\.tf\n[\s\S]*migration-report\.json\n$/
    );
    const expected = [
      "--- a/seed/main.tf",
      "+++ b/out/main.tf",
      // The pin for phase 1 (the seed lists the provider without a version), then the keys taken out.
      "@@ -2,6 +2,7 @@",
      "   required_providers {",
      "     grafana = {",
      '       source  = "grafana/grafana"',
      '+      version = ">= 1.26.0, < 3.0.0"',
      "     }",
      "   }",
      " }",
      "@@ -10,15 +11,4 @@",
      ' provider "grafana" {',
      '   url  = "http://localhost:3000"',
      "   auth = (sensitive value)",
      "-}",
      "-",
      '-resource "grafana_api_key" "foo" {',
      '-  name = "key_foo"',
      '-  role = "Viewer"',
      "-}",
      "-",
      '-resource "grafana_api_key" "bar" {',
      '-  name            = "key_bar"',
      '-  role            = "Admin"',
      "-  seconds_to_live = 30",
      " }",
      "--- /dev/null",
      "+++ b/out/grafana-service-accounts.tf",
      "@@ -0,0 +1,52 @@",
      "",
    ].join("\n");
    expect(diff.slice(0, expected.length)).toBe(expected);
    expect(diff).not.toMatch(ANSI);
    expectNoSecrets(r.stdout, r.stderr);

    expect(run(["migrate", "seed", "--out", "out"]).code).toBe(0);
    const generated = diff.slice(
      diff.indexOf("@@ -0,0 +1,52 @@\n") + "@@ -0,0 +1,52 @@\n".length
    );
    expect(generated.replace(/^\+/gm, "")).toBe(
      read(ws, "out", "grafana-service-accounts.tf")
    );
  });

  test("GIVEN JSON input WHEN dry-run THEN the rewritten .tf.json is diffed too", () => {
    ws = workspace("json");
    const r = run(["migrate", "json", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^--- a\/json\/main\.tf\.json\n\+\+\+ b\/main\.tf\.json\n@@ /m
    );
    expect(r.stdout).toMatch(/^-\s+"grafana_api_key": \{$/m);
    expect(r.stdout).toMatch(
      /^\+\s+"value": "\$\{grafana_service_account_token\.ci\.key\}",?$/m
    );
    expect(r.stdout).toMatch(
      /^--- \/dev\/null\n\+\+\+ b\/grafana-service-accounts\.tf\.json\n/m
    );
    expectNoSecrets(r.stdout);
  });
});

describe("colour", () => {
  /** Runs main in this process, as the binary does, with stdout a terminal or not. */
  async function dryRun(options: {
    isTTY: boolean;
    env?: NodeJS.ProcessEnv;
    args?: string[];
  }): Promise<string> {
    ws = workspace("seed");
    let stdout = "";
    const code = await main(
      ["migrate", "seed", "--dry-run", ...(options.args ?? [])],
      {
        cwd: ws,
        env: { ...options.env },
        isTTY: options.isTTY,
        stdout: (text) => void (stdout += text),
        stderr: () => undefined,
      }
    );
    expect(code).toBe(0);
    return stdout;
  }

  test("GIVEN stdout is a terminal THEN the diff is coloured", async () => {
    const out = await dryRun({ isTTY: true });
    expect(out).toContain(
      '\x1b[31m-resource "grafana_api_key" "foo" {\x1b[0m\n'
    );
    expect(out).toContain("\x1b[32m+terraform {\x1b[0m\n");
    expect(out).toContain("\x1b[36m@@ -10,15 +11,4 @@\x1b[0m\n");
    expect(out.slice(0, out.indexOf("\n--- "))).not.toMatch(ANSI);
  });

  test.each([
    ["stdout is not a terminal", { isTTY: false }],
    ["NO_COLOR is set", { isTTY: true, env: { NO_COLOR: "1" } }],
    ["--no-color is given", { isTTY: true, args: ["--no-color"] }],
  ])("GIVEN %s THEN no escape sequences", async (_, options) => {
    const out = await dryRun(options);
    expect(out).toContain('-resource "grafana_api_key" "foo" {\n');
    expect(out).not.toMatch(ANSI);
  });

  test("GIVEN NO_COLOR is empty THEN it does not count", async () => {
    expect(await dryRun({ isTTY: true, env: { NO_COLOR: "" } })).toMatch(ANSI);
  });
});

test("GIVEN the seed's expected outputs THEN the fixture holds a credential the diff must hide", () => {
  expect(read(join(__dirname, "..", "corpus", "seed", "main.tf"))).toMatch(
    /auth = "admin:admin"/
  );
});
