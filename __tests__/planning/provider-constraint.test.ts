import { admits, admitsBelow, DATA_SOURCE_PAGES, narrowConstraint, parseConstraint, ProviderFeature } from "../../src/planning/provider-constraint";

/** What a plain migration of grafana_api_key needs: service accounts, and the key type still there. */
const OSS: ProviderFeature[] = ["apiKey", "serviceAccounts"];
/** A Cloud stack key's migration: Cloud stack service accounts (1.37.0) and the key type (< 3.0.0). */
const CLOUD: ProviderFeature[] = ["cloudStackApiKey", "cloudStackServiceAccounts"];

describe("narrowConstraint", () => {
  test.each([
    // [the user's constraint, features, what is written]
    [undefined, OSS, ">= 1.26.0, < 3.0.0"],
    ["", CLOUD, ">= 1.37.0, < 3.0.0"],
    ["1.24.0", CLOUD, ">= 1.37.0, < 2.0.0"],
    ["= 1.33.0", OSS, "= 1.33.0"],
    ["1.24.0", OSS, ">= 1.26.0, < 2.0.0"],
    ["~> 1.24", CLOUD, "~> 1.37"],
    ["~> 1.24.0", CLOUD, ">= 1.37.0, < 2.0.0"],
    ["~> 2.0", OSS, "~> 2.0"],
    ["~> 2.19", CLOUD, "~> 2.19"],
    ["~> 2", OSS, ">= 2.0.0, < 3.0.0"],
    [">= 2.0", OSS, ">= 2.0, < 3.0.0"],
    [">= 1.20", CLOUD, ">= 1.37.0, < 3.0.0"],
    [">= 2.0, < 4.0", OSS, ">= 2.0, < 3.0.0"],
    [">= 2.0, <= 2.19.0", OSS, ">= 2.0, <= 2.19.0"],
    [">= 2.0, != 2.5.0", OSS, ">= 2.0, < 3.0.0, != 2.5.0"],
    ["~> 2.0, != 2.5.0", OSS, "~> 2.0, != 2.5.0"],
    ["~> 3.0", OSS, ">= 1.26.0, < 3.0.0"],
    ["4.45.1", CLOUD, ">= 1.37.0, < 3.0.0"],
    [">= 1.0", [...OSS, "cloudStackSlug"] as ProviderFeature[], ">= 1.26.0, < 2.0.0"],
    ["~> 2.0", [...CLOUD, "orgId"] as ProviderFeature[], "~> 2.0"],
  ])("GIVEN %j and %j WHEN narrowed THEN %j is written", (existing, features, expected) => {
    expect(narrowConstraint(existing, features).constraint).toBe(expected);
  });

  test("GIVEN a constraint that already fits WHEN narrowed THEN it is kept as written, with no reason", () => {
    expect(narrowConstraint(" ~> 2.19 ", OSS)).toEqual({ constraint: " ~> 2.19 ", previous: " ~> 2.19 ", changed: false, reason: "" });
  });

  test("GIVEN a change WHEN narrowed THEN the reason names the user's constraint and every need", () => {
    const change = narrowConstraint("~> 1.24", CLOUD);
    expect(change).toMatchObject({ previous: "~> 1.24", changed: true });
    expect(change.reason).toContain('"~> 1.24"');
    expect(change.reason).toContain("grafana_cloud_stack_service_account and its token first exist in 1.37.0");
    expect(change.reason).toContain("grafana_cloud_stack_api_key exists from 1.36.0 until 3.0.0");
  });

  test("GIVEN no constraint WHEN narrowed THEN the reason says terraform would take the newest release", () => {
    expect(narrowConstraint(undefined, OSS).reason).toContain("newest release");
  });

  test("GIVEN a constraint terraform would not accept WHEN narrowed THEN it is kept and the reason says it could not be read", () => {
    const change = narrowConstraint("latest", OSS);
    expect(change).toMatchObject({ constraint: "latest", changed: false });
    expect(change.reason).toContain('could not read the version constraint "latest"');
  });
});

describe("parseConstraint", () => {
  test.each([["~> 2.19"], [">= 1.2.3, < 2"], ["1"], ["v2.0.0"], ["!= 2.5.0"]])("GIVEN %j THEN it parses", (text) => {
    expect(parseConstraint(text)).toBeDefined();
  });

  test.each([["latest"], ["~>"], ["1.2.3.4"], [">= 1.0,"], ["2.0.0-beta1"]])("GIVEN %j THEN it is not a constraint it can read", (text) => {
    expect(parseConstraint(text)).toBeUndefined();
  });
});

describe("admits", () => {
  test.each([
    // [constraint, locked release, admitted]
    [">= 2.0.0, < 3.0.0", "2.19.0", true],
    [">= 2.0.0, < 3.0.0", "3.0.0", false],
    [">= 2.0.0, < 3.0.0", "1.43.0", false],
    ["~> 2.19", "2.25.1", true],
    ["~> 2.19", "3.0.0", false],
    ["~> 1.24.0", "1.24.9", true],
    ["~> 1.24.0", "1.25.0", false],
    ["1.33.0", "1.33.0", true],
    ["= 1.33.0", "1.33.1", false],
    [">= 2.0, != 2.5.0", "2.5.0", false],
    [">= 2.0, != 2.5.0", "2.5.1", true],
    ["<= 2.19.0", "2.19.0", true],
    ["> 2.19.0", "2.19.0", false],
    ["latest", "2.19.0", false],
    ["~> 2.19", "2.19.0-beta1", false],
  ])("GIVEN %j and the locked release %j THEN admitted is %j", (constraint, version, expected) => {
    expect(admits(constraint, version)).toBe(expected);
  });
});

describe("admitsBelow (the data source lookup needs 4.22.0)", () => {
  test.each([
    [">= 1.26.0, < 3.0.0", true],
    ["~> 2.19", true],
    [">= 4.22.0", false],
    ["~> 4.22", false],
    ["4.45.1", false],
    ["~> 4.0", true],
    ["not a constraint", true],
    [undefined, true],
  ])("GIVEN %s THEN it admits a release before 4.22.0: %s", (constraint, expected) => {
    expect(admitsBelow(constraint, DATA_SOURCE_PAGES)).toBe(expected);
  });
});
