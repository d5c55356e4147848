/** In-process tests of the entry point and the pure helpers (no build needed). */
import { main } from "../../src/cli/index";
import { hclErrors } from "../../src/cli/input-errors";

jest.mock("../../src/cli/commands/help", () => ({
  run: async () => {
    throw new Error("boom");
  },
}));

async function capture(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { cwd: process.cwd(), env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("internal errors", () => {
  test("GIVEN a handler that fails unexpectedly THEN exit 1 asks for a report, without a stack", async () => {
    const r = await capture(["help"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("grafana-sa: internal error: boom\nThis is a bug in grafana-sa; please report it (run again with GRAFANA_SA_DEBUG=1 for the stack trace).\n");
  });

  test("GIVEN GRAFANA_SA_DEBUG=1 THEN the stack trace is printed", async () => {
    const r = await capture(["help"], { GRAFANA_SA_DEBUG: "1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^grafana-sa: internal error: Error: boom\n\s+at /);
    expect(r.stderr).toMatch(/please report it\.\n$/);
  });
});

describe("hclErrors", () => {
  test("one parse error becomes file:line:col: message", () => {
    expect(hclErrors("bad.tf", "parse config: [bad.tf:2,7-3,1: Invalid expression; Expected the start of an expression, but found an invalid expression token.]")).toBe(
      "bad.tf:2:7: Invalid expression; Expected the start of an expression, but found an invalid expression token.",
    );
  });

  test("several errors become one line each, and a path with dots stays literal", () => {
    const message = "parse config: [dir/x.tf:2,13-3,1: Invalid multi-line string; Quoted strings may not be split. dir/x.tf:2,7-9: Unclosed template interpolation sequence; There is no closing brace.]";
    expect(hclErrors("dir/x.tf", message)).toBe("dir/x.tf:2:13: Invalid multi-line string; Quoted strings may not be split.\ndir/x.tf:2:7: Unclosed template interpolation sequence; There is no closing brace.");
  });

  test("a message in another shape keeps the file name in front", () => {
    expect(hclErrors("a.tf", "something odd")).toBe("a.tf: something odd");
  });
});
