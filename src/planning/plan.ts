import type { ServiceAccountRole } from "../model/role";
import type { IgnoredKey, LegacyKeyType, MetaArguments, SourceRef } from "./legacy";
import type { Rewrite } from "./references";
import type { CarriedComments, HclFile } from "../hcl/file";
import type { TfDocument } from "../hcl/tf-json";
import type { Engine } from "./engine";

/** per-key: one service account per key. per-role: one per org-or-stack and role. */
export type Strategy = "per-key" | "per-role";

/** oss: grafana_service_account(_token). cloud-stack: the grafana_cloud_stack_* variants. */
export type AccountKind = "oss" | "cloud-stack";

/** One --adopt-ids entry: "42", "1:42", or { account: "1:42", token: 7 } (checked in adopt-ids.ts). */
export type AdoptIdValue = string | { readonly account: string; readonly token?: number | string };

export interface MigrationOptions {
  /** @default "per-key" */
  readonly strategy?: Strategy;
  /**
   * Service account name template: {name} (the key's name), {role} (lowercase), {org}, {stack}.
   * @default "sa-{name}" per key, "sa-{role}" per role
   */
  readonly accountName?: string;
  /**
   * Token name template, same placeholders. Must differ from the key's name: Grafana keeps
   * keys and tokens in one table, unique per org and name, and the key still exists.
   * @default "{name}-token"
   */
  readonly tokenName?: string;
  /** Let Terraform destroy the legacy keys (revoking them) instead of forgetting them. @default false */
  readonly revokeLegacy?: boolean;
  /**
   * Import the `sa-autogen-{keyName}` accounts that Grafana's own migration made, instead of
   * creating accounts. Optional map from key name (or key address) to service account ID
   * (adopt-ids.ts: "42", "1:42", or { account: "1:42", token: 7 }); `file` names it in errors.
   * A key missing from it would need the grafana_service_account data source, which provider
   * releases before 4.22.0 (phase 1 runs one) cannot page through: such a plan is refused.
   */
  readonly adopt?: boolean | { readonly ids?: Readonly<Record<string, AdoptIdValue>>; readonly file?: string };
  /**
   * The tool that runs the module: OpenTofu before 1.10 rejects `lifecycle` in removed blocks
   * (see engine.ts). @default "terraform"
   */
  readonly engine?: Engine;
}

/** A service account the migration creates or adopts. */
export interface PlannedAccount {
  readonly kind: AccountKind;
  readonly resourceName: string;
  readonly address: string;
  readonly name: string;
  readonly role: ServiceAccountRole | string;
  readonly orgId?: string;
  readonly stackSlug?: string;
  readonly meta: MetaArguments;
  /**
   * Set in adopt mode: how the existing account is imported (its block gets
   * lifecycle.prevent_destroy: deleting it would delete the old key's secret with it).
   */
  readonly adopt?: { readonly importId?: string; readonly lookup?: PlannedLookup };
  readonly fromKeys: string[];
  /** Comments written on the key this account alone replaces (role, org, and those above it). */
  readonly comments?: CarriedComments;
}

/** A data source that finds an adopted account's ID by name. */
export interface PlannedLookup {
  readonly resourceName: string;
  readonly address: string;
  readonly name: string;
  readonly orgId?: string;
  readonly provider?: string;
}

/** A token that replaces one legacy key. */
export interface PlannedToken {
  readonly kind: AccountKind;
  readonly resourceName: string;
  readonly address: string;
  readonly name: string;
  readonly account: string;
  readonly secondsToLive?: number | string;
  readonly stackSlug?: string;
  readonly meta: MetaArguments;
  readonly fromKey: string;
  /** Comments written on the key, for the token's arguments; the rest when no account of its own takes them. */
  readonly comments?: CarriedComments;
}

export interface PlannedRemoval {
  readonly from: string;
  /** false: Terraform forgets the key and it keeps working. */
  readonly destroy: boolean;
}

/** Where a module's constraint is, and what the migration made of it. */
export interface ConstraintPlacement {
  /** The inputs' directory ("." for none). */
  readonly module: string;
  /** The input file that holds it; undefined: the generated file (generated), or nowhere. */
  readonly file?: string;
  /** 1-based line of the constraint in the file as written out. */
  readonly line?: number;
  /** True when the generated file's required_providers carries it. */
  readonly generated: boolean;
  readonly previous?: string;
  readonly constraint: string;
  readonly changed: boolean;
  /** Why it changed; empty when it did not. */
  readonly reason: string;
}

