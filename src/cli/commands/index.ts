/**
 * The commands of grafana-sa, declared as data: name, summary, usage, options, examples and a
 * lazy handler. Parsing (../index.ts) and the help sync test read these; the long help text of
 * each command is help/cli/<name>.txt. Handlers are imported only when their command runs, so
 * `grafana-sa --help` loads neither cdktf nor the HCL parser nor the planner.
 */

import type { Command, OptionSpec } from "../command-types";

export type { Command, CommandContext, CommandHandler, OptionSpec, OptionValues } from "../command-types";

const outputOptions = {
  out: { type: "string", value: "DIR", description: "Write the migrated module to DIR (must be outside the inputs)." },
  format: { type: "string", value: "hcl|json|both", description: "Form of the generated file; default json when every input is JSON, else hcl." },
  "dry-run": { type: "boolean", description: "Print the plan and write nothing." },
  "in-place": { type: "boolean", description: "Rewrite the inputs themselves, keeping <file>.grafana-sa.bak backups." },
  force: { type: "boolean", description: "Replace a non-empty DIR, or overwrite existing backups." },
} as const satisfies Record<string, OptionSpec>;

export const COMMANDS: readonly Command[] = [
  {
    name: "migrate",
    summary: "Replace legacy API keys with service accounts and tokens.",
    usage: "grafana-sa migrate <paths...> --out DIR [options]",
    options: {
      ...outputOptions,
      strategy: { type: "string", value: "per-key|per-role", description: "One service account per key (default) or per org/stack and role." },
      "account-name": { type: "string", value: "TPL", description: 'Service account name template; default "sa-{name}" (per-key) or "sa-{role}" (per-role).' },
      "token-name": { type: "string", value: "TPL", description: 'Token name template; default "{name}-token".' },
      adopt: { type: "boolean", description: "Import the sa-autogen-<key> accounts Grafana's own migration made." },
      "adopt-ids": { type: "string", value: "FILE.json", description: "Service account IDs to adopt, by key name or address (implies --adopt)." },
      "revoke-legacy": { type: "boolean", description: "Destroy (revoke) the legacy keys instead of leaving them alive." },
      engine: { type: "string", value: "terraform|opentofu", description: "The tool that runs the module (default: from the lock file's registry)." },
      definitions: { type: "string", value: "FILE", description: "Add keys described as { name, role, ttl } objects (.json, .js, .cjs)." },
      check: { type: "boolean", description: "Write nothing; exit 3 when legacy keys remain in the inputs." },
      "no-color": { type: "boolean", description: "No colours in the --dry-run diff (also: the NO_COLOR environment variable)." },
      output: { type: "string", value: "human|json|sarif|github", description: "Form of the --check report: text (default), JSON, SARIF 2.1.0, or GitHub annotations." },
    },
    examples: [
      "grafana-sa migrate infra/ --out migrated/",
      "grafana-sa migrate main.tf keys.tf --out migrated/ --strategy per-role",
      "grafana-sa migrate cdktf.out/stacks/app/cdk.tf.json --out migrated/ --format json",
      "grafana-sa migrate infra/ --dry-run",
      "grafana-sa migrate infra/ --check",
      "grafana-sa migrate infra/ --in-place --revoke-legacy",
    ],
    // The worker thread starts before the command's modules load: its hcl2json set-up is on
    // the critical path of every parse.
    load: async () => ((await import("../worker")).startWorker(), import("./migrate")),
  },
  {
    name: "revert",
    summary: "Emergency only: turn service account tokens back into API keys.",
    usage: "grafana-sa revert <paths...> --out DIR [--token ADDRESS]... [options]",
    options: {
      ...outputOptions,
      token: { type: "string", multiple: true, value: "ADDRESS", description: "Revert only this grafana_service_account_token (repeatable); default all." },
      "whole-accounts": { type: "boolean", description: "Also revert the other tokens of the accounts that go (Grafana deletes them with the account)." },
    },
    examples: ["grafana-sa revert migrated/ --out reverted/", "grafana-sa revert migrated/ --out reverted/ --token grafana_service_account_token.foo"],
    load: () => import("./revert"),
  },
  {
    name: "finish",
    summary: "Phase 2: drop the removed/import blocks, raise the provider.",
    usage: "grafana-sa finish <dir> --out DIR | --in-place | --dry-run [options]",
    options: {
      out: outputOptions.out,
      "in-place": outputOptions["in-place"],
      "dry-run": outputOptions["dry-run"],
      force: outputOptions.force,
      "provider-version": { type: "string", value: "CONSTRAINT", description: 'The grafana provider constraint to set; default "~> 4.0".' },
      state: { type: "string", value: "FILE", description: "The state as JSON (terraform show -json): refuse while it holds legacy keys." },
    },
    examples: ["grafana-sa finish migrated/ --in-place", "grafana-sa finish migrated/ --out phase2/ --state state.json"],
    load: () => import("./finish"),
  },
  {
    name: "verify",
    summary: "Check a saved terraform plan against the migration report.",
    usage: "grafana-sa verify <plan.json> [--report FILE] [--output human|json|sarif|github]",
    options: {
      report: { type: "string", value: "FILE", description: "The migration's migration-report.json; default ./migration-report.json." },
      output: { type: "string", value: "human|json|sarif|github", description: "Form of the result: text (default), JSON, SARIF 2.1.0, or GitHub annotations." },
      json: { type: "boolean", description: "Same as --output json." },
    },
    examples: ["terraform show -json tfplan > plan.json && grafana-sa verify plan.json", "grafana-sa verify plan.json --report migrated/migration-report.json --output sarif"],
    load: () => import("./verify"),
  },
  {
    name: "inspect",
    summary: "List what a Grafana made of its legacy keys (read-only).",
    usage: "GRAFANA_AUTH=... grafana-sa inspect --url URL [--org ID] [--adopt-ids-out FILE] [--output human|json]",
    options: {
      url: { type: "string", value: "URL", description: "The Grafana (or Grafana Cloud stack) URL; credentials come from GRAFANA_AUTH only." },
      org: { type: "string", value: "ID", description: "The organization to read; default the credential's own." },
      "adopt-ids-out": { type: "string", value: "FILE", description: "Write the IDs of the sa-autogen accounts and tokens for migrate --adopt-ids." },
      output: { type: "string", value: "human|json", description: "Form of the result: text (default) or JSON." },
    },
    examples: ["GRAFANA_AUTH=admin:secret grafana-sa inspect --url https://grafana.example.com", "grafana-sa inspect --url https://mystack.grafana.net --adopt-ids-out adopt-ids.json"],
    load: () => import("./inspect"),
  },
  {
    name: "help",
    summary: "Show help for a command or topic.",
    usage: "grafana-sa help [topic]",
    options: {},
    examples: ["grafana-sa help migrate", "grafana-sa help templates"],
    load: () => import("./help"),
  },
];

/** Help topics, each a file help/cli/<topic>.txt (help-topics.ts, which the help command reads too). */
export { HELP_TOPICS } from "../help-topics";

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The closest of `candidates` to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}
