/** .pre-commit-hooks.yaml: its hook must run a command line the CLI accepts, on the files it selects. */
import { readFileSync } from "fs";
import { join } from "path";
import { findCommand } from "../../src/cli/commands";
import { cleanup, ensureBuilt, grafanaSa, ROOT, workspace } from "./support";

/** The file's fixed shape: a list of flat maps of plain or single-quoted scalars, and comments. */
function readHooks(text: string): Record<string, string>[] {
  const hooks: Record<string, string>[] = [];
  for (const raw of text.split("\n")) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const m = /^(- |  )([\w-]+): (.*)$/.exec(raw);
    if (!m) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${raw}`);
    if (m[1] === "- ") hooks.push({});
    hooks[hooks.length - 1][m[2]] = /^'.*'$/.test(m[3]) ? m[3].slice(1, -1).replace(/''/g, "'") : m[3];
  }
  return hooks;
}

const hooks = readHooks(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));
const hook = hooks.find((h) => h.id === "grafana-sa-check");

test("GIVEN .pre-commit-hooks.yaml THEN grafana-sa-check is a node hook running migrate --check on .tf and .tf.json files", () => {
  expect(hooks.map((h) => h.id)).toEqual(["grafana-sa-check"]);
  expect(hook).toMatchObject({ entry: "grafana-sa migrate --check", language: "node", pass_filenames: "true" });
  const [bin, command, ...options] = hook!.entry.split(" ");
  expect(Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin)).toContain(bin);
  const declared = findCommand(command);
  expect(declared).toBeDefined();
  for (const option of options) expect(Object.keys(declared!.options)).toContain(option.replace(/^--/, ""));
  const files = new RegExp(hook!.files);
  expect(["main.tf", "stacks/app/cdk.tf.json"].filter((f) => files.test(f))).toHaveLength(2);
  expect(["terraform.tfvars", "main.tf.bak", "notes.txt", "x.json"].filter((f) => files.test(f))).toEqual([]);
});

describe("the hook's command line, as pre-commit runs it", () => {
  let ws: string;
  beforeAll(ensureBuilt);
  afterEach(() => cleanup(ws));

  test("GIVEN staged files holding legacy keys THEN it fails with exit 3; on files without any THEN exit 0", () => {
    ws = workspace("seed", "json", "multi");
    const [, ...args] = hook!.entry.split(" ");
    const failing = grafanaSa([...args, "seed/main.tf", "json/main.tf.json"], { cwd: ws });
    expect(failing.code).toBe(3);
    expect(failing.stdout).toMatch(/^3 legacy API key\(s\) remain/);
    expect(grafanaSa([...args, "multi/consumers.tf"], { cwd: ws }).code).toBe(0);
  });
});
