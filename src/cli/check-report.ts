/**
 * The report of legacy keys left in a configuration, in the forms CI tools read: `human` (the
 * default), `json`, `sarif` (code scanning) and `github` (workflow-command annotations).
 * Pure: findings in, text out. A command that checks a configuration (`migrate --check` today)
 * finds the keys and picks the form; nothing here is specific to migrate. Keys are named by
 * address only: no value of the configuration is ever printed.
 */
import { usageError } from "./errors";
import { renderRemaining } from "../report/render";

export const CHECK_OUTPUTS = ["human", "json", "sarif", "github"] as const;
export type CheckOutput = (typeof CHECK_OUTPUTS)[number];

/** One legacy key declared in the inputs. */
export interface LegacyKeyFinding {
  readonly address: string;
  readonly type: string;
  /** The file as the user named it (the human form prints this). */
  readonly display: string;
  /** Relative to the working directory, with forward slashes: what CI tools resolve. */
  readonly file: string;
  /** 1-based line of the declaration. */
  readonly line: number;
}

// The package's page: the project publishes no other home page.
const INFORMATION_URI = "https://www.npmjs.com/package/cdktf-grafana-service-accounts";
const RULE_ID = "GRAFANA-LEGACY-KEY";
const TITLE = "Legacy Grafana API key";
const FIX = "Run grafana-sa migrate on the configuration to replace each legacy API key with a service account and token (grafana-sa help migrate).";

/** The --output value, or a usage error naming the allowed ones. Undefined means human. */
export function checkOutput(value: unknown): CheckOutput {
  if (value === undefined) return "human";
  if (!(CHECK_OUTPUTS as readonly unknown[]).includes(value)) throw usageError(`--output must be one of ${CHECK_OUTPUTS.join(", ")}, not "${String(value)}".`);
  return value as CheckOutput;
}

const message = (f: LegacyKeyFinding) => `${f.address} is a legacy API key; run grafana-sa migrate to replace it with a service account and token.`;

export function renderCheckReport(findings: readonly LegacyKeyFinding[], output: CheckOutput, version: string): string {
  switch (output) {
    case "human":
      return renderRemaining(findings.map((f) => ({ address: f.address, file: f.display })));
    case "json":
      return `${JSON.stringify({ legacyKeys: findings.map(({ address, type, file, line }) => ({ address, type, file, line })), count: findings.length }, null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(sarif(findings, version), null, 2)}\n`;
    case "github":
      return githubAnnotations(findings.map((f) => ({ file: f.file, line: f.line, level: "error", title: TITLE, message: message(f) })));
  }
}

/** One rule of a SARIF report: what kind of problem its results are. */
export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly fix: string;
}

/**
 * One result, shared by the SARIF and GitHub forms: a file relative to the working directory
 * (forward slashes) and, where the problem has one, its line. Without a line the result points
 * at the whole file (a saved plan's entries have no source line).
 */
export interface Annotation {
  readonly file: string;
  readonly line?: number;
  readonly level: "error" | "warning" | "note";
  readonly title: string;
  readonly message: string;
}

function sarif(findings: readonly LegacyKeyFinding[], version: string) {
  const rule = { id: RULE_ID, name: "LegacyGrafanaApiKey", title: TITLE, description: "grafana_api_key and grafana_cloud_stack_api_key are legacy API keys: Grafana replaced them with service accounts and tokens, and provider 3.0 removed them.", fix: FIX };
  return sarifLog(rule, findings.map((f) => ({ file: f.file, line: f.line, level: "error", title: TITLE, message: message(f) })), version);
}

/** SARIF 2.1.0, as GitHub code scanning and other tools read it: one rule, one result per annotation. */
export function sarifLog(rule: SarifRule, results: readonly Annotation[], version: string) {
  return {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      {
        tool: {
          driver: {
            name: "grafana-sa",
            version,
            informationUri: INFORMATION_URI,
            rules: [
              {
                id: rule.id,
                name: rule.name,
                shortDescription: { text: rule.title },
                fullDescription: { text: rule.description },
                help: { text: rule.fix },
                helpUri: INFORMATION_URI,
                defaultConfiguration: { level: "error" },
              },
            ],
          },
        },
        results: results.map((r) => ({
          ruleId: rule.id,
          ruleIndex: 0,
          level: r.level,
          message: { text: r.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: r.file.split("/").map(encodeURIComponent).join("/") }, ...(r.line === undefined ? {} : { region: { startLine: r.line } }) } }],
        })),
      },
    ],
  };
}

/** GitHub workflow-command annotations, one line each. */
export function githubAnnotations(results: readonly Annotation[]): string {
  const command = { error: "error", warning: "warning", note: "notice" } as const;
  return results.map((r) => `::${command[r.level]} file=${property(r.file)}${r.line === undefined ? "" : `,line=${r.line}`},title=${property(r.title)}::${data(r.message)}\n`).join("");
}

// GitHub's workflow commands: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
