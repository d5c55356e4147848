import { GrafanaValueError, quote } from "./errors";

/** Units of Grafana's "Time to live" field. `m` is minutes, `M` is a month of 30 days. */
export type TtlUnit = "s" | "m" | "h" | "d" | "w" | "M";

/** Seconds per unit, as Grafana counts them. */
export const TTL_UNIT_SECONDS: Readonly<Record<TtlUnit, number>> = {
  s: 1,
  m: 60,
  h: 3_600,
  d: 86_400,
  w: 604_800,
  M: 2_592_000,
};

/** Largest unit first, so toHumanString picks the shortest exact form. */
const UNITS_DESCENDING: TtlUnit[] = ["M", "w", "d", "h", "m", "s"];

/** Grafana's UI caps API keys at one month. */
export const MAX_API_KEY_SECONDS = TTL_UNIT_SECONDS.M;

/** Grafana's text form; the syntax is also valid RE2, so Terraform's regex() can use it. */
export const TTL_PATTERN = /^([0-9]+)([smhdwM])$/;

const ACCEPTED = "a whole number above zero followed by one unit: s, m, h, d, w or M (M = 30 days), like \"12h\" or \"1M\"";

/**
 * A time to live, as Grafana's UI takes it: a number and a unit (`12h`, `1M`).
 * The only place that knows what a unit means and how long a month is.
 */
export class Ttl {
  static seconds(amount: number): Ttl {
    return Ttl.of(amount, "s");
  }
  static minutes(amount: number): Ttl {
    return Ttl.of(amount, "m");
  }
  static hours(amount: number): Ttl {
    return Ttl.of(amount, "h");
  }
  static days(amount: number): Ttl {
    return Ttl.of(amount, "d");
  }
  static weeks(amount: number): Ttl {
    return Ttl.of(amount, "w");
  }
  /** Months of 30 days, as Grafana counts them. */
  static months(amount: number): Ttl {
    return Ttl.of(amount, "M");
  }

  /** Parses Grafana's form, strictly: no spaces, signs, fractions or other units. */
  static parse(text: string): Ttl {
    if (typeof text !== "string") {
      throw new GrafanaValueError(`Time to live must be a string like "12h", got ${quote(text)}.`);
    }
    const match = TTL_PATTERN.exec(text);
    if (!match) {
      throw new GrafanaValueError(`Invalid time to live ${quote(text)}: expected ${ACCEPTED}.${suggestion(text)}`);
    }
    return Ttl.of(Number(match[1]), match[2] as TtlUnit, text);
  }

  /** Accepts either a Ttl or Grafana's text form. */
  static from(value: Ttl | string): Ttl {
    return value instanceof Ttl ? value : Ttl.parse(value);
  }

  private static of(amount: number, unit: TtlUnit, source?: string): Ttl {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      const shown = source ?? `${amount}${unit}`;
      throw new GrafanaValueError(`Invalid time to live ${quote(shown)}: expected ${ACCEPTED}.`);
    }
    return new Ttl(amount, unit);
  }

  private constructor(
    public readonly amount: number,
    public readonly unit: TtlUnit,
  ) {}

  toSeconds(): number {
    return this.amount * TTL_UNIT_SECONDS[this.unit];
  }

  /** The shortest exact Grafana form: 2592000 seconds is "1M", 90 seconds "90s". */
  toHumanString(): string {
    return Ttl.describeSeconds(this.toSeconds());
  }

  toString(): string {
    return `${this.amount}${this.unit}`;
  }

  /** Seconds as the shortest exact Grafana form, for messages and reports. */
  static describeSeconds(seconds: number): string {
    const unit = UNITS_DESCENDING.find((u) => seconds % TTL_UNIT_SECONDS[u] === 0) ?? "s";
    return `${seconds / TTL_UNIT_SECONDS[unit]}${unit}`;
  }
}

/** Hints for the mistakes people make: "12H", " 12h", "1.5h", "12 h", "12hours". */
function suggestion(text: string): string {
  const loose = /^\s*([0-9]+)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!loose) return "";
  const [, amount, unit] = loose;
  const lower = unit.toLowerCase();
  const byWord: Record<string, TtlUnit> = { sec: "s", secs: "s", second: "s", seconds: "s", min: "m", mins: "m", minute: "m", minutes: "m", hour: "h", hours: "h", day: "d", days: "d", week: "w", weeks: "w", month: "M", months: "M" };
  // "M" is already a unit (a month): lower-casing it would turn a month into minutes.
  const fixed: string | undefined = unit === "M" ? "M" : unit.length === 1 && "smhdw".includes(lower) ? lower : byWord[lower];
  return fixed ? ` Did you mean "${amount}${fixed}"?` : "";
}
