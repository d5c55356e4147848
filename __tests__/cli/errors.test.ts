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

  test("invalid JSON in a .tf.json input", () => {
    const r = refused(["migrate", "bad/main.tf.json", "--out", "out"], (ws) => write(join(ws, "bad", "main.tf.json"), "{ nope"));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^grafana-sa: bad\/main.tf.json: invalid JSON: /);
  });

  test("a token name template that keeps the key's name", () => {
    const r = refused(["migrate", "seed", "--out", "out", "--token-name", "{name}"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/Grafana keeps keys and tokens in one table, unique per org and name/);
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

  test("no command prints the overview to stderr", () => {
    const r = refused([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^grafana-sa: migrate Grafana legacy API keys/);
  });
});
