/**
 * The grafana provider version a migration's phase 1 needs, and the smallest change to a
 * user's version constraint that gets it.
 *
 * Phase 1 must run on a release that still has every legacy key type of the inputs (they leave
 * the state through `removed` blocks, and a provider without their schema cannot even read the
 * state: `no schema available for grafana_api_key.x while reading state`) and already has every
 * type and argument the migration generates. Facts are release tags of
 * grafana/terraform-provider-grafana (see ../../schema/reference for the schemas of 1.43.0,
 * 2.19.0 and 4.45.1).
 */

/** major.minor.patch; a constraint's partial version ("2.19") is padded with zeros. */
export type Version = readonly [number, number, number];

/** What the migration's output needs of the provider, each with the reason it is needed. */
export interface ProviderNeed {
  /** The first release that has it. */
  readonly since?: Version;
  /** The first release that no longer has it. */
  readonly until?: Version;
  readonly why: string;
}

/** The provider features a migration can depend on. */
export const PROVIDER_FEATURES = {
  serviceAccounts: { since: [1, 26, 0], why: "grafana_service_account and grafana_service_account_token first exist in 1.26.0" },
  cloudStackApiKey: { since: [1, 36, 0], until: [3, 0, 0], why: "grafana_cloud_stack_api_key exists from 1.36.0 until 3.0.0" },
  cloudStackServiceAccounts: { since: [1, 37, 0], why: "grafana_cloud_stack_service_account and its token first exist in 1.37.0" },
  orgId: { since: [1, 40, 0], why: "org_id on keys and service accounts first exists in 1.40.0" },
  apiKey: { until: [3, 0, 0], why: "grafana_api_key is removed in 3.0.0; the keys must leave the state before the upgrade" },
  cloudStackSlug: { until: [2, 0, 0], why: "cloud_stack_slug on grafana_api_key is removed in 2.0.0" },
} as const satisfies Record<string, ProviderNeed>;

export type ProviderFeature = keyof typeof PROVIDER_FEATURES;

/** The last release of each major line that matters here (1.x ends at 1.43.x). */
const LAST_1X: Version = [1, 43, 0];

interface Bounds {
  /** Inclusive. */
  lower: Version;
  /** Exclusive; undefined: no upper bound. */
  upper?: Version;
}

export interface ConstraintChange {
  /** The constraint to write. */
  readonly constraint: string;
  /** The user's, or undefined when there was none. */
  readonly previous?: string;
  readonly changed: boolean;
  /** Why, in a sentence, for the report; empty when unchanged. */
  readonly reason: string;
}

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const maxVersion = (a: Version, b: Version) => (compareVersions(a, b) >= 0 ? a : b);
const minUpper = (a: Version | undefined, b: Version | undefined) => (!a ? b : !b ? a : compareVersions(a, b) <= 0 ? a : b);
const sameVersion = (a: Version | undefined, b: Version | undefined) => (!a || !b ? a === b : compareVersions(a, b) === 0);
export const formatVersion = (v: Version) => v.join(".");
const next = (v: Version): Version => [v[0], v[1], v[2] + 1];

interface Clause {
  readonly op: "=" | "!=" | ">" | ">=" | "<" | "<=" | "~>";
  readonly version: Version;
  /** How many parts the user wrote ("2.19" has 2): `~>` depends on it. */
  readonly parts: number;
  readonly text: string;
}

/** Terraform's version constraint syntax: `">= 1.2, < 2.0"`, `"~> 2.19"`, `"1.24.0"`. */
export function parseConstraint(text: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const raw of text.split(",")) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(v?\d+(?:\.\d+){0,2})\s*$/.exec(raw);
    const version = m && parseVersion(m[2]);
    if (!m || !version) return undefined;
    clauses.push({ op: (m[1] ?? "=") as Clause["op"], version, parts: m[2].replace(/^v/, "").split(".").length, text: raw.trim() });
  }
  return clauses.length > 0 ? clauses : undefined;
}

/** The versions a clause admits, as one interval (`!=` admits all but one: not a bound). */
function clauseBounds(c: Clause): Bounds {
  const v = c.version;
  switch (c.op) {
    case "=":
      return { lower: v, upper: next(v) };
    case ">=":
      return { lower: v };
    case ">":
      return { lower: next(v) };
    case "<":
      return { lower: [0, 0, 0], upper: v };
    case "<=":
      return { lower: [0, 0, 0], upper: next(v) };
    case "~>":
      // hashicorp/go-version: the last part written may grow, the ones before it are fixed.
      if (c.parts === 1) return { lower: v };
      return { lower: v, upper: c.parts === 2 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0] };
    default:
      return { lower: [0, 0, 0] };
  }
}

function boundsOf(clauses: Clause[]): Bounds {
  let bounds: Bounds = { lower: [0, 0, 0] };
  for (const c of clauses) {
    if (c.op === "!=") continue;
    const b = clauseBounds(c);
    bounds = { lower: maxVersion(bounds.lower, b.lower), upper: minUpper(bounds.upper, b.upper) };
  }
  return bounds;
}

