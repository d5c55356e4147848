/**
 * A read-only Grafana HTTP API client for `grafana-sa inspect`: GET requests only, with a
 * timeout. The credential comes from the caller (the environment) and appears in no message:
 * errors name the method, the path and the status, never a header.
 */
import { inputError } from "./errors";

export interface GrafanaClient {
  /** The parsed JSON body; `allow404` gives undefined for a 404 instead of an error. */
  get(path: string, options?: { allow404?: boolean }): Promise<unknown>;
}

const TIMEOUT_MS = 15_000;

/** `user:password` is basic auth (as the provider's `auth`), anything else a Bearer token. */
function authorization(auth: string): string {
  return auth.includes(":") ? `Basic ${Buffer.from(auth).toString("base64")}` : `Bearer ${auth}`;
}

export function grafanaClient(url: string, auth: string, org?: string): GrafanaClient {
  const base = url.replace(/\/+$/, "");
  const headers: Record<string, string> = { Accept: "application/json", Authorization: authorization(auth), ...(org !== undefined ? { "X-Grafana-Org-Id": org } : {}) };
  return {
    async get(path, options = {}) {
      const what = `GET ${base}${path}`;
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, { method: "GET", headers, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        throw inputError(`${what} failed: ${reachProblem(err)}`);
      }
      if (res.status === 404 && options.allow404) return undefined;
      if (res.status === 401 || res.status === 403) {
        throw inputError(`${what} answered ${res.status} ${res.status === 401 ? "Unauthorized" : "Forbidden"}: GRAFANA_AUTH is ${res.status === 401 ? "not accepted" : "not allowed to read this"}. Set it to an org Admin's user:password or a token of an Admin service account.`);
      }
      const text = await res.text();
      if (!res.ok) throw inputError(`${what} answered ${res.status}${apiMessage(text)}.`);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw inputError(`${what} answered ${res.status} with a body that is not JSON: is ${base} the Grafana URL (the one the provider's url names)?`);
      }
    },
  };
}

/** Grafana's {"message": ...}, if the body has one. */
function apiMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === "string" ? `: ${m}` : "";
  } catch {
    return "";
  }
}

function reachProblem(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `no answer within ${TIMEOUT_MS / 1000} seconds.`;
  const code = e.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused: is Grafana running there?";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve.";
  return `${code ?? "the request failed"}.`;
}
