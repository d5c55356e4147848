import fc from "fast-check";
import { unifiedDiff } from "../../src/cli/diff";
import { hideCredentials } from "../../src/cli/dry-run-diff";

const ANSI = /\x1b\[/;
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `l${from + i}\n`).join("");

/** Applies a unified diff to `before`, as patch would: checks every context and removed line. */
function apply(before: string, diff: string): string {
  const old = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let at = 0;
  const body = diff.split("\n").slice(2, -1);
  for (let i = 0; i < body.length; i++) {
    const line = body[i];
    const noEol = body[i + 1] === "\\ No newline at end of file";
    const text = `${line.slice(1)}${noEol ? "" : "\n"}`;
    const hunk = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      while (at < start) out.push(old[at++]);
    } else if (line.startsWith(" ") || line.startsWith("-")) {
      expect(old[at++]).toBe(text);
      if (line.startsWith(" ")) out.push(text);
    } else if (line.startsWith("+")) out.push(text);
  }
  while (at < old.length) out.push(old[at++]);
  return out.join("");
}

describe("unifiedDiff", () => {
  test("GIVEN two changes far apart and one close by WHEN diffed THEN hunks have 3 lines of context, merged when their context meets", () => {
    const before = numbered(1, 30);
    const after = before.replace("l5\n", "L5\n").replace("l11\n", "").replace("l25\n", "l25\nnew\n");
    expect(unifiedDiff(before, after, { from: "a/f.tf", to: "b/f.tf" })).toBe(
      [
        "--- a/f.tf",
        "+++ b/f.tf",
        "@@ -2,13 +2,12 @@",
        " l2",
        " l3",
        " l4",
        "-l5",
        "+L5",
        " l6",
        " l7",
        " l8",
        " l9",
        " l10",
        "-l11",
        " l12",
        " l13",
        " l14",
        "@@ -23,6 +22,7 @@",
        " l23",
        " l24",
        " l25",
        "+new",
        " l26",
        " l27",
        " l28",
        "",
      ].join("\n"),
    );
  });

  test("GIVEN a new file and an emptied one THEN all additions from /dev/null, all deletions", () => {
    expect(unifiedDiff("", "a\nb\n", { from: null, to: "b/g.tf" })).toBe("--- /dev/null\n+++ b/g.tf\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    expect(unifiedDiff("a\nb\n", "", { from: "a/k.tf", to: "b/k.tf" })).toBe("--- a/k.tf\n+++ b/k.tf\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    expect(unifiedDiff("same\n", "same\n", { from: "a/x", to: "b/x" })).toBe("");
  });

  test("GIVEN a last line without a line break THEN diff's marker follows it", () => {
    expect(unifiedDiff("a\nb", "a\nb\n", { from: "a/x", to: "b/x" })).toBe("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  });

  test("GIVEN any two texts WHEN the diff is applied to the first THEN it gives the second", () => {
    const text = fc.array(fc.constantFrom("a\n", "b\n", "c\n", "{\n", "}\n", "\n", "x"), { maxLength: 40 }).map((l) => l.join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff(before, after, { from: "a/x", to: "b/x" });
        expect(diff === "").toBe(before === after);
        if (diff !== "") expect(apply(before, diff)).toBe(after);
      }),
      { numRuns: 300 },
    );
  });

  test("GIVEN more edits than Myers' limit THEN the diff is still correct", () => {
    const before = numbered(1, 5000);
    const after = before.split("\n").map((l, i) => (i % 2 ? l : `${l}x`)).join("\n");
    expect(apply(before, unifiedDiff(before, after, { from: "a/x", to: "b/x" }))).toBe(after);
  });

  test("GIVEN color WHEN diffed THEN removals are red, additions green, hunk headers cyan; else no escapes", () => {
    const colored = unifiedDiff("a\nb\n", "a\nc\n", { from: "a/x", to: "b/x", color: true });
    expect(colored).toContain("\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n");
    expect(colored).toContain("\x1b[31m-b\x1b[0m\n");
    expect(colored).toContain("\x1b[32m+c\x1b[0m\n");
    expect(colored).toContain("\n a\n");
    expect(unifiedDiff("a\nb\n", "a\nc\n", { from: "a/x", to: "b/x" })).not.toMatch(ANSI);
  });
});

describe("hideCredentials", () => {
  test.each([
    ['  auth = "admin:admin"', "  auth = (sensitive value)"],
    ['  "auth": "admin:admin",', '  "auth": (sensitive value),'],
    ['  api_key = "x" # comment', "  api_key = (sensitive value) # comment"],
    ['  sm_access_token = "abc"', "  sm_access_token = (sensitive value)"],
    ['  note = "glsa_abcdefghijklmnop_0123"', '  note = "(sensitive value)"'],
    ['    "grafana": { "url": "http://localhost:3000", "auth": "admin:admin", "token": "t" }', '    "grafana": { "url": "http://localhost:3000", "auth": (sensitive value), "token": (sensitive value) }'],
  ])("GIVEN %j THEN the literal is hidden", (line, shown) => expect(hideCredentials(line)).toBe(shown));

  test.each(['  auth  = grafana_service_account_token.ci.key', '  "auth": "${grafana_service_account_token.ci.key}",', '  name = "key_foo"', 'resource "grafana_api_key" "foo" {'])(
    "GIVEN %j THEN it is shown as it is",
    (line) => expect(hideCredentials(line)).toBe(line),
  );
});
