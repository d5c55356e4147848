/**
 * Once per `npm run test:e2e`: when no real Grafana provider release is installed, the scenario
 * suites' real-provider runs are skipped (describeEachProviderSet); this is the one line that
 * says so and how to enable them. With CI set they fail instead, unless E2E_OPTIONAL lists
 * "provider".
 */
import { ENABLE_REAL_COMMAND, realSetStatus } from "./provider-sets";

export default function globalSetup(): void {
  const optional = (process.env.E2E_OPTIONAL ?? "").split(",").map((x) => x.trim());
  if (realSetStatus() === undefined && (!process.env.CI || optional.includes("provider"))) {
    // eslint-disable-next-line no-console
    console.log(`\n[e2e] no real Grafana provider release installed: the runs against real releases are skipped. Enable them with: ${ENABLE_REAL_COMMAND}`);
  }
}
