import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { COMMANDS, HELP_TOPICS } from "../../src/cli/commands";
import { cleanup, ensureBuilt, grafanaSa, ROOT, workspace } from "./support";

beforeAll(ensureBuilt);

let ws: string;
beforeEach(() => (ws = workspace()));
afterEach(() => cleanup(ws));
const run = (...args: string[]) => grafanaSa(args, { cwd: ws });
const helpFile = (topic: string) => readFileSync(join(ROOT, "help", "cli", `${topic}.txt`), "utf8");

describe("help topics", () => {
  test.each(HELP_TOPICS)("grafana-sa help %s", (topic) => {
    const r = run("help", topic);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(helpFile(topic));
    expect(r.stdout).toMatchSnapshot();
  });

  test.each(["--help", "-h"])("grafana-sa %s prints the overview", (flag) => {
    const r = run(flag);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(helpFile("overview"));
  });

  test.each(COMMANDS.map((c) => c.name))("grafana-sa %s --help", (name) => {
    const r = run(name, "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(helpFile(name === "help" ? "overview" : name));
    expect(r.stdout).toMatchSnapshot();
    expect(run(name, "-h").stdout).toBe(r.stdout);
  });

  test("--help wins over other arguments and writes nothing", () => {
    const r = run("migrate", "does-not-exist.tf", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(helpFile("migrate"));
  });

  test("--version prints the package version", () => {
    const r = run("--version");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version}\n`);
  });

  test("the templates topic explains why a token cannot keep its key's name", () => {
    expect(helpFile("templates")).toMatch(/one table, unique per organization and name/);
  });
});

describe("help stays in step with the command declarations", () => {
  test.each(COMMANDS.filter((c) => c.name !== "help").map((c) => [c.name, c] as const))("%s: every option and example is documented", (name, command) => {
    const text = helpFile(name);
    for (const option of Object.keys(command.options)) expect(text).toContain(`--${option}`);
    for (const example of command.examples) expect(text).toContain(example);
  });

  test("the overview lists every command with its summary and every topic", () => {
    const text = helpFile("overview");
    for (const c of COMMANDS) expect(text).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    for (const topic of HELP_TOPICS.filter((t) => t !== "overview")) expect(text).toMatch(new RegExp(`^  ${topic} `, "m"));
  });

  test("exit-codes documents every code", () => {
    const text = helpFile("exit-codes");
    for (const code of [0, 1, 2, 3, 4, 5]) expect(text).toMatch(new RegExp(`^  ${code}  `, "m"));
  });
});

test("grafana-sa --help loads neither cdktf, the HCL parser nor the planner", () => {
  const log = join(ws, "loaded.txt");
  const hook = join(ws, "hook.js");
  writeFileSync(
    hook,
    `const Module = require("module"); const load = Module._load; const seen = [];
     Module._load = function (request, parent) { seen.push(Module._resolveFilename(request, parent)); return load.apply(this, arguments); };
     process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(log)}, seen.join("\\n")));`,
  );
  for (const args of [["--help"], ["migrate", "--help"], ["help", "templates"], ["--version"]]) {
    const r = grafanaSa(args, { cwd: ws, env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, "utf8").split("\n");
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|constructs|@cdktf)[\\/]|[\\/]src[\\/](planning|synth|constructs|gen)[\\/]/.test(m))).toEqual([]);
  }
});
