/**
 * What each Grafana version the double can play does differently, with where it comes from.
 * Sources were read (never copied: Grafana is AGPL) in the stored copies of grafana/grafana the
 * search tool holds; the full repository (3.2 GB) could not be fetched here, so files are cited
 * by path and by what the version's code looks like rather than by `git show <tag>:<path>`.
 */

/** The Grafana versions the double models. */
export type GrafanaVersion = "9.4" | "10" | "11.3" | "12.1";

export const GRAFANA_VERSIONS: readonly GrafanaVersion[] = ["9.4", "10", "11.3", "12.1"];

export interface VersionBehaviour {
  /** GET /api/health's version field. */
  readonly healthVersion: string;
  /**
   * POST /api/auth/keys creates keys. 11.3 made it answer 410 for every org
   * (pkg/api/apikey.go AddAPIKey: "this endpoint has been removed, please use ..."; the
   * HTTP API docs say "made obsolete in Grafana 11.3.0").
   */
  readonly createKeys: boolean;
  /**
   * /api/auth/keys (every method) and /api/serviceaccounts/migrate[/{keyId}] still exist.
   * Gone by 12.1: they fall through to pkg/api/index.go NotFoundHandler, which answers an API
   * path with JsonApiErr(404, "Not found") = {"message":"Not found"}.
   */
  readonly legacyKeyRoutes: boolean;
  /**
   * "Migrate all" shape. 9.x (pkg/services/serviceaccounts/database/store.go
   * MigrateApiKeysToServiceAccounts returning error) stops at the first key that fails and the
   * handler (serviceaccounts/api/api.go) answers 500 "Internal server error"; keys migrated
   * before it stay migrated (each key is its own transaction). From 10.0 (grafana#68789,
   * backported to v10.0.x as grafana#69776) the store returns a MigrationResult
   * {total, migrated, failed, failedApikeyIDs, failedDetails} (serviceaccounts/models.go) and
   * the handler answers 200 with it, however many keys failed.
   */
  readonly migrateAll: "stop-500" | "result-200";
  /**
   * DELETE /api/serviceaccounts/{saId}/revert/{keyId} (docs/sources/developers/http_api/
   * serviceaccount.md "Revert service account token to API key"; store.go RevertApiKey): only
   * while store.go still had RevertApiKey, i.e. before the 10.0 MigrationResult rewrite (the
   * 10.x+ Store/Service interfaces no longer declare it). Refuses (500) a service account with
   * more than one token; otherwise detaches the token and deletes the (now token-less) account.
   */
  readonly revert: boolean;
  /** GET /migrationstatus and POST /hideApiKeys: backed by kvStore in 9.x store.go; absent from 10.x+ store.go. */
  readonly migrationStatusRoutes: boolean;
  /**
   * A login clash during a migration retries with a suffix on the login instead of failing:
   * grafana#97100 ("Fix API key migration to service account", merged 2024-11-27, so after
   * 11.3): "I only add the suffix when the first attempt to create a service account fails".
   * The -001 ... -010 format is the one issue 12 states; the PR text read does not show it.
   */
  readonly loginSuffixRetry: boolean;
  /**
   * The forced start-up migration of every remaining key of every org (expired ones too):
   * grafana#96924 ("Migrate API keys to service accounts at startup", to be merged after
   * 31 Jan 2025, executed by the ServiceAccounts service at start-up), so Grafana 12.0+.
   * Default of GrafanaDoubleOptions.startupMigration.
   */
  readonly startupMigrationDefault: boolean;
}

export const VERSIONS: Record<GrafanaVersion, VersionBehaviour> = {
  "9.4": {
    healthVersion: "9.4.0-double",
    createKeys: true,
    legacyKeyRoutes: true,
    migrateAll: "stop-500",
    revert: true,
    migrationStatusRoutes: true,
    loginSuffixRetry: false,
    startupMigrationDefault: false,
  },
  "10": {
    healthVersion: "10.4.0-double",
    createKeys: true,
    legacyKeyRoutes: true,
    migrateAll: "result-200",
    revert: false,
    migrationStatusRoutes: false,
    loginSuffixRetry: false,
    startupMigrationDefault: false,
  },
  "11.3": {
    healthVersion: "11.3.0-double",
    createKeys: false,
    legacyKeyRoutes: true,
    migrateAll: "result-200",
    revert: false,
    migrationStatusRoutes: false,
    loginSuffixRetry: false,
    startupMigrationDefault: false,
  },
  "12.1": {
    healthVersion: "12.1.0-double",
    createKeys: false,
    legacyKeyRoutes: false,
    migrateAll: "result-200",
    revert: false,
    migrationStatusRoutes: false,
    loginSuffixRetry: true,
    startupMigrationDefault: true,
  },
};

export function parseGrafanaVersion(value: string): GrafanaVersion {
  const v = GRAFANA_VERSIONS.find((g) => g === value);
  if (!v) throw new Error(`unknown Grafana version ${JSON.stringify(value)}: use one of ${GRAFANA_VERSIONS.join(", ")}`);
  return v;
}
