import type { MigrationPlan } from "../../src/planning/plan";
import { renderPlan, reportJson, reportMarkdown, RenderContext } from "../../src/cli/render";

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
