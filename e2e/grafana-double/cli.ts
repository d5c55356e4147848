/**
 * Runs the Grafana HTTP API TEST DOUBLE (not Grafana) in the foreground, for trying the provider
 * or the project's CLI by hand:
 *
 *   npx ts-node --transpile-only e2e/grafana-double/cli.ts [--port 3000]
 *       [--admin admin:admin] [--org 1 --org 2] [--grafana 9.4|10|11.3|12.1]
 *       [--startup-migration | --no-startup-migration] [--api-key-max-seconds-to-live N]
 *
 * --grafana picks the Grafana version the double plays (default 11.3; see
 * grafana-double/versions.ts for what each one does and where that comes from).
 *
 * Prints the URL, then one line per request (method, path, status, auth kind; never a secret).
 * Ctrl-C prints the final state (without secrets) and stops.
 */
import { GrafanaDouble, GrafanaDoubleOptions, GRAFANA_VERSIONS, parseGrafanaVersion } from ".";

const USAGE = `usage: e2e/grafana-double/cli.ts [--port N] [--admin user:pass] [--org ID]... [--grafana ${GRAFANA_VERSIONS.join("|")}] [--startup-migration|--no-startup-migration] [--api-key-max-seconds-to-live N]`;

function parseArgs(argv: string[]): GrafanaDoubleOptions {
  const opts: GrafanaDoubleOptions = {};
  const orgs: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--port") opts.port = Number(next());
    else if (a === "--admin") {
      const [user, ...pass] = next().split(":");
      opts.adminUser = user;
      opts.adminPassword = pass.join(":");
    } else if (a === "--org") orgs.push(Number(next()));
    else if (a === "--grafana") opts.grafana = parseGrafanaVersion(next());
    else if (a === "--startup-migration") opts.startupMigration = true;
    else if (a === "--no-startup-migration") opts.startupMigration = false;
    else if (a === "--api-key-max-seconds-to-live") opts.apiKeyMaxSecondsToLive = Number(next());
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (orgs.length) opts.orgs = orgs;
  return opts;
}

async function main(): Promise<void> {
  const double = new GrafanaDouble(parseArgs(process.argv.slice(2)));
  await double.start();
  console.log(`Grafana API TEST DOUBLE (not Grafana ${double.grafana}) listening on ${double.url} (basic auth ${double.adminAuth.split(":")[0]}:***)`);
  let seen = 0;
  const timer = setInterval(() => {
    const log = double.requests;
    for (const e of log.slice(seen)) {
      console.log(`${e.method} ${e.path} -> ${e.status} [${e.auth}${e.orgId ? ` org ${e.orgId}` : ""}]${e.unhandled ? " UNHANDLED" : ""}${e.removed ? " (not in this Grafana version)" : ""}`);
    }
    seen = log.length;
  }, 200);
  const shutdown = async (): Promise<void> => {
    clearInterval(timer);
    console.log(JSON.stringify(double.state(), null, 2));
    await double.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

main().catch((err) => {
  console.error(`grafana-double: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
