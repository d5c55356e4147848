import type { MigrationPlan } from "../../src/planning/plan";
import { capLines, renderFailed, renderWarnings } from "../../src/cli/diagnostics";
import { renderPlan, reportJson, reportMarkdown, RenderContext } from "../../src/report/render";

/** A plan with no keys and 200,000 rewrites: more items than a spread call can take as arguments. */
const plan: MigrationPlan = {
  strategy: "per-key",
  accounts: [],
  tokens: [],
  removals: [],
  files: [],
  rewrites: Array.from({ length: 200_000 }, (_, i) => ({ file: "main.tf", from: `grafana_api_key.k${i}.key`, to: `grafana_service_account_token.k${i}.key` })),
  entries: [],
  ignored: [],
  diagnostics: [],
  declaresRequiredProviders: true,
};
const ctx: RenderContext = { version: "0.0.0", format: "hcl", written: [], moduleDirs: ["."], outputs: [] };

test("GIVEN 200,000 reference rewrites WHEN the report and the dry-run plan are rendered THEN every one is listed", () => {
  const markdown = reportMarkdown(plan, ctx);
  expect(markdown).toContain("## Reference rewrites (200000)");
  expect(markdown).toContain("- main.tf: `grafana_api_key.k199999.key` -> `grafana_service_account_token.k199999.key`");
  expect(renderPlan(plan, ctx)).toContain("Reference rewrites (200000):\n  main.tf: grafana_api_key.k0.key -> grafana_service_account_token.k0.key\n");
  expect(JSON.parse(reportJson(plan, ctx)).rewrites).toHaveLength(200_000);
});

describe("renderWarnings", () => {
  const warning = (code: string, i: number) => ({ level: "warning" as const, code, message: `w${i}` });

  test("GIVEN few warnings WHEN rendered THEN each is printed", () => {
    expect(renderWarnings([warning("A", 1), { level: "info", code: "I", message: "i" }, warning("B", 2)], "MIGRATION-REPORT.md")).toBe("warning: w1\nwarning: w2\n");
  });

  test("GIVEN thousands of warnings WHEN rendered THEN the first ones are printed and the rest counted per code, pointing at the report", () => {
    const many = Array.from({ length: 1000 }, (_, i) => warning(i % 3 === 0 ? "GRAFANA-TTL-NONE" : "GRAFANA-REFERENCE", i));
    const text = renderWarnings(many, "out/MIGRATION-REPORT.md", 2);
    expect(text).toBe("warning: w0\nwarning: w1\n... and 998 more warning(s) (GRAFANA-REFERENCE 665, GRAFANA-TTL-NONE 333); out/MIGRATION-REPORT.md lists every one.\n");
  });
});

describe("renderFailed and capLines", () => {
  const d = (level: "error" | "warning" | "info", code: string, i: number) => ({ level, code, message: `${level[0]}${i}` });

  test("GIVEN few errors and warnings WHEN a failed run renders them THEN all are printed in order, as renderDiagnostics does", () => {
    expect(renderFailed([d("warning", "W", 1), d("error", "E", 1), d("info", "I", 1), d("error", "E", 2)])).toBe("warning: w1\nerror: e1\nerror: e2\n");
  });

  test("GIVEN more errors than the limit WHEN rendered THEN the first ones are printed and the rest counted per code, apart from warnings", () => {
    const many = [...Array.from({ length: 6 }, (_, i) => d("error", i % 2 ? "GRAFANA-INVALID-KEY" : "GRAFANA-NAME", i)), d("warning", "W", 1)];
    expect(renderFailed(many, 2)).toBe("error: e0\nerror: e1\nwarning: w1\n... and 4 more error(s) (GRAFANA-INVALID-KEY 2, GRAFANA-NAME 2).\n");
  });

  test("GIVEN more lines than the limit WHEN capped THEN the rest are counted", () => {
    expect(capLines(["a", "b"], "error", 2)).toEqual(["a", "b"]);
    expect(capLines(["a", "b", "c", "d"], "error", 2)).toEqual(["a", "b", "... and 2 more error(s)."]);
  });
});
