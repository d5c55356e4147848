/**
 * The two error kinds of the library. Every message says what is wrong, quotes the value,
 * and says how to fix it.
 */

/** A bad value with no construct behind it (a Ttl, a role, a legacy key definition). */
export class GrafanaValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GrafanaValueError";
  }
}

/** A bad value on a construct: the message starts with the construct path. */
export class GrafanaConstructError extends Error {
  constructor(
    public readonly constructPath: string,
    message: string,
  ) {
    super(`${constructPath}: ${message}`);
    this.name = "GrafanaConstructError";
  }
}

/** Quotes a value the way messages show it. */
export function quote(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
