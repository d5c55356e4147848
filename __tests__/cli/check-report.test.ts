import { join } from "path";
import { checkOutput, LegacyKeyFinding, renderCheckReport } from "../../src/cli/check-report";
import { ExitError } from "../../src/cli/errors";
import { jsonResourceLines } from "../../src/planning/source-lines";
import { cleanup, ensureBuilt, expectNoSecrets, grafanaSa, workspace, write } from "./support";

const finding = (over: Partial<LegacyKeyFinding> = {}): LegacyKeyFinding => ({
  address: "grafana_api_key.ci",
  type: "grafana_api_key",
  display: "./infra/main.tf",
  file: "infra/main.tf",
  line: 7,
  ...over,
});

describe("renderCheckReport", () => {
  test("GIVEN findings WHEN rendered as json THEN the documented object comes out", () => {
    expect(JSON.parse(renderCheckReport([finding()], "json", "1.2.3"))).toEqual({
      legacyKeys: [{ address: "grafana_api_key.ci", type: "grafana_api_key", file: "infra/main.tf", line: 7 }],
      count: 1,
    });
    expect(JSON.parse(renderCheckReport([], "json", "1.2.3"))).toEqual({ legacyKeys: [], count: 0 });
  });

  test("GIVEN findings WHEN rendered as sarif THEN it is SARIF 2.1.0 with one rule and an error per key", () => {
    const log = JSON.parse(renderCheckReport([finding(), finding({ address: "grafana_cloud_stack_api_key.s", type: "grafana_cloud_stack_api_key", file: "a dir/x.tf.json", line: 3 })], "sarif", "1.2.3"));
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({ name: "grafana-sa", version: "1.2.3", informationUri: expect.stringMatching(/^https:\/\//) });
    expect(driver.rules).toHaveLength(1);
    expect(driver.rules[0]).toMatchObject({ id: "GRAFANA-LEGACY-KEY", helpUri: expect.stringMatching(/^https:\/\//), help: { text: expect.stringMatching(/grafana-sa migrate/) } });
    expect(log.runs[0].results).toEqual([
      {
        ruleId: "GRAFANA-LEGACY-KEY",
        ruleIndex: 0,
        level: "error",
        message: { text: "grafana_api_key.ci is a legacy API key; run grafana-sa migrate to replace it with a service account and token." },
        locations: [{ physicalLocation: { artifactLocation: { uri: "infra/main.tf" }, region: { startLine: 7 } } }],
      },
      expect.objectContaining({ locations: [{ physicalLocation: { artifactLocation: { uri: "a%20dir/x.tf.json" }, region: { startLine: 3 } } }] }),
    ]);
  });

  test("GIVEN findings WHEN rendered for github THEN one error command per key, with properties and data escaped", () => {
    expect(renderCheckReport([finding()], "github", "1.2.3")).toBe(
      "::error file=infra/main.tf,line=7,title=Legacy Grafana API key::grafana_api_key.ci is a legacy API key; run grafana-sa migrate to replace it with a service account and token.\n",
    );
    const odd = renderCheckReport([finding({ address: 'grafana_api_key.a%b', file: "x,y:z%\n.tf" })], "github", "1.2.3");
    expect(odd).toMatch(/^::error file=x%2Cy%3Az%25%0A\.tf,line=7,title=Legacy Grafana API key::grafana_api_key\.a%25b is a legacy/);
    expect(odd.split("\n")).toHaveLength(2);
    expect(renderCheckReport([], "github", "1.2.3")).toBe("");
  });

  test("GIVEN findings WHEN rendered for humans THEN the text is the one --check always printed", () => {
    expect(renderCheckReport([finding()], "human", "1.2.3")).toBe("1 legacy API key(s) remain; migrate them with grafana-sa migrate:\n  grafana_api_key.ci (./infra/main.tf)\n");
  });

  test("GIVEN an unknown --output WHEN checked THEN a usage error names the allowed values", () => {
    expect(checkOutput(undefined)).toBe("human");
    expect(() => checkOutput("xml")).toThrow(new ExitError(2, '--output must be one of human, json, sarif, github, not "xml".'));
  });
});

describe("jsonResourceLines", () => {
  test("GIVEN Terraform JSON WHEN located THEN each resource name's key line is found, also inside block lists", () => {
    const text = '{\n  "output": { "grafana_api_key": { "x": 1 } },\n  "resource": {\n    "grafana_api_key": {\n      "ci": { "name": "a\\"b{[" },\n\n      "ops": [{ "name": "ops" }]\n    }\n  },\n  "resource": [{ "grafana_cloud_stack_api_key": {\n "s": {} } }]\n}\n';
    expect(Object.fromEntries(jsonResourceLines(text))).toEqual({ "grafana_api_key.ci": 5, "grafana_api_key.ops": 7, "grafana_cloud_stack_api_key.s": 11 });
  });
});

describe("grafana-sa migrate --check --output", () => {
  let ws: string;
  beforeAll(ensureBuilt);
  afterEach(() => cleanup(ws));
  const run = (...args: string[]) => grafanaSa(args, { cwd: ws });

  test("GIVEN .tf and .tf.json inputs WHEN checked with each output THEN every key has its file and line, and exit 3", () => {
    ws = workspace("seed", "json");
    const json = run("migrate", "seed", "json", "--check", "--output", "json");
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({
      legacyKeys: [
        { address: "grafana_api_key.bar", type: "grafana_api_key", file: "seed/main.tf", line: 20 },
        { address: "grafana_api_key.foo", type: "grafana_api_key", file: "seed/main.tf", line: 15 },
        { address: "grafana_api_key.ci", type: "grafana_api_key", file: "json/main.tf.json", line: 12 },
      ],
      count: 3,
    });
    const github = run("migrate", "seed", "json", "--check", "--output", "github");
    expect(github.code).toBe(3);
    expect(github.stdout).toMatch(/^::error file=seed\/main\.tf,line=15,title=Legacy Grafana API key::grafana_api_key\.foo is a legacy API key; run grafana-sa migrate/m);
    expect(github.stdout.trimEnd().split("\n")).toHaveLength(3);
    const sarif = run("migrate", "seed", "json", "--check", "--output", "sarif");
    expect(sarif.code).toBe(3);
    expect(JSON.parse(sarif.stdout).runs[0].results.map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine)).toEqual([20, 15, 12]);
    expect(run("migrate", "seed", "json", "--check", "--output", "human").stdout).toBe(run("migrate", "seed", "json", "--check").stdout);
    expectNoSecrets(json.stdout, github.stdout, sarif.stdout);
  });

  test("GIVEN no legacy keys WHEN checked as json THEN exit 0 and an empty list", () => {
    ws = workspace();
    write(join(ws, "in", "main.tf"), 'resource "grafana_folder" "f" {\n  title = "f"\n}\n');
    const r = run("migrate", "in", "--check", "--output", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ legacyKeys: [], count: 0 });
  });

  test.each([
    [["--check", "--output", "xml"], /--output must be one of human, json, sarif, github, not "xml"/],
    [["--dry-run", "--output", "json"], /--output sets the form of the --check report; it needs --check/],
  ])("GIVEN migrate seed %j THEN a usage error (exit 2)", (args, message) => {
    ws = workspace("seed");
    const r = run("migrate", "seed", ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
  });
});
