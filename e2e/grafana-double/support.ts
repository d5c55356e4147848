/** Types and small helpers of the Grafana API test double (see index.ts). */
import { createHash, randomInt } from "crypto";
import { IncomingMessage } from "http";
import { crc32 } from "zlib";

export type OrgRole = "Viewer" | "Editor" | "Admin" | "None";
export type AuthKind = "none" | "basic" | "api_key" | "sa_token" | "invalid";

/** One row of the double's `api_key` table (no secret: only its hash is kept). */
export interface KeyRow {
  id: number;
  orgId: number;
  name: string;
  /** Role of a legacy key; for a token the service account's role applies. */
  role: OrgRole;
  /** Unix seconds, or null for no expiry. */
  expires: number | null;
  created: string;
  lastUsedAt: string | null;
  /** Set when the row is a service account token. */
  serviceAccountId: number | null;
  /** Shape of the secret: legacy base64 JSON or glsa_. Migration keeps the legacy shape. */
  secretFormat: "legacy" | "glsa";
  secretHash: string;
}

export interface ServiceAccountRow {
  id: number;
  orgId: number;
  name: string;
  login: string;
  role: OrgRole;
  isDisabled: boolean;
  created: string;
  updated: string;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query string (never carries a secret). */
  path: string;
  status: number;
  auth: AuthKind;
  /** The org the request acted in, when it was authenticated. */
  orgId?: number;
  /** Raw X-Grafana-Org-Id header, if sent. */
  orgHeader?: string;
  /** Whether the Grafana-Terraform-Provider header was sent (the provider always sends it). */
  fromTerraformProvider: boolean;
  /** True when no route matched (and the path is not one the modelled version removed). */
  unhandled?: boolean;
  /** True when the route exists in some Grafana version but not in the one being modelled (404). */
  removed?: boolean;
}

export interface DoubleState {
  orgs: { id: number; migrated: boolean }[];
  apiKeys: Omit<KeyRow, "secretHash">[];
  serviceAccounts: (ServiceAccountRow & { tokens: Omit<KeyRow, "secretHash">[] })[];
}

export interface Caller {
  kind: AuthKind;
  orgId: number;
  role: OrgRole;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const ROLES: OrgRole[] = ["Viewer", "Editor", "Admin", "None"];
export const KEY_ROLES: OrgRole[] = ["Viewer", "Editor", "Admin"];
export const ROLE_RANK: Record<OrgRole, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };
export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlnum(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** RFC 3339 without fractional seconds, as Grafana renders times made from unix seconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Grafana's service account login: sa-{orgId}-{lower-cased name, spaces as dashes}. */
export function serviceAccountLogin(orgId: number, name: string): string {
  return `sa-${orgId}-${name.toLowerCase()}`.replace("--", "-").replace(/ /g, "-");
}

/** Legacy API key secret: base64 of {"k","n","id"} where id is the org id. */
export function makeLegacyKey(name: string, orgId: number): string {
  return Buffer.from(JSON.stringify({ k: randomAlnum(32), n: name, id: orgId })).toString("base64");
}

/** Service account token secret: glsa_<32 alnum>_<crc32 of "glsa_<secret>" as 8 hex>. */
export function makeServiceAccountToken(): string {
  const body = `glsa_${randomAlnum(32)}`;
  return `${body}_${(crc32(body) >>> 0).toString(16).padStart(8, "0")}`;
}

export const GLSA_PATTERN = /^glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}$/;

export interface Ctx {
  caller: Caller;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export function publicRow(k: KeyRow): Omit<KeyRow, "secretHash"> {
  const { secretHash: _omit, ...rest } = k;
  return { ...rest };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseJson(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw);
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, "bad request data");
}

export function str(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new HttpError(400, `bad request data: ${field} must be a string`);
  return v;
}

export function num(body: Record<string, unknown>, field: string): number {
  const v = body[field];
  if (v === undefined || v === null) return 0;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new HttpError(400, `bad request data: ${field} must be an integer`);
  return v;
}

export function intParam(v: string, message: string): number {
  if (!/^-?\d+$/.test(v)) throw new HttpError(400, message);
  return Number(v);
}

