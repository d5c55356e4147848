/**
 * Phase 2 of a migration (#10), once phase 1 is applied: the `removed` and `import` blocks the
 * migration wrote have done their work, so they go, and the grafana provider constraint is
 * raised to the 4.x line. Pure: file texts and the report in, new texts out.
 */
import { LEGACY_KEY_TYPES } from "./legacy";
import { lineNumber } from "../hcl/blocks";
import { HclFile } from "../hcl/file";
import { blocks, TfDocument } from "../hcl/tf-json";
import { resourceOf } from "./verify-plan";

export const PHASE_2_CONSTRAINT = "~> 4.0";

export interface FinishFile {
  /** As shown to the user. */
  readonly path: string;
  readonly format: "hcl" | "json";
  readonly text: string;
  /** The migration's generated file: the only one whose removed and import blocks are the migration's. */
  readonly generated: boolean;
}

/** The parts of migration-report.json finish reads. */
export interface FinishReport {
  readonly keys: ReadonlyArray<{ readonly legacy: string }>;
  readonly accounts: ReadonlyArray<{ readonly address: string; readonly adopt?: unknown }>;
  /** Where the migration found (or wrote) the grafana constraint, when the report says. */
  readonly providerConstraint?: { readonly file?: string };
}

export interface FinishOptions {
  /** Default PHASE_2_CONSTRAINT. */
  readonly providerVersion?: string;
}

export interface FinishedBlock {
  readonly kind: "removed" | "import";
  readonly address: string;
  readonly file: string;
}

export interface FinishPlan {
  /** Every file whose text changes, with its new text. */
  readonly files: { readonly path: string; readonly content: string }[];
  readonly removedBlocks: FinishedBlock[];
  readonly constraint?: { readonly file: string; readonly line: number; readonly previous?: string; readonly constraint: string; readonly changed: boolean };
  /** Provider arguments 3.0 renamed, renamed where they are written. */
  readonly renamedArguments: { readonly file: string; readonly line: number; readonly from: string; readonly to: string }[];
  /** Provider blocks that set both names: left as written, for the user to drop the old one. */
  readonly bothArguments: { readonly file: string; readonly line: number; readonly from: string; readonly to: string }[];
  /** Legacy keys still declared: finish refuses while there are any. */
  readonly legacyKeys: { readonly address: string; readonly file: string; readonly line?: number }[];
}

export function planFinish(files: readonly FinishFile[], report: FinishReport, options: FinishOptions = {}): FinishPlan {
  const wanted = options.providerVersion ?? PHASE_2_CONSTRAINT;
  const forgotten = new Set(report.keys.map((k) => k.legacy));
  const imported = new Set(report.accounts.filter((a) => a.adopt).map((a) => a.address));
  const ours = (kind: string, address: string | undefined) => address !== undefined && (kind === "removed" ? forgotten.has(address) : kind === "import" && imported.has(resourceOf(address)));
  const legacyKeys = files.flatMap(legacyDeclared);
  const removedBlocks: FinishedBlock[] = [];
  const texts = new Map(files.map((f) => [f.path, f.text]));

  for (const f of files.filter((file) => file.generated)) {
    if (f.format === "hcl") {
      const hcl = HclFile.of(f.text);
      const gone = hcl.blocks.filter((b) => {
        const address = hcl.blockArgument(b, b.kind === "removed" ? "from" : "to");
        if (!ours(b.kind, address)) return false;
        removedBlocks.push({ kind: b.kind as FinishedBlock["kind"], address: address as string, file: f.path });
        return true;
      });
      if (gone.length > 0) texts.set(f.path, hcl.removeBlocks(gone));
    } else {
      const doc = JSON.parse(f.text) as Record<string, unknown>;
      let changed = false;
      for (const [kind, arg] of [["removed", "from"], ["import", "to"]] as const) {
        if (doc[kind] === undefined) continue;
        const kept = blocks(doc[kind]).filter((b) => {
          if (!ours(kind, b[arg] as string | undefined)) return true;
          removedBlocks.push({ kind, address: b[arg] as string, file: f.path });
          return false;
        });
        if (kept.length === blocks(doc[kind]).length) continue;
        changed = true;
        if (kept.length === 0) delete doc[kind];
        else doc[kind] = kept;
      }
      if (changed) texts.set(f.path, `${JSON.stringify(doc, null, 2)}\n`);
    }
  }

  // The file the report names first, then the rest: the constraint is set where it is declared.
  const named = report.providerConstraint?.file;
  const order = [...files].sort((a, b) => Number(sameFile(b.path, named)) - Number(sameFile(a.path, named)));
  let constraint: FinishPlan["constraint"];
  for (const f of order) {
    const text = texts.get(f.path) as string;
    const set = f.format === "hcl" ? hclVersion(text, wanted) : setJsonVersion(text, wanted);
    if (!set) continue;
    const changed = set.previous !== wanted;
    constraint = { file: f.path, line: set.line, previous: set.previous, constraint: wanted, changed };
    if (changed) texts.set(f.path, set.text);
    break;
  }
  const renamedArguments: FinishPlan["renamedArguments"] = [];
  const bothArguments: FinishPlan["bothArguments"] = [];
  const names = { from: "cloud_api_key", to: "cloud_access_policy_token" };
  for (const f of files) {
    const renamed = f.format === "hcl" ? renameHclProviderArguments(texts.get(f.path) as string) : renameJsonProviderArguments(texts.get(f.path) as string);
    texts.set(f.path, renamed.text);
    renamedArguments.push(...renamed.lines.map((line) => ({ file: f.path, line, ...names })));
    bothArguments.push(...renamed.both.map((line) => ({ file: f.path, line, ...names })));
  }
  const changedFiles = files.filter((f) => texts.get(f.path) !== f.text).map((f) => ({ path: f.path, content: texts.get(f.path) as string }));
  return { files: changedFiles, removedBlocks, constraint, renamedArguments, bothArguments, legacyKeys };
}

