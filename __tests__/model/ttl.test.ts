import { GrafanaValueError } from "../../src/model/errors";
import { MAX_API_KEY_SECONDS, Ttl } from "../../src/model/ttl";
import { messageOf } from "../support/errors";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const errorOf = (fn: () => unknown): string => messageOf(fn, GrafanaValueError);

/** Every rejection lists the accepted form, so a reader knows what to type instead. */
function expectListsAcceptedForms(message: string): void {
  expect(message).toContain("s, m, h, d, w or M");
  expect(message).toContain("M = 30 days");
  expect(message).toContain('"12h"');
}

describe("Ttl.parse", () => {
  describe("GIVEN Grafana's UI form <number><unit>", () => {
    test.each([
      ["30s", 30],
      ["1s", 1],
      ["15m", 15 * MINUTE],
      ["12h", 12 * HOUR],
      ["1d", DAY],
      ["30d", 30 * DAY],
      ["1w", 7 * DAY],
      ["2w", 14 * DAY],
      ["1M", 30 * DAY],
      ["2M", 60 * DAY],
    ])("WHEN parsing %j THEN it lasts %d seconds", (text, seconds) => {
      const ttl = Ttl.parse(text);
      expect(ttl.toSeconds()).toBe(seconds);
      expect(ttl.toString()).toBe(text);
    });
  });

  test("GIVEN 'm' and 'M' WHEN parsed THEN 'm' is a minute and 'M' a 30-day month", () => {
    expect(Ttl.parse("1m").toSeconds()).toBe(60);
    expect(Ttl.parse("1M").toSeconds()).toBe(2_592_000);
    expect(Ttl.parse("1M").toSeconds()).toBe(Ttl.parse("30d").toSeconds());
  });

  test("GIVEN the API key cap WHEN compared THEN it is exactly one Grafana month", () => {
    expect(MAX_API_KEY_SECONDS).toBe(Ttl.parse("1M").toSeconds());
  });

  describe("GIVEN a value that is not a positive whole number of one known unit", () => {
    test.each([
      ["zero", "0h"],
      ["zero seconds", "0s"],
      ["a negative number", "-1h"],
      ["an explicit plus sign", "+1h"],
      ["a fraction", "1.5h"],
      ["a fraction without leading digit", ".5h"],
      ["an unknown unit (years)", "12y"],
      ["an unknown unit (milliseconds)", "500ms"],
      ["no unit", "12"],
      ["no number", "h"],
      ["the empty string", ""],
      ["two units", "1h30m"],
      ["exponent notation", "1e3s"],
      ["hex notation", "0x10s"],
      ["full-width digits", "１２h"],
      ["a number too large to be exact", "99999999999999999999h"],
    ])("WHEN parsing %s (%j) THEN it throws quoting the value and listing the accepted forms", (_what, text) => {
      const message = errorOf(() => Ttl.parse(text));
      expect(message).toContain(`Invalid time to live ${JSON.stringify(text)}`);
      expectListsAcceptedForms(message);
    });
  });

  describe("GIVEN whitespace around or inside the value", () => {
    test.each([
      [" 12h", "12h"],
      ["12h ", "12h"],
      ["12 h", "12h"],
      ["12h\n", "12h"],
      ["\t12h", "12h"],
    ])("WHEN parsing %j THEN it is rejected AND the message suggests %j", (text, fix) => {
      const message = errorOf(() => Ttl.parse(text));
      expect(message).toContain(JSON.stringify(text));
      expect(message).toContain(`Did you mean "${fix}"?`);
      expectListsAcceptedForms(message);
    });
  });

  describe("GIVEN the wrong case for a unit", () => {
    test.each([
      ["12H", "12h"],
      ["7D", "7d"],
      ["2W", "2w"],
      ["30S", "30s"],
    ])("WHEN parsing %j THEN the message suggests %j", (text, fix) => {
      const message = errorOf(() => Ttl.parse(text));
      expect(message).toContain(JSON.stringify(text));
      expect(message).toContain(`Did you mean "${fix}"?`);
    });
  });

  test("GIVEN a month written with a space WHEN parsed THEN the hint keeps it a month, not minutes", () => {
    expect(errorOf(() => Ttl.parse("1 M"))).toContain('Did you mean "1M"?');
    expect(errorOf(() => Ttl.parse(" 1M"))).toContain('Did you mean "1M"?');
    expect(errorOf(() => Ttl.parse("1 m"))).toContain('Did you mean "1m"?');
  });

  test.each([
    ["12hours", "12h"],
    ["1 month", "1M"],
    ["30 minutes", "30m"],
    ["2 weeks", "2w"],
  ])("GIVEN a spelled-out unit %j WHEN parsed THEN it is rejected AND the message suggests %j", (text, fix) => {
    expect(errorOf(() => Ttl.parse(text))).toContain(`Did you mean "${fix}"?`);
  });

  test("GIVEN an unknown unit WHEN parsed THEN no misleading suggestion is made", () => {
    expect(errorOf(() => Ttl.parse("12y"))).not.toContain("Did you mean");
  });

  test("GIVEN a value that is not a string WHEN parsed THEN it throws naming the value", () => {
    const message = errorOf(() => Ttl.parse(12 as unknown as string));
    expect(message).toContain("12");
    expect(message).toContain('"12h"');
  });
});

