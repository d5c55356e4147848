/**
 * What --dry-run shows after the plan: each rewritten input as a unified diff against its
 * original, and each generated file against nothing. The generated configuration holds no
 * secret; an input may (a provider's `auth = "admin:..."`), and a diff prints lines around
 * every change, so credential-like literals are shown as (sensitive value).
 */
import { soleExpression } from "../hcl/template";
import { unifiedDiff } from "./diff";
import type { PlannedFile } from "./layout";

/**
 * `originals`: input display path to its text as read. `removed`: inputs the rewrite empties,
 * which a real run leaves out (or deletes in place): shown as deleted.
 */
export function renderChanges(files: readonly PlannedFile[], originals: ReadonlyMap<string, string>, color: boolean, removed: readonly string[] = []): string {
  const slashes = (path: string) => path.replace(/\\/g, "/");
  const written = files
    .filter((f) => f.kind === "input" || f.kind === "generated")
    .map((f) => {
      const original = f.source === undefined ? undefined : originals.get(f.source);
      const from = f.source === undefined || original === undefined ? null : `a/${slashes(f.source)}`;
      return unifiedDiff(original ?? "", f.content, { from, to: `b/${slashes(f.display)}`, color, show: hideCredentials });
    });
  const deleted = removed.map((path) => unifiedDiff(originals.get(path) ?? "", "", { from: `a/${slashes(path)}`, to: null, color, show: hideCredentials }));
  return [...written, ...deleted].join("");
}

// An attribute (HCL `name = "..."`, JSON `"name": "..."`, also inline in `{ ... }`) whose name
// says it holds a credential, with a string literal value.
const CREDENTIAL = /((?:^|[\s{,])"?[\w-]*(?:auth|password|passwd|secret|token|api_?key|private_?key|credential|access_?key)[\w-]*"?\s*[=:]\s*)("(?:[^"\\]|\\.)*")/gi;
// Grafana token and JWT shapes, wherever they appear.
const SECRET_SHAPES = /glsa_[A-Za-z0-9_]{8,}|glc_[A-Za-z0-9+/=_]{8,}|eyJ[A-Za-z0-9+/=_-]{10,}/g;

/** The line with credential literals replaced; references and `${...}` expressions stay. */
export function hideCredentials(line: string): string {
  return line
    .replace(CREDENTIAL, (all, name: string, value: string) => (soleExpression(value.slice(1, -1)) === undefined ? `${name}(sensitive value)` : all))
    .replace(SECRET_SHAPES, "(sensitive value)");
}
