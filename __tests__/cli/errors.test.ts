import { symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { cleanup, ensureBuilt, expectNoSecrets, grafanaSa, Run, tree, workspace, write } from "./support";

beforeAll(ensureBuilt);

let ws: string;
afterEach(() => cleanup(ws));

/** Runs grafana-sa and checks that nothing in the workspace changed. */
function refused(args: string[], setup: (ws: string) => void = () => undefined): Run {
  ws = workspace("seed");
  setup(ws);
  const before = tree(ws);
  const r = grafanaSa(args, { cwd: ws });
  expect(tree(ws)).toEqual(before);
  expect(r.stdout).toBe("");
  expectNoSecrets(r.stderr);
  return r;
}

const CLOUD_ROLES = `resource "grafana_api_key" "ok" {
  name = "ok"
  role = "Admin"
}
resource "grafana_api_key" "bad" {
  name = "bad"
  role = "MetricsPublisher"
}
resource "grafana_api_key" "bad2" {
  name = "bad2"
  role = "PluginPublisher"
}
output "o" {
  value     = grafana_api_key.ok.key
  sensitive = true
}
output "p" {
  value     = grafana_api_key.bad.key
  sensitive = true
}
`;

const badKey = (body: string) => (ws: string) => write(join(ws, "bad", "main.tf"), `resource "grafana_api_key" "k" {\n${body}}\n`);

describe("invalid input exits 4", () => {
  test("unparsable HCL is reported as file:line:col with the user's path", () => {
    const r = refused(["migrate", "bad/main.tf", "--out", "out"], (ws) => write(join(ws, "bad", "main.tf"), 'resource "grafana_api_key" "k" {\n  name = \n}\n'));
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("grafana-sa: bad/main.tf:2:10: Invalid expression; Expected the start of an expression, but found an invalid expression token.\n");
  });

  test("an unknown argument on a legacy key names the key and what it accepts", () => {
    const r = refused(["migrate", "bad", "--out", "out"], badKey('  name = "k"\n  role = "Viewer"\n  colour = "red"\n'));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: bad\/main.tf:1: grafana_api_key.k: unknown argument "colour" on grafana_api_key; it accepts name, role, seconds_to_live, org_id, cloud_stack_slug/m);
    expect(r.stderr).toMatch(/grafana-sa: 1 error\(s\) in the inputs; nothing was written\.\n$/);
  });

  test('a role outside Viewer, Editor, Admin is refused, and "admin" suggests "Admin"', () => {
    const r = refused(["migrate", "bad", "--out", "out"], badKey('  name = "k"\n  role = "admin"\n'));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/error: .*role "admin" is not an API key role; use one of Viewer, Editor, Admin \(roles are case-sensitive: "Admin"\)/);
  });

  test("a missing path", () => {
    const r = refused(["migrate", "./x.tf", "--out", "out"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("grafana-sa: cannot read ./x.tf: no such file or directory\n");
  });

  test("a file that is not Terraform", () => {
    const r = refused(["migrate", "notes.txt", "--out", "out"], (ws) => write(join(ws, "notes.txt"), "hi\n"));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/notes.txt is not a .tf or .tf.json file/);
  });

  test("invalid JSON in a .tf.json input is reported at its line and column", () => {
    const r = refused(["migrate", "bad/main.tf.json", "--out", "out"], (ws) => write(join(ws, "bad", "main.tf.json"), "{ nope"));
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("grafana-sa: bad/main.tf.json:1:3: invalid JSON: Expected property name or '}'.\n");
  });

  test("invalid JSON in a cdk.tf.json: line and column, not a byte position, and no quote of the text (it may hold a secret)", () => {
    const text = '{\n  "resource": {\n    "grafana_api_key": {\n      "k": { "name": "k", "role": "Viewer", "x": "glsa_0123456789abcdef", }\n    }\n  }\n}\n';
    const r = refused(["migrate", "cdk", "--out", "out"], (ws) => write(join(ws, "cdk", "cdk.tf.json"), text));
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("grafana-sa: cdk/cdk.tf.json:4:75: invalid JSON: Expected double-quoted property name.\n");
    cleanup(ws);
    // Node quotes a short text whole in this message; refused() checks that no token shows.
    const token = refused(["migrate", "cdk", "--out", "out"], (ws) => write(join(ws, "cdk", "cdk.tf.json"), "[\n glsa_0123456789abcdef]"));
    expect(token.stderr).toBe("grafana-sa: cdk/cdk.tf.json:2:2: invalid JSON: Unexpected token 'g'.\n");
  });

  test("a dangling symbolic link in an input directory is named, not the directory", () => {
    const r = refused(["migrate", "seed", "--out", "out"], (ws) => symlinkSync("gone.tf", join(ws, "seed", "extra.tf")));
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("grafana-sa: cannot read seed/extra.tf: it is a symbolic link to gone.tf, which does not exist. Fix or remove the link.\n");
  });

  test("a binary .tf file is one error naming it, not one per byte", () => {
    const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37 + 128) % 256));
    const r = refused(["migrate", "seed", "--out", "out"], (ws) => writeFileSync(join(ws, "seed", "x.tf"), bytes));
    expect(r.code).toBe(4);
    expect(r.stderr).toBe("grafana-sa: seed/x.tf: not a text file (UTF-8). Terraform reads its files as UTF-8 text: save it as UTF-8, or move it out of the inputs.\n");
  });

  test("every unreadable input is reported in one run, the first 20 and a count of the rest", () => {
    const r = refused(["migrate", "bad", "--out", "out"], (ws) => {
      for (let i = 10; i < 40; i++) write(join(ws, "bad", `f${i}.tf`), 'resource "a" "b" {\n  x = \n}\n');
      writeFileSync(join(ws, "bad", "a.tf"), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      write(join(ws, "bad", "b.tf.json"), "{,}");
    });
    expect(r.code).toBe(4);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(21);
    expect(lines.slice(0, 3)).toEqual([
      "grafana-sa: bad/a.tf: not a text file (UTF-8). Terraform reads its files as UTF-8 text: save it as UTF-8, or move it out of the inputs.",
      "bad/b.tf.json:1:2: invalid JSON: Expected property name or '}'.",
      "bad/f10.tf:2:7: Invalid expression; Expected the start of an expression, but found an invalid expression token.",
    ]);
    expect(lines[20]).toBe("... and 12 more error(s).");
  });

  test("every invalid key of every file is reported once with its file and line, and a reference to one is no false error", () => {
    const r = refused(["migrate", "cloud", "--out", "out"], (ws) => {
      write(join(ws, "cloud", "main.tf"), CLOUD_ROLES);
      write(join(ws, "cloud", "more.tf"), 'resource "grafana_api_key" "bad3" {\n  name = "bad3"\n  role = "Viewer"\n  colour = "red"\n}\n');
    });
    expect(r.code).toBe(4);
    const errors = r.stderr.split("\n").filter((l) => l.startsWith("error: "));
    expect(errors).toEqual([
      expect.stringMatching(/^error: cloud\/main\.tf:5: grafana_api_key\.bad: role "MetricsPublisher" is a Grafana Cloud API key role: such a key belongs to a Grafana Cloud access policy \(grafana_cloud_access_policy with a grafana_cloud_access_policy_token\), not to a stack service account\. Replace it/),
      expect.stringMatching(/^error: cloud\/main\.tf:9: grafana_api_key\.bad2: role "PluginPublisher" is a Grafana Cloud API key role/),
      expect.stringMatching(/^error: cloud\/more\.tf:1: grafana_api_key\.bad3: unknown argument "colour"/),
    ]);
    expect(r.stderr).not.toMatch(/declares/);
    expect(r.stderr).toMatch(/grafana-sa: 3 error\(s\) in the inputs; nothing was written\.\n$/);
  });

  test("a plan with many errors prints the first 20 and counts the rest per code", () => {
    const keys = Array.from({ length: 25 }, (_, i) => `resource "grafana_api_key" "k${i}" {\n  name = "k${i}"\n  role = "Owner"\n  seconds_to_live = 60\n}\n`).join("");
    const r = refused(["migrate", "bad", "--out", "out"], (ws) => write(join(ws, "bad", "main.tf"), keys));
    expect(r.code).toBe(4);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("error: "))).toHaveLength(20);
    expect(lines.slice(-2)).toEqual(["... and 5 more error(s) (GRAFANA-INVALID-KEY 5).", "grafana-sa: 25 error(s) in the inputs; nothing was written."]);
  });

  test("a definitions file that is not a list", () => {
    const r = refused(["migrate", "--definitions", "defs.json", "--out", "out"], (ws) => write(join(ws, "defs.json"), '{"name":"x"}'));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/defs.json: expected an array of key definitions/);
  });
});

