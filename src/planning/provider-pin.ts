/**
 * The grafana provider version constraint of each migrated module, narrowed so phase 1 runs
 * (provider-constraint.ts says what to), written where the user wrote it: their
 * required_providers entry (a text edit in .tf, a JSON rewrite in .tf.json), an entry added to
 * their list, or the generated file's list when the module has none. Pure.
 */
import { HclFile } from "../hcl/file";
import type { LegacyKey } from "./legacy";
import type { ConstraintPlacement, PlannedAccount, RewrittenFile, SourceFile } from "./plan";
import { narrowConstraint, ProviderFeature } from "./provider-constraint";
import { jsonKeyLine } from "./source-lines";
import { blocks, isObject, TfObject, TfValue } from "../hcl/tf-json";

export const PROVIDER_SOURCE = "grafana/grafana";

/** What one key's migration needs of the provider: the key type (still in state) and what replaces it. */
export function keyFeatures(key: Pick<LegacyKey, "type" | "providerV1CloudForm">, account: Pick<PlannedAccount, "kind" | "orgId">): ProviderFeature[] {
  const features: ProviderFeature[] = [key.type === "grafana_cloud_stack_api_key" ? "cloudStackApiKey" : "apiKey"];
  if (key.providerV1CloudForm) features.push("cloudStackSlug");
  features.push(account.kind === "cloud-stack" ? "cloudStackServiceAccounts" : "serviceAccounts");
  if (account.orgId !== undefined) features.push("orgId");
  return features;
}

/** The directory of an input path, as the module it belongs to. */
export const moduleOf = (path: string): string => path.replace(/[\\/]?[^\\/]*$/, "") || ".";

const listsProviders = (doc: SourceFile["doc"]) => blocks(doc.terraform).some((t) => t.required_providers !== undefined);

interface Site {
  readonly previous?: string;
  readonly write: (constraint: string) => { content: string; line?: number };
}

/**
 * Narrows each module's constraint for the features its keys need (`needs`: per input file).
 * Returns the rewritten files with the edits, a placement per module with keys, and the
 * constraint the generated file's required_providers carries (when no input lists providers).
 */
export function pinProvider(
  sources: readonly SourceFile[],
  rewritten: readonly RewrittenFile[],
  needs: ReadonlyMap<string, ReadonlySet<ProviderFeature>>,
): { files: RewrittenFile[]; placements: ConstraintPlacement[]; generatedVersion?: string } {
  const files = [...rewritten];
  const byModule = new Map<string, Set<ProviderFeature>>();
  for (const [file, features] of needs) {
    const set = byModule.get(moduleOf(file)) ?? new Set();
    features.forEach((f) => set.add(f));
    byModule.set(moduleOf(file), set);
  }
  const anyList = sources.some((s) => listsProviders(s.doc));
  const sourceOf = new Map(sources.map((s) => [s.path, s]));
  const all = new Set([...byModule.values()].flatMap((s) => [...s]));
  const placements: ConstraintPlacement[] = [];
  for (const [module, features] of byModule) {
    const found = findSite(sourceOf, files, module);
    if (!found) {
      const change = narrowConstraint(undefined, anyList ? features : all);
      const reason = anyList
        ? `this module lists no required_providers, and the generated file adds none (another input lists providers): add grafana = { source = "${PROVIDER_SOURCE}", version = "${change.constraint}" } to a terraform block of this module. ${change.reason}`
        : change.reason;
      placements.push({ module, generated: !anyList, constraint: change.constraint, changed: !anyList, reason });
      continue;
    }
    const { index, site } = found;
    const change = narrowConstraint(site.previous, features);
    const written = site.write(change.constraint);
    if (change.changed) files[index] = { ...files[index], content: written.content, changed: true };
    placements.push({ module, file: files[index].path, line: written.line, generated: false, previous: change.previous, constraint: change.constraint, changed: change.changed, reason: change.reason });
  }
  return { files, placements, generatedVersion: anyList || all.size === 0 ? undefined : narrowConstraint(undefined, all).constraint };
}

/** The first required_providers list among a module's rewritten inputs. */
function findSite(sources: ReadonlyMap<string, SourceFile>, files: readonly RewrittenFile[], module: string): { index: number; site: Site } | undefined {
  for (let index = 0; index < files.length; index++) {
    const file = files[index];
    const source = sources.get(file.path);
    if (!source || moduleOf(file.path) !== module || !listsProviders(source.doc)) continue;
    const site = file.format === "json" ? jsonSite(file.content) : hclSite(file.content);
    if (site) return { index, site };
  }
  return undefined;
}

function hclSite(content: string): Site | undefined {
  const site = HclFile.of(content).requiredProviderSite("grafana", PROVIDER_SOURCE);
  return site && { previous: site.previous, write: (c) => { const w = site.write(c); return { content: w.text, line: w.line }; } };
}

/** The grafana entry of a Terraform JSON document's first required_providers (string or object form). */
function jsonSite(content: string): Site | undefined {
  const doc = JSON.parse(content) as TfObject;
  const list = blocks(doc.terraform).flatMap((t) => blocks(t.required_providers))[0];
  if (!list) return undefined;
  const entry: TfValue = list.grafana;
  const previous = typeof entry === "string" ? entry : isObject(entry) && typeof entry.version === "string" ? entry.version : undefined;
  return {
    previous,
    write: (c) => {
      if (typeof entry === "string") list.grafana = c;
      else if (isObject(entry)) entry.version = c;
      else list.grafana = { source: PROVIDER_SOURCE, version: c };
      const out = `${JSON.stringify(doc, null, 2)}\n`;
      const terraformPath = ["terraform", "required_providers", "grafana"];
      return { content: out, line: jsonKeyLine(out, typeof list.grafana === "string" ? terraformPath : [...terraformPath, "version"]) };
    },
  };
}