export interface Diagnostic {
  readonly level: "error" | "warning" | "info";
  /** Stable id, for example GRAFANA-ADMIN-KEY. */
  readonly code: string;
  readonly message: string;
  readonly address?: string;
  readonly source?: SourceRef;
}

/** One legacy key and what replaces it, for the report. No key material, ever. */
export interface ReportEntry {
  readonly legacy: string;
  readonly legacyType: LegacyKeyType;
  readonly source: SourceRef;
  readonly keyName: string;
  readonly role: string;
  /** "30s", "1M", "never", or the expression. */
  readonly ttl: string;
  readonly account: string;
  readonly accountName: string;
  readonly token: string;
  readonly tokenName: string;
  readonly legacyKeyFate: "kept (forgotten by Terraform)" | "revoked (destroyed by Terraform)";
  /**
   * How many keys Terraform manages for this resource, and so how many tokens (and, per key,
   * accounts) replace it: 1 without count or for_each, null when count or for_each is only
   * known when Terraform runs (a variable, a reference).
   */
  readonly instances: number | null;
  readonly instancedBy: "count" | "for_each" | null;
  /** What happens when Grafana has already turned the key into a token of sa-autogen-{name}, and how to revoke that token. */
  readonly ifConverted: ConvertedKey;
  readonly warnings: string[];
}

/** A key Grafana converted: the account and token it became, and the API call that revokes the token. */
export interface ConvertedKey {
  readonly account: string;
  readonly token: string;
  /** The request, with the real IDs when --adopt-ids gave them, else {serviceAccountId} and {tokenId}. */
  readonly revoke: string;
  /** The command that finds the IDs; null when the request has them. */
  readonly findIds: string | null;
}

/** An input file with legacy blocks taken out and references rewritten, in its own format. */
export interface RewrittenFile {
  readonly path: string;
  readonly format: "hcl" | "json";
  readonly content: string;
  readonly changed: boolean;
  /**
   * The file held nothing but what the plan takes out (legacy keys, or a revert's accounts and
   * tokens): it is not carried over, and --in-place deletes it (keeping a backup).
   */
  readonly deleted?: boolean;
}

/** A configuration file handed to the planner: its text and its parsed Terraform JSON. */
export interface SourceFile {
  readonly path: string;
  /** definitions: keys described in TypeScript, with no file to rewrite. */
  readonly format: "hcl" | "json" | "definitions";
  readonly text: string;
  readonly doc: TfDocument;
  /** The .tf file as blocks, if the reader has it already (parsing .tf files finds the blocks). */
  readonly hcl?: HclFile;
}

/** Everything a migration will do. Plain data: the CLI prints it, MigrationStack renders it. */
export interface MigrationPlan {
  readonly strategy: Strategy;
  readonly accounts: PlannedAccount[];
  readonly tokens: PlannedToken[];
  readonly removals: PlannedRemoval[];
  readonly files: RewrittenFile[];
  readonly rewrites: Rewrite[];
  readonly entries: ReportEntry[];
  readonly ignored: IgnoredKey[];
  readonly diagnostics: Diagnostic[];
  /** Set when the plan uses removed or import blocks. */
  readonly requiredVersion?: string;
  /** The tool the module runs with; undefined: terraform. */
  readonly engine?: Engine;
  /**
   * True when an input has a required_providers block. Terraform allows one per module, so
   * the generated file must not add its own.
   */
  readonly declaresRequiredProviders: boolean;
  /** Each migrated module's grafana provider constraint: where it is and what the migration made of it. */
  readonly providerConstraints?: ConstraintPlacement[];
  /** The version constraint the generated file's required_providers carries (when no input lists providers). */
  readonly providerVersion?: string;
}

export function hasErrors(plan: Pick<MigrationPlan, "diagnostics">): boolean {
  return plan.diagnostics.some((d) => d.level === "error");
}

/** A file the rewrite left with nothing (only whitespace) is deleted, not written nearly empty. */
export function emptied(content: string, original: string): { deleted?: true } {
  return content.trim() === "" && original.trim() !== "" ? { deleted: true } : {};
}