describe("refused output exits 5", () => {
  test("an output directory inside an input directory", () => {
    const r = refused(["migrate", "seed", "--out", "seed/out"]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/the output directory seed\/out is inside an input directory \(seed\)/);
  });

  test("the input directory itself", () => {
    const r = refused(["migrate", "seed/main.tf", "--out", "seed"]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/the output directory seed is an input directory/);
  });

  test("a directory that holds an input", () => {
    const r = refused(["migrate", "seed", "--out", ".", "--force"]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/the output directory \. holds the input seed\/main.tf/);
  });

  test("a non-empty output directory without --force", () => {
    const r = refused(["migrate", "seed", "--out", "out"], (ws) => write(join(ws, "out", "keep.txt"), "mine\n"));
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/the output directory out is not empty; choose another, or pass --force/);
  });
});

describe("usage errors exit 2", () => {
  test.each([
    [["migrate", "seed", "--out", "out", "--bogus"], /^grafana-sa: migrate: unknown option --bogus\. Run grafana-sa migrate --help\.\n$/],
    [["migrate", "seed", "--ot", "out"], /unknown option --ot\. Did you mean --out\?/],
    [["migrat", "seed"], /unknown command "migrat"\. Did you mean "migrate"\?/],
    [["migrate", "seed"], /missing --out DIR/],
    [["migrate", "seed", "--out"], /--out needs a value \(DIR\)/],
    [["migrate", "seed", "--out", "out", "--format", "xml"], /--format must be hcl, json or both, not "xml"/],
    [["migrate", "seed", "--out", "out", "--strategy", "per-team"], /--strategy must be per-key or per-role/],
    [["migrate", "seed", "--check", "--out", "out"], /--check writes nothing and cannot be combined with --out/],
    [["migrate", "seed", "--in-place", "--out", "out"], /--in-place and --out exclude each other/],
    [["migrate", "--out", "out"], /no input paths/],
    [["revert", "seed", "--out", "out", "--dry-run=yes"], /--dry-run takes no value/],
    [["help", "nonsense"], /no help topic "nonsense"/],
    [["--bogus"], /unknown option --bogus/],
  ])("%j", (args, message) => {
    const r = refused(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test.each([
    [["--account-name", "{bogus}"], 'grafana-sa: --account-name "{bogus}" has an unknown placeholder {bogus}; use {name}, {role}, {org} or {stack}. See grafana-sa help templates.\n'],
    [["--token-name", "t-{team}"], 'grafana-sa: --token-name "t-{team}" has an unknown placeholder {team}; use {name}, {role}, {org} or {stack}. See grafana-sa help templates.\n'],
    [["--token-name", "{name}"], expect.stringMatching(/^grafana-sa: --token-name "\{name\}" gives every token its key's name\. Grafana keeps keys and tokens in one table, unique per org and name.*See grafana-sa help templates\.\n$/)],
  ])("a bad name template %j is said once, before the inputs are read", (flags, message) => {
    const r = refused(["migrate", "seed", "--out", "out", ...(flags as string[])], (ws) => write(join(ws, "seed", "outputs.tf"), 'output "o" {\n  value     = grafana_api_key.foo.key\n  sensitive = true\n}\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual(message);
  });

  test("no command prints the overview to stderr", () => {
    const r = refused([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^grafana-sa: migrate Grafana legacy API keys/);
  });
});
