import type { MigrationPlan, SourceFile } from "../planning/plan";

/** A sensitive output the CLI adds for each new token, so consumers can read its secret. */
export interface TokenOutput {
  readonly token: string;
  readonly name: string;
  /** A Terraform expression: the token's key, or a list/map of them for count/for_each. */
  readonly expression: string;
  /** "raw" for one token (`terraform output -raw`), "json" for a list or map. */
  readonly read: "raw" | "json";
  readonly description: string;
}

/** Pure: one output per token, named <token>_token unless the inputs already use that name. */
export function tokenOutputs(plan: MigrationPlan, sources: SourceFile[]): TokenOutput[] {
  const taken = new Set<string>();
  for (const s of sources) if (typeof s.doc.output === "object" && s.doc.output !== null) Object.keys(s.doc.output).forEach((n) => taken.add(n));
  return plan.tokens.map((t) => {
    let name = `${t.resourceName}_token`;
    for (let n = 2; taken.has(name); n++) name = `${t.resourceName}_token_${n}`;
    taken.add(name);
    const expression =
      t.meta.forEach !== undefined ? `{ for k, t in ${t.address} : k => t.key }` : t.meta.count !== undefined ? `${t.address}[*].key` : `${t.address}.key`;
    return { token: t.address, name, expression, read: t.meta.forEach !== undefined || t.meta.count !== undefined ? "json" : "raw", description: `The token that replaces ${t.fromKey}.` };
  });
}
