/**
 * GrafanaDouble: a TEST DOUBLE of the Grafana HTTP API. It is NOT Grafana.
 *
 * A small in-memory HTTP server on 127.0.0.1 (random port by default) that answers the calls the
 * Grafana Terraform provider v2.19.0 makes for `grafana_api_key`, `grafana_service_account` and
 * `grafana_service_account_token` (through github.com/grafana/grafana-openapi-client-go, pinned by
 * that release at v0.0.0-20240430202104-3ad0f7e4ee52), plus the server-side API key migration
 * endpoints. Paths, methods, status codes and JSON shapes follow that client's generated
 * operations and the handlers of the Grafana version it plays. Everything else answers 404 and is
 * logged, so a test can notice a call the double does not know (`unhandledRequests()`); a route the
 * played version lacks is logged as `removed` instead.
 *
 * What is modelled (and what is simplified) — see also e2e/README.md:
 * - One `api_key` table, as in Grafana: legacy API keys and service account tokens share one id
 *   sequence and one unique (org, name) index. A row with `serviceAccountId` is a token.
 * - Service accounts are users: their ids start at 2 (user 1 is the admin).
 * - Auth: basic auth (admin:admin by default; a Grafana server admin, Admin in every org; the
 *   org comes from the X-Grafana-Org-Id header, default 1) or `Authorization: Bearer <secret>` with
 *   an API key or a token (org-scoped: an X-Grafana-Org-Id naming another org gets 401). Deleted or expired secrets get
 *   401; a token of a disabled service account gets 401. A migrated key's old secret keeps
 *   working, now as a token of its service account. Every key/service-account endpoint needs the
 *   org role Admin (403 otherwise). No RBAC beyond that.
 * - API keys are base64 of {"k":<32 alnum>,"n":<name>,"id":<orgId>} (Grafana's apikeygen);
 *   tokens are glsa_<32 alnum>_<8 hex crc32> (Grafana's prefixed key generator).
 *   Only SHA-256 hashes of secrets are used for lookups; issued secrets are remembered only so
 *   `redact()` can scrub them from text.
 * - Versions (`grafana`, default "11.3"; details and Grafana source citations in
 *   grafana-double/versions.ts):
 *   "9.4"  keys can be created; "migrate all" stops at the first failing key with 500 (store.go
 *          MigrateApiKeysToServiceAccounts returned an error); GET /migrationstatus and POST
 *          /hideApiKeys exist; revert exists (below).
 *   "10"   "migrate all" answers 200 with {total, migrated, failed, failedApikeyIDs,
 *          failedDetails} (models.go MigrationResult, grafana#68789/#69776); no revert.
 *   "11.3" POST /api/auth/keys answers 410 in every org (pkg/api/apikey.go); listing and
 *          deleting keys still work.
 *   "12.1" /api/auth/keys (every method) and /api/serviceaccounts/migrate[/{id}] answer
 *          Grafana's 404 {"message":"Not found"} (pkg/api/index.go NotFoundHandler); the forced
 *          start-up migration (grafana#96924) runs on start() and restart(); a login clash
 *          retries with -001 ... -010 on the login (grafana#97100).
 *   `startupMigration` (11.3+) and `restart({ grafana })` let a test seed keys under an older
 *   version and convert them; `apiKeyMaxSecondsToLive` is api_key_max_seconds_to_live (400).
 * - Migration (POST /api/serviceaccounts/migrate, .../migrate/{keyId}, start-up): each legacy
 *   key (expired ones too) gets a service account named `sa-autogen-{keyName}`, login
 *   `sa-autogen-{orgId}-{keyName}` lower-cased (spaces kept), the key's role, and becomes its
 *   token (same id, name, secret, expiry). Logins are unique across orgs, names are not. Like
 *   Grafana, migrating an unknown key id in an org that still has legacy keys answers 200.
 * - Revert (DELETE /api/serviceaccounts/{saId}/revert/{keyId}, "9.4" only; 404 from 10.0): 500
 *   unless the key is a token of that account and the account holds no other token; then the
 *   token is a legacy key again and the token-less account is deleted. It never deletes tokens.
 * - Simplifications: DELETE of a missing service account answers 404 (Grafana answers 500);
 *   errors carry {"message"} only; no teams, permissions, avatars or access-control metadata;
 *   the 401 text for a key used with another org's X-Grafana-Org-Id is the double's own.
 */