/** What the features need together: the narrowest interval, with the reasons that set it. */
export function neededBounds(features: Iterable<ProviderFeature>): Bounds & { reasons: string[] } {
  let bounds: Bounds = { lower: [0, 0, 0] };
  const reasons: string[] = [];
  for (const feature of new Set(features)) {
    const need: ProviderNeed = PROVIDER_FEATURES[feature];
    bounds = { lower: need.since ? maxVersion(bounds.lower, need.since) : bounds.lower, upper: minUpper(bounds.upper, need.until) };
    reasons.push(need.why);
  }
  return { ...bounds, reasons };
}

const isEmpty = (b: Bounds) => b.upper !== undefined && compareVersions(b.lower, b.upper) >= 0;
/** Whether a release of the 1.x line can satisfy the bounds (1.x ends at 1.43). */
const fitsOneX = (b: Bounds) => compareVersions(b.lower, LAST_1X) <= 0;

/**
 * The smallest change to `existing` (the user's constraint, or undefined) that admits a
 * release with every needed feature and none without one. A 2.x range is narrowed, a 1.x pin
 * raised to the first 1.x release that works, and a constraint that admits no such release is
 * replaced by the range the features allow, staying on the user's major line where it can.
 */
export function narrowConstraint(existing: string | undefined, features: Iterable<ProviderFeature>): ConstraintChange {
  const needed = neededBounds(features);
  const why = needed.reasons.join("; ");
  const range = (b: Bounds) => `>= ${formatVersion(b.lower)}${b.upper ? `, < ${formatVersion(b.upper)}` : ""}`;
  if (existing === undefined || existing.trim() === "") {
    return { constraint: range(needed), changed: true, reason: `the grafana provider had no version constraint, so terraform init would take the newest release: ${why}` };
  }
  const clauses = parseConstraint(existing);
  if (!clauses) return { constraint: existing, previous: existing, changed: false, reason: `could not read the version constraint "${existing}"; check it admits a release that fits: ${why}` };
  const theirs = boundsOf(clauses);
  const wanted: Bounds = { lower: maxVersion(theirs.lower, needed.lower), upper: minUpper(theirs.upper, needed.upper) };
  if (sameVersion(wanted.lower, theirs.lower) && sameVersion(wanted.upper, theirs.upper)) return { constraint: existing, previous: existing, changed: false, reason: "" };
  let constraint: string;
  if (isEmpty(wanted)) {
    // Nothing the user allows fits: the needed range, on the user's 1.x line where it can be.
    const oneX: Bounds = { lower: needed.lower, upper: minUpper(needed.upper, [2, 0, 0]) };
    constraint = range(theirs.lower[0] === 1 && fitsOneX(needed) ? oneX : needed);
  } else {
    constraint = pessimistic(clauses, wanted) ?? boundsText(clauses, wanted);
  }
  return { constraint, previous: existing, changed: true, reason: `"${existing}" admits releases that cannot run phase 1: ${why}` };
}

/** `~> A.B` (or `~> A.B.C`) again, raised, when the user wrote one and it says exactly `wanted`. */
function pessimistic(clauses: Clause[], wanted: Bounds): string | undefined {
  const tilde = clauses.find((c) => c.op === "~>" && c.parts > 1);
  if (!tilde || clauses.some((c) => c.op === "!=")) return undefined;
  const b = clauseBounds({ ...tilde, version: wanted.lower });
  return sameVersion(b.lower, wanted.lower) && sameVersion(b.upper, wanted.upper) ? `~> ${wanted.lower.slice(0, tilde.parts).join(".")}` : undefined;
}

/** `wanted` in the user's own words where a clause of theirs says a bound already. */
function boundsText(clauses: Clause[], wanted: Bounds): string {
  const lower = clauses.find((c) => (c.op === ">=" || c.op === ">") && sameVersion(clauseBounds(c).lower, wanted.lower));
  const upper = clauses.find((c) => (c.op === "<" || c.op === "<=") && sameVersion(clauseBounds(c).upper, wanted.upper));
  const admitted = (c: Clause) => compareVersions(c.version, wanted.lower) >= 0 && (!wanted.upper || compareVersions(c.version, wanted.upper) < 0);
  return [
    lower?.text ?? `>= ${formatVersion(wanted.lower)}`,
    ...(wanted.upper ? [upper?.text ?? `< ${formatVersion(wanted.upper)}`] : []),
    ...clauses.filter((c) => c.op === "!=" && admitted(c)).map((c) => c.text),
  ].join(", ");
}

/** The first release whose grafana_service_account data source pages through the search (older ones ask for page 1 for ever). */
export const DATA_SOURCE_PAGES: Version = [4, 22, 0];

/** Whether `constraint` admits a release before `version`; true when it cannot be read (or there is none). */
export function admitsBelow(constraint: string | undefined, version: Version): boolean {
  const clauses = constraint === undefined ? undefined : parseConstraint(constraint);
  if (!clauses) return true;
  const b = boundsOf(clauses);
  return compareVersions(b.lower, version) < 0 && !isEmpty(b);
}

/**
 * Whether `version` (a release, as a lock file records it) satisfies `constraint`. False when
 * either cannot be read: the caller then cannot rely on the locked release.
 */
export function admits(constraint: string, version: string): boolean {
  const clauses = parseConstraint(constraint);
  const v = parseVersion(version);
  if (!clauses || !v) return false;
  return clauses.every((c) => {
    if (c.op === "!=") return compareVersions(v, c.version) !== 0;
    const b = clauseBounds(c);
    return compareVersions(v, b.lower) >= 0 && (!b.upper || compareVersions(v, b.upper) < 0);
  });
}
