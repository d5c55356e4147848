import { GrafanaValueError } from "../../src/model/errors";
import {
  API_KEY_ROLES,
  isApiKeyRole,
  isServiceAccountRole,
  isWiderRole,
  parseApiKeyRole,
  parseServiceAccountRole,
  SERVICE_ACCOUNT_ROLES,
} from "../../src/model/role";
import { messageOf } from "../support/errors";

const errorOf = (fn: () => unknown): string => messageOf(fn, GrafanaValueError);

describe("API key roles", () => {
  test("GIVEN the accepted roles WHEN listed THEN they are exactly Viewer, Editor and Admin", () => {
    expect([...API_KEY_ROLES].sort()).toEqual(["Admin", "Editor", "Viewer"]);
  });

  test.each(["Admin", "Editor", "Viewer"])("GIVEN %j WHEN parsed as a key role THEN it is accepted unchanged", (role) => {
    expect(isApiKeyRole(role)).toBe(true);
    expect(parseApiKeyRole(role)).toBe(role);
  });

  test("GIVEN None WHEN parsed as a key role THEN it is rejected: keys always carry a role", () => {
    expect(isApiKeyRole("None")).toBe(false);
    const message = errorOf(() => parseApiKeyRole("None"));
    expect(message).toContain('"None"');
    expect(message).toContain("Viewer, Editor, Admin");
  });

  test.each([
    ["admin", "Admin"],
    ["ADMIN", "Admin"],
    ["editor", "Editor"],
    ["viewer", "Viewer"],
    [" Admin", "Admin"],
  ])("GIVEN the wrong case %j WHEN parsed THEN the message quotes it and suggests %j", (bad, fix) => {
    const message = errorOf(() => parseApiKeyRole(bad));
    expect(message).toContain(JSON.stringify(bad));
    expect(message).toContain("expected one of Viewer, Editor, Admin");
    expect(message).toContain(`use "${fix}"`);
  });

  test.each(["Owner", "", "Grafana Admin"])("GIVEN an unknown role %j WHEN parsed THEN it is rejected with no suggestion", (bad) => {
    const message = errorOf(() => parseApiKeyRole(bad));
    expect(message).toContain(JSON.stringify(bad));
    expect(message).toContain("Viewer, Editor, Admin");
    expect(message).not.toContain("use \"");
  });

  test("GIVEN a value that is not a string WHEN parsed THEN the message shows it", () => {
    expect(errorOf(() => parseApiKeyRole(undefined))).toContain("undefined");
    expect(errorOf(() => parseApiKeyRole(3))).toContain("3");
  });

  test("GIVEN a description of the thing WHEN a role is rejected THEN the message uses it", () => {
    expect(errorOf(() => parseApiKeyRole("x", "ApiKey role"))).toMatch(/^Invalid ApiKey role "x"/);
  });
});

describe("service account roles", () => {
  test("GIVEN the accepted roles WHEN listed THEN they are the key roles plus None", () => {
    expect([...SERVICE_ACCOUNT_ROLES].sort()).toEqual(["Admin", "Editor", "None", "Viewer"]);
  });

  test.each(["None", "Viewer", "Editor", "Admin"])("GIVEN %j WHEN parsed THEN it is accepted", (role) => {
    expect(isServiceAccountRole(role)).toBe(true);
    expect(parseServiceAccountRole(role)).toBe(role);
  });

  test.each([
    ["admin", "Admin"],
    ["none", "None"],
    ["NONE", "None"],
  ])("GIVEN the wrong case %j WHEN parsed THEN the message suggests %j and lists all four roles", (bad, fix) => {
    const message = errorOf(() => parseServiceAccountRole(bad));
    expect(message).toContain(JSON.stringify(bad));
    expect(message).toContain("None, Viewer, Editor, Admin");
    expect(message).toContain(`use "${fix}"`);
  });
});

describe("isWiderRole", () => {
  test("GIVEN the roles in order WHEN compared THEN each grants more than the one before", () => {
    expect(isWiderRole("Admin", "Editor")).toBe(true);
    expect(isWiderRole("Editor", "Viewer")).toBe(true);
    expect(isWiderRole("Viewer", "None")).toBe(true);
    expect(isWiderRole("Viewer", "Viewer")).toBe(false);
    expect(isWiderRole("Viewer", "Admin")).toBe(false);
  });
});