import { randomBytes } from "crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";
import {
  AuthKind,
  Caller,
  Ctx,
  DoubleState,
  HttpError,
  intParam,
  KEY_ROLES,
  KeyRow,
  makeLegacyKey,
  makeServiceAccountToken,
  num,
  OrgRole,
  parseJson,
  publicRow,
  readBody,
  RequestLogEntry,
  rfc3339,
  ROLE_RANK,
  ROLES,
  ServiceAccountRow,
  serviceAccountLogin,
  sha256,
  str,
} from "./support";
import { GrafanaVersion, VERSIONS } from "./versions";

export * from "./support";
export * from "./versions";

export interface GrafanaDoubleOptions {
  /** Port to listen on; 0 (default) picks a free one. Always bound to 127.0.0.1. */
  port?: number;
  /** Basic-auth admin (a server admin). Default "admin". */
  adminUser?: string;
  /** Default "admin". */
  adminPassword?: string;
  /** Organizations that exist. Default [1]. */
  orgs?: number[];
  /** Clock in milliseconds, for expiry tests. Default Date.now. */
  now?: () => number;
  /** Which Grafana the double plays (see grafana-double/versions.ts). Default "11.3". */
  grafana?: GrafanaVersion;
  /**
   * Run the forced start-up migration (every remaining key of every org, expired ones too,
   * becomes a token of sa-autogen-{name}) on start() and restart(). Grafana ships it from 12.0
   * (grafana#96924); default true for "12.1", false otherwise. Not allowed for "9.4" and "10".
   */
  startupMigration?: boolean;
  /**
   * Grafana's `api_key_max_seconds_to_live`: creating a key or token with no TTL, or a longer
   * one, answers 400 (pkg/api/apikey.go AddAPIKey, serviceaccounts/api/token.go CreateToken).
   * Default: no limit (Grafana's -1).
   */
  apiKeyMaxSecondsToLive?: number;
}

type ResolvedOptions = Required<Omit<GrafanaDoubleOptions, "orgs" | "grafana" | "startupMigration" | "apiKeyMaxSecondsToLive">> & {
  orgs: number[];
  apiKeyMaxSecondsToLive: number;
};


export class GrafanaDouble {
  private server?: Server;
  private readonly opts: ResolvedOptions;
  private version: GrafanaVersion;
  private startupMigration: boolean;
  private orgs = new Map<number, { migrated: boolean }>();
  private keys = new Map<number, KeyRow>();
  private serviceAccountRows = new Map<number, ServiceAccountRow>();
  private secretIndex = new Map<string, number>();
  private issuedSecrets = new Set<string>();
  private log: RequestLogEntry[] = [];
  private nextKeyId = 1;
  private nextUserId = 2;

  constructor(options: GrafanaDoubleOptions = {}) {
    this.opts = {
      port: options.port ?? 0,
      adminUser: options.adminUser ?? "admin",
      adminPassword: options.adminPassword ?? "admin",
      orgs: options.orgs ?? [1],
      now: options.now ?? Date.now,
      apiKeyMaxSecondsToLive: options.apiKeyMaxSecondsToLive ?? -1,
    };
    this.version = options.grafana ?? "11.3";
    this.startupMigration = checkStartupMigration(this.version, options.startupMigration);
    this.reset();
  }

  // ------------------------------------------------------------------------------------------
  // lifecycle
  // ------------------------------------------------------------------------------------------

  /** Which Grafana the double plays now. */
  get grafana(): GrafanaVersion {
    return this.version;
  }

