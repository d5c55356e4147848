/**
 * Facts about a module that sit outside its resources: its backend and the provider version
 * Terraform locked. Pure: texts and parsed documents in.
 */
import type { SourceFile } from "./plan";
import { blocks, TfDocument } from "../hcl/tf-json";

/** Terraform's dependency lock file, beside the module's .tf files. */
export const LOCK_FILE = ".terraform.lock.hcl";

/** True when a terraform block of the inputs configures a backend or HCP Terraform (`cloud`): state is not a local file then. */
export function declaresBackend(sources: readonly SourceFile[]): boolean {
  return sources.some((s) => blocks((s.doc as TfDocument).terraform).some((t) => t.backend !== undefined || t.cloud !== undefined));
}

/**
 * The grafana provider version a lock file holds (`provider "registry.terraform.io/grafana/grafana"
 * { version = "2.19.0" ... }`, or registry.opentofu.org), or undefined.
 */
export function lockedGrafanaVersion(lockText: string): string | undefined {
  const block = /^provider\s+"registry\.(?:terraform\.io|opentofu\.org)\/grafana\/grafana"\s*\{([^}]*)\}/m.exec(lockText);
  return block ? /^\s*version\s*=\s*"([^"]+)"/m.exec(block[1])?.[1] : undefined;
}