// Provider 3.0 removed the grafana provider's cloud_api_key; cloud_access_policy_token (from 2.x,
// not in 1.x) takes the same value: 2.x already used a cloud_api_key as the access policy token
// (pkg/provider/framework_provider.go SetDefaults @ v2.19.0).
function renameHclProviderArguments(text: string): { text: string; lines: number[]; both: number[] } {
  const lines: number[] = [];
  const both: number[] = [];
  for (let skip = 0; ; ) {
    const hcl = HclFile.of(text);
    const providers = hcl.find("provider", "grafana").slice(skip);
    const block = providers.find((b) => hcl.argumentOffset(b, "cloud_api_key") !== undefined);
    if (!block) return { text, lines, both };
    skip += providers.indexOf(block) + 1;
    // Both set: 2.x already used the access policy token, so cloud_api_key did nothing; it is the
    // user's to remove (a rename would write the argument twice).
    if (hcl.argumentOffset(block, "cloud_access_policy_token") !== undefined) {
      both.push(block.line);
      continue;
    }
    const renamed = hcl.renameArgument(block, "cloud_api_key", "cloud_access_policy_token") as { text: string; line: number };
    lines.push(renamed.line);
    text = renamed.text;
  }
}

function renameJsonProviderArguments(text: string): { text: string; lines: number[]; both: number[] } {
  const doc = JSON.parse(text) as TfDocument;
  const providers = blocks((doc.provider as Record<string, unknown> | undefined)?.grafana).filter((p) => "cloud_api_key" in p);
  const line = () => lineNumber(text, text.indexOf('"cloud_api_key"'));
  const renamed = providers.filter((p) => !("cloud_access_policy_token" in p));
  if (renamed.length === 0) return { text, lines: [], both: providers.map(line) };
  for (const p of renamed) {
    p.cloud_access_policy_token = p.cloud_api_key;
    delete p.cloud_api_key;
  }
  return { text: `${JSON.stringify(doc, null, 2)}\n`, lines: renamed.map(line), both: providers.filter((p) => !renamed.includes(p)).map(line) };
}

/** The grafana entry of a .tf file's required_providers set to `wanted`, where the migration's own edit would put it. */
function hclVersion(text: string, wanted: string): { text: string; line: number; previous?: string } | undefined {
  const site = HclFile.of(text).requiredProviderSite("grafana", "grafana/grafana");
  return site && { ...site.write(wanted), previous: site.previous };
}

/** `a/b/versions.tf` is the report's `versions.tf` or `b/versions.tf`: the report names files as the migration showed them. */
function sameFile(path: string, named: string | undefined): boolean {
  if (!named) return false;
  const norm = (p: string) => p.replace(/\\/g, "/").replace(/^\.\//, "");
  return norm(path) === norm(named) || norm(path).endsWith(`/${norm(named)}`) || norm(named).endsWith(`/${norm(path)}`);
}

/** The grafana entry of a .tf.json's required_providers, set to `wanted` (re-serialized: JSON keeps no comments). */
function setJsonVersion(text: string, wanted: string): { text: string; line: number; previous?: string } | undefined {
  const doc = JSON.parse(text) as TfDocument;
  for (const t of blocks(doc.terraform)) {
    for (const providers of blocks(t.required_providers)) {
      const entry = providers.grafana;
      if (entry === undefined) continue;
      const previous = typeof entry === "string" ? entry : typeof (entry as { version?: unknown }).version === "string" ? ((entry as { version: string }).version) : undefined;
      providers.grafana = typeof entry === "string" ? wanted : { ...(entry as object), version: wanted };
      const line = lineNumber(text, text.indexOf('"grafana"', text.indexOf('"required_providers"')));
      return { text: `${JSON.stringify(doc, null, 2)}\n`, line, previous };
    }
  }
  return undefined;
}

function legacyDeclared(f: FinishFile): FinishPlan["legacyKeys"] {
  const types = new Set<string>(LEGACY_KEY_TYPES);
  if (f.format === "hcl") {
    return HclFile.of(f.text)
      .blocks.filter((b) => b.kind === "resource" && types.has(b.labels[0]))
      .map((b) => ({ address: `${b.labels[0]}.${b.labels[1]}`, file: f.path, line: b.line }));
  }
  const resources = (JSON.parse(f.text) as TfDocument).resource;
  return blocks(resources).flatMap((r) => [...types].flatMap((type) => blocks(r[type]).flatMap((named) => Object.keys(named).map((name) => ({ address: `${type}.${name}`, file: f.path })))));
}