  /** Start listening; runs the start-up migration first when the version has it. */
  async start(): Promise<this> {
    if (this.server) return this;
    this.runStartupMigration();
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.opts.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get port(): number {
    if (!this.server) throw new Error("GrafanaDouble is not started");
    return (this.server.address() as AddressInfo).port;
  }

  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The provider-style `auth` string for the admin, e.g. "admin:admin". */
  get adminAuth(): string {
    return `${this.opts.adminUser}:${this.opts.adminPassword}`;
  }

  /**
   * Simulate restarting Grafana on the same database, optionally as another version (an
   * upgrade: e.g. seed keys as "10", then restart as "12.1"). The server and port stay; the
   * start-up migration runs when the (new) version has it, per `startupMigration` or its default.
   */
  restart(options: { grafana?: GrafanaVersion; startupMigration?: boolean } = {}): void {
    this.version = options.grafana ?? this.version;
    this.startupMigration = checkStartupMigration(this.version, options.startupMigration ?? (options.grafana ? undefined : this.startupMigration));
    this.runStartupMigration();
  }

  /** Forget everything (keeps the server running). */
  reset(): void {
    this.orgs = new Map(this.opts.orgs.map((id) => [id, { migrated: false }]));
    this.keys.clear();
    this.serviceAccountRows.clear();
    this.secretIndex.clear();
    this.issuedSecrets.clear();
    this.log = [];
    this.nextKeyId = 1;
    this.nextUserId = 2;
  }

  // ------------------------------------------------------------------------------------------
  // inspection and seeding (no HTTP)
  // ------------------------------------------------------------------------------------------

  /** Copy of the request log. */
  get requests(): RequestLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  clearRequests(): void {
    this.log = [];
  }

  /** Requests no route matched: a test should usually expect none. */
  unhandledRequests(): RequestLogEntry[] {
    return this.requests.filter((e) => e.unhandled);
  }

  /** Legacy API keys (rows without a service account), secrets excluded. */
  apiKeys(orgId?: number): Omit<KeyRow, "secretHash">[] {
    return [...this.keys.values()]
      .filter((k) => k.serviceAccountId === null && (orgId === undefined || k.orgId === orgId))
      .map(publicRow);
  }

  serviceAccounts(orgId?: number): ServiceAccountRow[] {
    return [...this.serviceAccountRows.values()]
      .filter((s) => orgId === undefined || s.orgId === orgId)
      .map((s) => ({ ...s }));
  }

  tokens(serviceAccountId: number): Omit<KeyRow, "secretHash">[] {
    return [...this.keys.values()].filter((k) => k.serviceAccountId === serviceAccountId).map(publicRow);
  }

  /** Whole state, secrets excluded: safe to print or snapshot. */
  state(): DoubleState {
    return {
      orgs: [...this.orgs.entries()].map(([id, o]) => ({ id, migrated: o.migrated })),
      apiKeys: this.apiKeys(),
      serviceAccounts: this.serviceAccounts().map((s) => ({ ...s, tokens: this.tokens(s.id) })),
    };
  }

  addOrg(id: number): void {
    if (!this.orgs.has(id)) this.orgs.set(id, { migrated: false });
  }

  /** Create a legacy API key directly in state; returns its id and secret (keep it out of output). */
  seedApiKey(input: { name: string; role: OrgRole; secondsToLive?: number; orgId?: number }): {
    id: number;
    key: string;
  } {
    return this.insertKey(input.orgId ?? 1, input.name, input.role, input.secondsToLive ?? 0, null);
  }

  /** Replace every secret this double ever issued with [REDACTED]. */
  redact(text: string): string {
    let out = text;
    for (const s of this.issuedSecrets) out = out.split(s).join("[REDACTED]");
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // HTTP
  // ------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://double");
    const method = (req.method ?? "GET").toUpperCase();
    const entry: RequestLogEntry = {
      method,
      path: url.pathname + url.search,
      status: 0,
      auth: "none",
      fromTerraformProvider: req.headers["grafana-terraform-provider"] !== undefined,
    };
    const orgHeader = req.headers["x-grafana-org-id"];
    if (typeof orgHeader === "string") entry.orgHeader = orgHeader;
    let status = 500;
    let body: unknown;
    try {
      const raw = await readBody(req);
      const route = this.route(method, url.pathname);
      if (!route || "removed" in route) {
        // Grafana's NotFoundHandler (pkg/api/index.go) answers an unknown API path this way.
        if (route) entry.removed = true;
        else entry.unhandled = true;
        throw new HttpError(404, "Not found");
      }
      let caller: Caller | undefined;
      if (route.auth) {
        caller = this.authenticate(req, entry);
        entry.orgId = caller.orgId;
        if (route.auth === "admin" && caller.role !== "Admin") {
          throw new HttpError(403, "You'll need additional permissions to perform this action (org role Admin)");
        }
      }
      const parsed = raw.length ? parseJson(raw) : {};
      [status, body] = route.handler({ caller: caller!, params: route.params, query: url.searchParams, body: parsed });
    } catch (err) {
      if (err instanceof HttpError) {
        status = err.status;
        body = { message: err.message };
      } else {
        status = 500;
        body = { message: "Internal server error (double)" };
      }
    }
    entry.status = status;
    this.log.push(entry);
    const payload = JSON.stringify(body ?? null);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) });
    res.end(payload);
  }

  private authenticate(req: IncomingMessage, entry: RequestLogEntry): Caller {
    const header = req.headers.authorization ?? "";
    const [scheme, value = ""] = header.split(/\s+/, 2);
    if (!header) throw new HttpError(401, "Unauthorized");
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      const user = decoded.slice(0, i);
      const pass = decoded.slice(i + 1);
      if (i < 0 || user !== this.opts.adminUser || pass !== this.opts.adminPassword) {
        entry.auth = "invalid";
        throw new HttpError(401, "Invalid username or password");
      }
      entry.auth = "basic";
      const orgId = entry.orgHeader !== undefined ? Number(entry.orgHeader) : 1;
      if (!Number.isInteger(orgId) || !this.orgs.has(orgId)) {
        throw new HttpError(401, `User is not a member of organization ${entry.orgHeader}`);
      }
      return { kind: "basic", orgId, role: "Admin" };
    }
    if (/^bearer$/i.test(scheme)) {
      const id = this.secretIndex.get(sha256(value));
      const row = id !== undefined ? this.keys.get(id) : undefined;
      if (!row) {
        entry.auth = "invalid";
        throw new HttpError(401, "Invalid API key");
      }
      if (row.expires !== null && row.expires * 1000 <= this.opts.now()) {
        entry.auth = "invalid";
        throw new HttpError(401, "Expired API key");
      }
      // A key or token acts in its own org only: another org in the header is refused.
      if (entry.orgHeader !== undefined && Number(entry.orgHeader) !== row.orgId) {
        entry.auth = "invalid";
        throw new HttpError(401, "API key does not belong to the requested organization");
      }
      let role = row.role;
      if (row.serviceAccountId !== null) {
        const sa = this.serviceAccountRows.get(row.serviceAccountId)!;
        if (sa.isDisabled) {
          entry.auth = "invalid";
          throw new HttpError(401, "Service account is disabled");
        }
        role = sa.role;
      }
      row.lastUsedAt = rfc3339(this.opts.now());
      entry.auth = row.serviceAccountId === null ? "api_key" : "sa_token";
      return { kind: entry.auth, orgId: row.orgId, role };
    }
    entry.auth = "invalid";
    throw new HttpError(401, "Unauthorized");
  }

  private route(
    method: string,
    path: string,
  ):
    | { auth: false | "any" | "admin"; params: string[]; handler: (ctx: Ctx) => [number, unknown] }
    | { removed: true }
    | undefined {
    const p = path.replace(/\/+$/, "") || "/";
    const v = VERSIONS[this.version];
    type Row = [string, RegExp, false | "any" | "admin", (ctx: Ctx) => [number, unknown], boolean?];
    const table: Row[] = [
      ["GET", /^\/api\/health$/, false, () => [200, { commit: "test-double", database: "ok", version: v.healthVersion }]],
      ["GET", /^\/api\/org$/, "any", (c) => [200, { id: c.caller.orgId, name: `Org ${c.caller.orgId}` }]],
      ["GET", /^\/api\/auth\/keys$/, "admin", (c) => this.listApiKeys(c), v.legacyKeyRoutes],
      ["POST", /^\/api\/auth\/keys$/, "admin", (c) => this.addApiKey(c), v.legacyKeyRoutes],
      ["DELETE", /^\/api\/auth\/keys\/([^/]+)$/, "admin", (c) => this.deleteApiKey(c), v.legacyKeyRoutes],
      ["GET", /^\/api\/serviceaccounts\/search$/, "admin", (c) => this.search(c)],
      ["GET", /^\/api\/serviceaccounts\/migrationstatus$/, "admin", (c) => [200, { migrated: this.org(c).migrated }], v.migrationStatusRoutes],
      ["POST", /^\/api\/serviceaccounts\/hideApiKeys$/, "admin", () => [200, { message: "API keys hidden" }], v.migrationStatusRoutes],
      ["POST", /^\/api\/serviceaccounts\/migrate$/, "admin", (c) => this.migrateAll(c), v.legacyKeyRoutes],
      ["POST", /^\/api\/serviceaccounts\/migrate\/([^/]+)$/, "admin", (c) => this.migrateOne(c), v.legacyKeyRoutes],
      ["DELETE", /^\/api\/serviceaccounts\/([^/]+)\/revert\/([^/]+)$/, "admin", (c) => this.revert(c), v.revert],
      ["POST", /^\/api\/serviceaccounts$/, "admin", (c) => this.createServiceAccount(c)],
      ["GET", /^\/api\/serviceaccounts\/([^/]+)$/, "admin", (c) => [200, this.saDto(this.findSa(c, c.params[0]))]],
      ["PATCH", /^\/api\/serviceaccounts\/([^/]+)$/, "admin", (c) => this.updateServiceAccount(c)],
      ["DELETE", /^\/api\/serviceaccounts\/([^/]+)$/, "admin", (c) => this.deleteServiceAccount(c)],
      ["GET", /^\/api\/serviceaccounts\/([^/]+)\/tokens$/, "admin", (c) => this.listTokens(c)],
      ["POST", /^\/api\/serviceaccounts\/([^/]+)\/tokens$/, "admin", (c) => this.createToken(c)],
      ["DELETE", /^\/api\/serviceaccounts\/([^/]+)\/tokens\/([^/]+)$/, "admin", (c) => this.deleteToken(c)],
    ];
    // A route the modelled version lacks is skipped, so a later one may match instead, as in
    // Grafana (GET /api/serviceaccounts/migrationstatus then reads as a service account id).
    let removed = false;
    for (const [m, re, auth, handler, on = true] of table) {
      const match = m === method ? re.exec(p) : null;
      if (match && !on) removed = true;
      else if (match) return { auth, params: match.slice(1).map(decodeURIComponent), handler };
    }
    return removed ? { removed: true } : undefined;
  }

  // ------------------------------------------------------------------------------------------
  // API keys
  // ------------------------------------------------------------------------------------------

  private listApiKeys(c: Ctx): [number, unknown] {
    const includeExpired = c.query.get("includeExpired") === "true";
    const nowS = this.opts.now() / 1000;
    const rows = [...this.keys.values()].filter(
      (k) =>
        k.orgId === c.caller.orgId &&
        k.serviceAccountId === null &&
        (includeExpired || k.expires === null || k.expires > nowS),
    );
    return [
      200,
      rows.map((k) => ({
        id: k.id,
        name: k.name,
        role: k.role,
        ...(k.expires !== null ? { expiration: rfc3339(k.expires * 1000) } : {}),
        ...(k.lastUsedAt ? { lastUsedAt: k.lastUsedAt } : {}),
      })),
    ];
  }

  private addApiKey(c: Ctx): [number, unknown] {
    if (!VERSIONS[this.version].createKeys) {
      throw new HttpError(
        410,
        "this endpoint has been removed, please use POST /api/serviceaccounts and POST /api/serviceaccounts/{id}/tokens instead",
      );
    }
    const name = str(c.body, "name");
    const role = str(c.body, "role") as OrgRole;
    const ttl = num(c.body, "secondsToLive");
    if (!name) throw new HttpError(400, "bad request data: name is required");
    if (!KEY_ROLES.includes(role)) throw new HttpError(400, "Invalid role specified");
    if (ROLE_RANK[role] > ROLE_RANK[c.caller.role]) throw new HttpError(403, "Cannot assign a role higher than user's role");
    this.checkMaxTtl(ttl);
    const { id, key } = this.insertKey(c.caller.orgId, name, role, ttl, null);
    return [200, { id, name, key }];
  }

  private deleteApiKey(c: Ctx): [number, unknown] {
    const id = intParam(c.params[0], "id is invalid");
    const row = this.keys.get(id);
    if (!row || row.orgId !== c.caller.orgId || row.serviceAccountId !== null) {
      throw new HttpError(404, "Failed to delete API key");
    }
    this.deleteRow(row);
    return [200, { message: "API key deleted" }];
  }

  // ------------------------------------------------------------------------------------------
  // service accounts
  // ------------------------------------------------------------------------------------------

  private search(c: Ctx): [number, unknown] {
    let perPage = Number(c.query.get("perpage") ?? 0);
    if (!Number.isInteger(perPage) || perPage <= 0) perPage = 1000;
    let page = Number(c.query.get("page") ?? 0);
    if (!Number.isInteger(page) || page < 1) page = 1;
    const q = (c.query.get("query") ?? "").toLowerCase();
    const onlyDisabled = c.query.get("disabled") === "true";
    const onlyExpired = c.query.get("expiredTokens") === "true";
    const nowS = this.opts.now() / 1000;
    const all = this.serviceAccounts(c.caller.orgId)
      .filter((s) => !q || s.name.toLowerCase().includes(q) || s.login.toLowerCase().includes(q))
      .filter((s) => !onlyDisabled || s.isDisabled)
      .filter((s) => !onlyExpired || this.tokens(s.id).some((t) => t.expires !== null && t.expires < nowS))
      .sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    return [200, { totalCount: all.length, serviceAccounts: slice.map((s) => this.saDto(s)), page, perPage }];
  }

  private createServiceAccount(c: Ctx): [number, unknown] {
    const name = str(c.body, "name");
    const role = (c.body.role ?? "Viewer") as OrgRole;
    const isDisabled = c.body.isDisabled === true;
    if (!name) throw new HttpError(400, "required value Name must not be empty");
    if (!ROLES.includes(role)) throw new HttpError(400, "Invalid role specified");
    if (ROLE_RANK[role] > ROLE_RANK[c.caller.role]) throw new HttpError(403, "Cannot assign a role higher than user's role");
    const sa = this.insertServiceAccount(c.caller.orgId, name, serviceAccountLogin(c.caller.orgId, name), role, isDisabled);
    if (!sa) throw new HttpError(400, "Failed to create service account: service account already exists");
    return [201, this.saDto(sa)];
  }

  private updateServiceAccount(c: Ctx): [number, unknown] {
    const sa = this.findSa(c, c.params[0]);
    const b = c.body;
    if (b.role !== undefined && !ROLES.includes(b.role as OrgRole)) throw new HttpError(400, "Invalid role specified");
    if (b.role !== undefined && ROLE_RANK[b.role as OrgRole] > ROLE_RANK[c.caller.role]) {
      throw new HttpError(403, "Cannot assign a role higher than user's role");
    }
    if (typeof b.name === "string" && b.name && b.name !== sa.name) {
      const clash = this.serviceAccounts(sa.orgId).some((o) => o.id !== sa.id && o.name === b.name);
      if (clash) throw new HttpError(400, "Failed to update service account: name already taken");
      sa.name = b.name;
    }
    if (b.role !== undefined) sa.role = b.role as OrgRole;
    if (typeof b.isDisabled === "boolean") sa.isDisabled = b.isDisabled;
    sa.updated = rfc3339(this.opts.now());
    return [200, { message: "Service account updated", id: sa.id, name: sa.name, serviceaccount: this.saDto(sa) }];
  }

  private deleteServiceAccount(c: Ctx): [number, unknown] {
    const sa = this.findSa(c, c.params[0]);
    this.removeServiceAccount(sa);
    return [200, { message: "Service account deleted" }];
  }

  private listTokens(c: Ctx): [number, unknown] {
    // Like Grafana, an unknown service account lists no tokens rather than 404.
    const saId = intParam(c.params[0], "Service Account ID is invalid");
    const nowMs = this.opts.now();
    const rows = [...this.keys.values()].filter((k) => k.serviceAccountId === saId && k.orgId === c.caller.orgId);
    return [
      200,
      rows.map((t) => {
        const expMs = t.expires === null ? null : t.expires * 1000;
        const hasExpired = expMs !== null && expMs <= nowMs;
        const soon = expMs !== null && !hasExpired && expMs - nowMs < 7 * 24 * 3600 * 1000;
        return {
          id: t.id,
          name: t.name,
          created: t.created,
          lastUsedAt: t.lastUsedAt,
          expiration: expMs === null ? null : rfc3339(expMs),
          secondsUntilExpiration: soon ? (expMs! - nowMs) / 1000 : 0,
          hasExpired,
          isRevoked: false,
        };
      }),
    ];
  }

  private createToken(c: Ctx): [number, unknown] {
    const sa = this.findSa(c, c.params[0]);
    const name = str(c.body, "name");
    const ttl = num(c.body, "secondsToLive");
    if (!name) throw new HttpError(400, "Bad request data: name is required");
    this.checkMaxTtl(ttl);
    const { id, key } = this.insertKey(sa.orgId, name, sa.role, ttl, sa.id);
    return [200, { id, name, key }];
  }

  private deleteToken(c: Ctx): [number, unknown] {
    const sa = this.findSa(c, c.params[0]);
    const tokenId = intParam(c.params[1], "Token ID is invalid");
    const row = this.keys.get(tokenId);
    if (!row || row.serviceAccountId !== sa.id) throw new HttpError(404, "Failed to delete API key");
    this.deleteRow(row);
    return [200, { message: "API key deleted" }];
  }

  // ------------------------------------------------------------------------------------------
  // migration
  // ------------------------------------------------------------------------------------------

  private migrateAll(c: Ctx): [number, unknown] {
    const keys = this.legacyKeys(c.caller.orgId);
    if (VERSIONS[this.version].migrateAll === "stop-500") {
      // 9.x: the first failure ends the run (earlier keys stay migrated) and the org is not marked.
      for (const key of keys) if (typeof this.migrateKey(key) === "string") throw new HttpError(500, "Internal server error");
      this.org(c).migrated = true;
      return [200, { message: "API keys migrated to service accounts" }];
    }
    return [200, this.migrateKeys(keys)];
  }

  /** 10.0+'s MigrationResult: every key is tried, failures are counted, never a 500. */
  private migrateKeys(keys: KeyRow[]): MigrationResult {
    const result: MigrationResult = { total: keys.length, migrated: 0, failed: 0, failedApikeyIDs: [], failedDetails: [] };
    for (const key of keys) {
      const error = this.migrateKey(key);
      if (error === undefined) result.migrated++;
      else {
        result.failed++;
        result.failedApikeyIDs.push(key.id);
        result.failedDetails.push(`API key name: ${key.name} - Error: ${error}`);
      }
    }
    return result;
  }

  private migrateOne(c: Ctx): [number, unknown] {
    const keyId = intParam(c.params[0], "Key ID is invalid");
    const keys = this.legacyKeys(c.caller.orgId);
    if (keys.length === 0) throw new HttpError(500, "Error converting API key");
    const key = keys.find((k) => k.id === keyId);
    if (key && typeof this.migrateKey(key) === "string") throw new HttpError(500, "Error converting API key");
    return [200, { message: "Service accounts converted" }];
  }

  /** The forced start-up migration (grafana#96924): every org, every remaining key. */
  private runStartupMigration(): void {
    if (!this.startupMigration) return;
    for (const orgId of this.orgs.keys()) this.migrateKeys(this.legacyKeys(orgId));
  }

  /**
   * 9.x store.go RevertApiKey: the key must be a token of that very account, and the account
   * must hold no other token (500 otherwise; nothing is deleted). The token becomes a legacy
   * key again (same id, name, secret, expiry; role: the key's own) and the now token-less
   * account is deleted. The key is looked up by id alone, as in Grafana.
   */
  private revert(c: Ctx): [number, unknown] {
    const saId = intParam(c.params[0], "Service Account ID is invalid");
    const keyId = intParam(c.params[1], "Key ID is invalid");
    const row = this.keys.get(keyId);
    const sa = row?.serviceAccountId === saId ? this.serviceAccountRows.get(saId) : undefined;
    if (!row || !sa || this.tokens(saId).length > 1) throw new HttpError(500, "Error reverting API key");
    row.serviceAccountId = null;
    this.removeServiceAccount(sa);
    return [200, { message: "API key reverted" }];
  }

  private legacyKeys(orgId: number): KeyRow[] {
    return [...this.keys.values()].filter((k) => k.orgId === orgId && k.serviceAccountId === null);
  }

  /**
   * store.go CreateServiceAccountFromApikey: name sa-autogen-{keyName} (as is), login
   * sa-autogen-{orgId}-{keyName} (no dash for spaces there; lower-cased by the user store,
   * pkg/services/user/userimpl "enforcement of lowercase due to forcement of caseinsensitive
   * login"), the key's role. A login clash fails the key, or, where the version retries
   * (grafana#97100), takes the first free suffix -001 ... -010 on the login only. Returns the
   * error text, or undefined once the key is a token of the new account.
   */
  private migrateKey(key: KeyRow): string | undefined {
    const login = `sa-autogen-${key.orgId}-${key.name}`.toLowerCase();
    const tries = VERSIONS[this.version].loginSuffixRetry ? 11 : 1;
    for (let i = 0; i < tries; i++) {
      const suffixed = i === 0 ? login : `${login}-${String(i).padStart(3, "0")}`;
      const sa = this.insertServiceAccount(key.orgId, `sa-autogen-${key.name}`, suffixed, key.role, false);
      if (sa) {
        key.serviceAccountId = sa.id;
        return undefined;
      }
    }
    return "failed to create service account: user already exists";
  }

  private checkMaxTtl(secondsToLive: number): void {
    const max = this.opts.apiKeyMaxSecondsToLive;
    if (max === -1) return;
    if (secondsToLive === 0) throw new HttpError(400, "Number of seconds before expiration should be set");
    if (secondsToLive > max) throw new HttpError(400, "Number of seconds before expiration is greater than the global limit");
  }

  // ------------------------------------------------------------------------------------------
  // storage helpers
  // ------------------------------------------------------------------------------------------

  private org(c: Ctx): { migrated: boolean } {
    return this.orgs.get(c.caller.orgId)!;
  }

  private findSa(c: Ctx, idParam: string): ServiceAccountRow {
    const id = intParam(idParam, "Service Account ID is invalid");
    const sa = this.serviceAccountRows.get(id);
    if (!sa || sa.orgId !== c.caller.orgId) throw new HttpError(404, "Failed to retrieve service account");
    return sa;
  }

  private saDto(sa: ServiceAccountRow): Record<string, unknown> {
    return {
      id: sa.id,
      name: sa.name,
      login: sa.login,
      orgId: sa.orgId,
      isDisabled: sa.isDisabled,
      role: sa.role,
      tokens: this.tokens(sa.id).length,
      avatarUrl: "/avatar/test-double",
      isExternal: false,
    };
  }

  private insertKey(
    orgId: number,
    name: string,
    role: OrgRole,
    secondsToLive: number,
    serviceAccountId: number | null,
  ): { id: number; key: string } {
    if (secondsToLive < 0) throw new HttpError(400, "the expiration time must be a positive number of seconds");
    if ([...this.keys.values()].some((k) => k.orgId === orgId && k.name === name)) {
      throw new HttpError(
        409,
        serviceAccountId === null
          ? "API Key Organization ID And Name Must Be Unique"
          : "service account token with given name already exists in the organization",
      );
    }
    const key = serviceAccountId === null ? makeLegacyKey(name, orgId) : makeServiceAccountToken();
    const nowMs = this.opts.now();
    const row: KeyRow = {
      id: this.nextKeyId++,
      orgId,
      name,
      role,
      expires: secondsToLive > 0 ? Math.floor(nowMs / 1000) + secondsToLive : null,
      created: rfc3339(nowMs),
      lastUsedAt: null,
      serviceAccountId,
      secretFormat: serviceAccountId === null ? "legacy" : "glsa",
      secretHash: sha256(key),
    };
    this.keys.set(row.id, row);
    this.secretIndex.set(row.secretHash, row.id);
    this.issuedSecrets.add(key);
    return { id: row.id, key };
  }

  private deleteRow(row: KeyRow): void {
    this.keys.delete(row.id);
    this.secretIndex.delete(row.secretHash);
  }

  /** Returns undefined when the name or login is taken in the org. */
  private insertServiceAccount(
    orgId: number,
    name: string,
    login: string,
    role: OrgRole,
    isDisabled: boolean,
  ): ServiceAccountRow | undefined {
    // Grafana's user table: login unique across every org; names may repeat.
    const taken = [...this.serviceAccountRows.values()].some((s) => s.login === login);
    if (taken || login === this.opts.adminUser) return undefined;
    const now = rfc3339(this.opts.now());
    const sa: ServiceAccountRow = { id: this.nextUserId++, orgId, name, login, role, isDisabled, created: now, updated: now };
    this.serviceAccountRows.set(sa.id, sa);
    return sa;
  }

  private removeServiceAccount(sa: ServiceAccountRow): void {
    for (const row of [...this.keys.values()]) if (row.serviceAccountId === sa.id) this.deleteRow(row);
    this.serviceAccountRows.delete(sa.id);
  }
}

export interface MigrationResult {
  total: number;
  migrated: number;
  failed: number;
  failedApikeyIDs: number[];
  failedDetails: string[];
}

function checkStartupMigration(version: GrafanaVersion, wanted: boolean | undefined): boolean {
  if (wanted && (version === "9.4" || version === "10")) {
    throw new Error(`startupMigration needs Grafana 11.3 or later, not ${version}: Grafana ${version} keeps its API keys`);
  }
  return wanted ?? VERSIONS[version].startupMigrationDefault;
}

/** Start a double and return it (the usual one-liner in a test's beforeAll). */
export async function startGrafanaDouble(options: GrafanaDoubleOptions = {}): Promise<GrafanaDouble> {
  return new GrafanaDouble(options).start();
}

/** Random bytes for tests that need an unguessable name. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}
