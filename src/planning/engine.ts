/**
 * Which tool runs the migrated module, Terraform or OpenTofu, and what that changes: the
 * `removed` blocks' form, the required_version, the commands in the report. Pure.
 *
 * `removed` blocks, per engine (read at the tags, no code copied):
 *   - Terraform >= 1.7: `removed { from = ...  lifecycle { destroy = false | true } }`.
 *   - OpenTofu 1.7 to 1.9: `removed` takes `from` only (internal/configs/removed.go at v1.9.4:
 *     removedBlockSchema has the one attribute and no block types), so a `lifecycle` block is
 *     HCL's "Unsupported block type" error, and a removed block always forgets the object.
 *   - OpenTofu 1.10 adds `lifecycle { destroy = ... }` and provisioners (CHANGELOG 1.10.0,
 *     opentofu#2556; internal/configs/removed.go at v1.10.10: Destroy defaults to false, with
 *     the warning "Missing lifecycle from the removed block" when no lifecycle sets it).
 * So with OpenTofu, forgetting writes `removed { from }` alone (1.7 and later), and destroying
 * (--revoke-legacy) needs `lifecycle { destroy = true }`, which only 1.10 and later accept.
 */
export type Engine = "terraform" | "opentofu";
export const ENGINES: readonly Engine[] = ["terraform", "opentofu"];

/** The command that runs an engine. */
export const engineCommand = (engine: Engine): string => (engine === "opentofu" ? "tofu" : "terraform");

/** The engine a lock file was written by: OpenTofu locks providers under registry.opentofu.org. */
export function engineFromLock(lockText: string): Engine | undefined {
  const hosts = [...lockText.matchAll(/^provider\s+"([^/"]+)\//gm)].map((m) => m[1]);
  if (hosts.length === 0) return undefined;
  return hosts.some((h) => h === "registry.opentofu.org") ? "opentofu" : "terraform";
}

/** How removed blocks are written and what the module's required_version must be. */
export interface RemovedForm {
  /** Write `lifecycle { destroy = ... }` in each removed block. */
  readonly lifecycle: boolean;
  readonly requiredVersion: string;
}

export function removedForm(engine: Engine | undefined, removals: readonly { readonly destroy: boolean }[]): RemovedForm {
  if (engine !== "opentofu") return { lifecycle: true, requiredVersion: ">= 1.7" };
  // One destroying block needs 1.10; then every block states its fate, as 1.10 recommends.
  return removals.some((r) => r.destroy) ? { lifecycle: true, requiredVersion: ">= 1.10" } : { lifecycle: false, requiredVersion: ">= 1.7" };
}
