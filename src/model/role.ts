import { GrafanaValueError, quote } from "./errors";

/** Roles an API key could hold. */
export const API_KEY_ROLES = ["Viewer", "Editor", "Admin"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * Roles only Grafana Cloud API keys had (next to Viewer, Editor, Admin): keys for publishing
 * telemetry or plugins, which access policies replace, not service accounts.
 */
export const CLOUD_ONLY_KEY_ROLES = ["MetricsPublisher", "PluginPublisher"] as const;

/** Basic roles of a service account: the key roles plus None (no basic role). */
export const SERVICE_ACCOUNT_ROLES = ["None", "Viewer", "Editor", "Admin"] as const;
export type ServiceAccountRole = (typeof SERVICE_ACCOUNT_ROLES)[number];

const RANK: Record<ServiceAccountRole, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };

export function isApiKeyRole(value: unknown): value is ApiKeyRole {
  return (API_KEY_ROLES as readonly unknown[]).includes(value);
}

export function isServiceAccountRole(value: unknown): value is ServiceAccountRole {
  return (SERVICE_ACCOUNT_ROLES as readonly unknown[]).includes(value);
}

/** Checks a key role; `what` names the thing in the message ("ApiKey role"). */
export function parseApiKeyRole(value: unknown, what = "API key role"): ApiKeyRole {
  if (isApiKeyRole(value)) return value;
  throw new GrafanaValueError(roleMessage(value, what, API_KEY_ROLES));
}

export function parseServiceAccountRole(value: unknown, what = "service account role"): ServiceAccountRole {
  if (isServiceAccountRole(value)) return value;
  throw new GrafanaValueError(roleMessage(value, what, SERVICE_ACCOUNT_ROLES));
}

/** True when `role` grants more than `than`. */
export function isWiderRole(role: ServiceAccountRole, than: ServiceAccountRole): boolean {
  return RANK[role] > RANK[than];
}

function roleMessage(value: unknown, what: string, allowed: readonly string[]): string {
  const fix = typeof value === "string" ? allowed.find((r) => r.toLowerCase() === value.trim().toLowerCase()) : undefined;
  const hint = fix ? ` Roles are case-sensitive: use "${fix}".` : "";
  return `Invalid ${what} ${quote(value)}: expected one of ${allowed.join(", ")}.${hint}`;
}
