/** renderName fills the account and token name templates. */
import { GrafanaValueError } from "../../src/model/errors";
import { renderName, templateProblem } from "../../src/planning/names";

const values = { name: "key_foo", role: "Admin", org: "2", stack: "mystack" };

describe("renderName", () => {
  test.each([
    ["sa-{name}", "sa-key_foo"],
    ["sa-{role}", "sa-admin"],
    ["{name}-token", "key_foo-token"],
    ["{stack}-{org}-{role}-{name}", "mystack-2-admin-key_foo"],
    ["fixed", "fixed"],
    ["{name}{name}", "key_fookey_foo"],
  ])("GIVEN the template %j WHEN filled THEN it is %j (role lowercased)", (template, expected) => {
    expect(renderName(template, values, "account name")).toBe(expected);
  });

  test("GIVEN a name that is a Terraform expression WHEN filled THEN the expression is copied as it is", () => {
    expect(renderName("sa-{name}", { name: "${var.env}-ci", role: "Viewer" }, "account name")).toBe("sa-${var.env}-ci");
  });

  test("GIVEN a template with its own interpolation WHEN filled THEN ${...} is not taken for a placeholder", () => {
    expect(renderName("${var.prefix}-{name}", values, "token name")).toBe("${var.prefix}-key_foo");
  });

  test("GIVEN an unknown placeholder WHEN filled THEN the error names the template, the placeholder and the allowed ones", () => {
    expect(() => renderName("sa-{team}", values, "account name")).toThrow(new GrafanaValueError('The account name template "sa-{team}" has an unknown placeholder {team}; use {name}, {role}, {org} or {stack}.'));
  });

  test("GIVEN {org} for a key with no org WHEN filled THEN the error says the key lacks it", () => {
    expect(() => renderName("sa-{org}-{name}", { name: "ci", role: "Viewer" }, "account name")).toThrow(new GrafanaValueError('The account name template "sa-{org}-{name}" uses {org}, which key "ci" does not have.'));
  });

  test("GIVEN {stack} for a key outside a Cloud stack WHEN filled THEN it is refused", () => {
    expect(() => renderName("{stack}-{name}", { name: "ci", role: "Viewer", org: "1" }, "token name")).toThrow("uses {stack}, which key \"ci\" does not have");
  });
});

describe("templateProblem", () => {
  test.each([
    ["{bogus}", "account", "has an unknown placeholder {bogus}; use {name}, {role}, {org} or {stack}."],
    ["sa-{name}", "account", undefined],
    ["${var.p}-{org}", "account", undefined],
    ["{name}", "account", undefined],
    ["{name}", "token", expect.stringMatching(/^gives every token its key's name\. Grafana keeps keys and tokens in one table/)],
    ["{name}-{x}", "token", "has an unknown placeholder {x}; use {name}, {role}, {org} or {stack}."],
  ] as const)("GIVEN the %s template %j WHEN checked before planning THEN the problem is %j", (template, of, problem) => {
    expect(templateProblem(template, of)).toEqual(problem);
  });
});
