/**
 * Where the app's code created a construct, for the migration report's list of constructs to
 * replace. Recorded only by the legacy key constructs: capturing a stack trace costs time.
 */
import { relative, sep } from "path";
import { IConstruct } from "constructs";
import { packageRoot } from "../report/package-info";

const TYPE = "grafana-sa:created";

export function recordCreationSite(construct: IConstruct): void {
  construct.node.addMetadata(TYPE, construct.node.path, { stackTrace: true, traceFromFunction: recordCreationSite });
}

/** "main.ts:12": the first recorded frame outside this package and node_modules, on the construct or a scope above it. */
export function creationSite(node: IConstruct): string | undefined {
  const root = packageRoot();
  const library = [`${root}${sep}src${sep}`, `${root}${sep}lib${sep}`];
  for (let at: IConstruct | undefined = node; at; at = at.node.scope) {
    for (const entry of at.node.metadata) {
      for (const frame of entry.trace ?? []) {
        const m = /\(?((?:[A-Za-z]:)?[^()\s:]+):(\d+):\d+\)?$/.exec(frame);
        if (!m || /node_modules|^node:/.test(m[1]) || library.some((l) => m[1].startsWith(l))) continue;
        return `${relative(process.cwd(), m[1]).split(sep).join("/")}:${m[2]}`;
      }
    }
  }
  return undefined;
}