describe("Ttl factories", () => {
  test.each([
    ["seconds", () => Ttl.seconds(90), 90, "90s"],
    ["minutes", () => Ttl.minutes(15), 15 * MINUTE, "15m"],
    ["hours", () => Ttl.hours(12), 12 * HOUR, "12h"],
    ["days", () => Ttl.days(30), 30 * DAY, "30d"],
    ["weeks", () => Ttl.weeks(2), 14 * DAY, "2w"],
    ["months", () => Ttl.months(1), 30 * DAY, "1M"],
  ])("GIVEN Ttl.%s WHEN converted THEN toSeconds and toString agree with Grafana's form", (_unit, make, seconds, text) => {
    const ttl = make();
    expect(ttl.toSeconds()).toBe(seconds);
    expect(ttl.toString()).toBe(text);
    expect(Ttl.parse(text).toSeconds()).toBe(seconds);
  });

  test.each([
    ["zero", () => Ttl.hours(0), '"0h"'],
    ["a negative amount", () => Ttl.days(-1), '"-1d"'],
    ["a fraction", () => Ttl.hours(1.5), '"1.5h"'],
    ["NaN", () => Ttl.seconds(NaN), '"NaNs"'],
    ["Infinity", () => Ttl.months(Infinity), '"InfinityM"'],
  ])("GIVEN %s WHEN made with a factory THEN it throws quoting the value", (_what, make, shown) => {
    const message = errorOf(make);
    expect(message).toContain(shown);
    expectListsAcceptedForms(message);
  });
});

describe("Ttl.toHumanString", () => {
  test.each([
    [Ttl.seconds(90), "90s"],
    [Ttl.seconds(120), "2m"],
    [Ttl.minutes(90), "90m"],
    [Ttl.hours(24), "1d"],
    [Ttl.hours(36), "36h"],
    [Ttl.days(7), "1w"],
    [Ttl.days(30), "1M"],
    [Ttl.days(31), "31d"],
    [Ttl.weeks(5), "5w"],
    [Ttl.days(60), "2M"],
  ])("GIVEN %s WHEN described THEN it is the shortest exact form %j", (ttl, text) => {
    expect(ttl.toHumanString()).toBe(text);
    expect(Ttl.parse(text).toSeconds()).toBe(ttl.toSeconds());
  });

  test("GIVEN a number of seconds WHEN described THEN describeSeconds matches toHumanString", () => {
    expect(Ttl.describeSeconds(2_592_000)).toBe("1M");
    expect(Ttl.describeSeconds(43_200)).toBe("12h");
    expect(Ttl.describeSeconds(61)).toBe("61s");
  });
});

describe("Ttl.from", () => {
  test("GIVEN a Ttl WHEN passed THEN it is returned as is", () => {
    const ttl = Ttl.hours(1);
    expect(Ttl.from(ttl)).toBe(ttl);
  });

  test("GIVEN text WHEN passed THEN it is parsed strictly", () => {
    expect(Ttl.from("1M").toSeconds()).toBe(30 * DAY);
    expect(() => Ttl.from("12H")).toThrow(GrafanaValueError);
  });
});
