import { Annotations, Fn, Op, Token } from "cdktf";
import { Construct } from "constructs";
import { GrafanaConstructError, GrafanaValueError, quote } from "../model/errors";
import { MAX_API_KEY_SECONDS, Ttl, TTL_PATTERN, TTL_UNIT_SECONDS } from "../model/ttl";

/** How long a key or token lives: Grafana's text form, a Ttl, or the provider's seconds. */
export interface LifetimeProps {
  /**
   * Time to live as Grafana's UI takes it ("12h", "1M") or a `Ttl`.
   * @default no expiry, which is allowed but warned about
   */
  readonly ttl?: Ttl | string;
  /**
   * The provider's `seconds_to_live`, for a value computed elsewhere. Not together with `ttl`.
   * @default no expiry
   */
  readonly secondsToLive?: number;
}

export interface LifetimeRules {
  /** What the message calls the thing: "API key", "token". */
  readonly kind: string;
  /** Longest lifetime allowed, in seconds. @default no cap */
  readonly maxSeconds?: number;
  /** How to raise the cap, for the message. */
  readonly raiseCapHint?: string;
}

/** Resolves `ttl` / `secondsToLive` to the provider's seconds_to_live, checking Grafana's rules. */
export function resolveSecondsToLive(scope: Construct, props: LifetimeProps, rules: LifetimeRules): number | undefined {
  const path = scope.node.path;
  if (props.ttl !== undefined && props.secondsToLive !== undefined) {
    throw new GrafanaConstructError(path, `set either ttl or secondsToLive, not both (got ttl ${quote(String(props.ttl))} and secondsToLive ${props.secondsToLive}).`);
  }
  let seconds: number | undefined;
  if (props.ttl !== undefined) {
    if (typeof props.ttl === "string" && Token.isUnresolved(props.ttl)) return secondsFromTtlToken(props.ttl);
    seconds = inScope(path, () => Ttl.from(props.ttl as Ttl | string).toSeconds());
  } else if (props.secondsToLive !== undefined) {
    if (Token.isUnresolved(props.secondsToLive)) return props.secondsToLive;
    if (!Number.isSafeInteger(props.secondsToLive) || props.secondsToLive <= 0) {
      throw new GrafanaConstructError(path, `secondsToLive must be a whole number of seconds above zero, got ${props.secondsToLive}. Or use ttl: "12h".`);
    }
    seconds = props.secondsToLive;
  }
  if (seconds === undefined) {
    Annotations.of(scope).addWarning(`GRAFANA-TTL-NONE: ${rules.kind} ${path} never expires. Set ttl (for example "12h" or "30d") so a leaked secret stops working.`);
    return undefined;
  }
  if (rules.maxSeconds !== undefined && seconds > rules.maxSeconds) {
    throw new GrafanaConstructError(
      path,
      `time to live ${Ttl.describeSeconds(seconds)} (${seconds}s) is longer than the ${Ttl.describeSeconds(rules.maxSeconds)} an ${rules.kind} may live. Use at most "${Ttl.describeSeconds(rules.maxSeconds)}"${rules.raiseCapHint ? `, or ${rules.raiseCapHint}` : ""}.`,
    );
  }
  return seconds;
}

/**
 * A ttl known only at plan time (a variable's value): nothing to check here, so Terraform
 * converts Grafana's form itself, and its regex() fails the plan on a malformed value.
 */
function secondsFromTtlToken(ttl: string): number {
  const parts = Fn.regex(TTL_PATTERN.source, ttl);
  return Token.asNumber(Op.mul(Fn.tonumber(Fn.element(parts, 0)), Fn.lookup(TTL_UNIT_SECONDS, Fn.element(parts, 1))));
}

/** The cap for API keys: Grafana's 30 days unless the caller raises it on purpose. */
export function apiKeyCap(maxTtl: Ttl | string | undefined, path: string): number {
  return maxTtl === undefined ? MAX_API_KEY_SECONDS : inScope(path, () => Ttl.from(maxTtl).toSeconds());
}

/** Runs a value check and turns its error into one that names the construct. */
export function inScope<T>(path: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof GrafanaValueError) throw new GrafanaConstructError(path, err.message);
    throw err;
  }
}
