import { planChanges, ResourceChange, verifyPlan, VerifiableReport } from "../../src/planning/verify-plan";

const change = (address: string, ...actions: string[]): ResourceChange => ({ address, mode: "managed", change: { actions } });

/** The seed migration: two keys forgotten, two accounts and two tokens created, one output's resource rewritten. */
const REPORT: VerifiableReport = {
  keys: [
    { legacy: "grafana_api_key.foo", token: "grafana_service_account_token.foo", account: "grafana_service_account.foo", legacyKeyFate: "kept (forgotten by Terraform)" },
    { legacy: "grafana_api_key.bar", token: "grafana_service_account_token.bar", account: "grafana_service_account.bar", legacyKeyFate: "kept (forgotten by Terraform)" },
  ],
  accounts: [{ address: "grafana_service_account.foo" }, { address: "grafana_service_account.bar" }],
  referencing: ["vault_generic_secret.ci"],
};

/** What terraform plans for the seed migration (terraform show -json, resource_changes). */
const SAFE: ResourceChange[] = [
  change("grafana_api_key.foo", "forget"),
  change("grafana_api_key.bar", "forget"),
  change("grafana_service_account.foo", "create"),
  change("grafana_service_account.bar", "create"),
  change("grafana_service_account_token.foo", "create"),
  change("grafana_service_account_token.bar", "create"),
  change("vault_generic_secret.ci", "update"),
  change("grafana_folder.unrelated", "no-op"),
  { address: "data.grafana_user.admin", mode: "data", change: { actions: ["read"] } },
];

const unsafe = (changes: ResourceChange[], report = REPORT) => verifyPlan(changes, report).violations.map((v) => `${v.address}: ${v.why}`);
const replace = (address: string, first: ResourceChange) => SAFE.map((c) => (c.address === address ? first : c));

test("GIVEN the seed migration's plan WHEN verified THEN it is safe", () => {
  expect(verifyPlan(SAFE, REPORT)).toEqual({ violations: [], absentKeys: [], checked: SAFE.length });
});

test("GIVEN a plan that deletes a legacy key WHEN verified THEN it is unsafe: the key would be revoked", () => {
  expect(unsafe(replace("grafana_api_key.foo", change("grafana_api_key.foo", "delete")))).toEqual([
    "grafana_api_key.foo: the plan deletes (revokes) this legacy key; the migration only forgets it (removed block, destroy = false)",
  ]);
});

test("GIVEN --revoke-legacy in the report WHEN the plan deletes the key THEN that is safe, and forgetting it is not", () => {
  const revoking = { ...REPORT, keys: REPORT.keys.map((k) => ({ ...k, legacyKeyFate: "revoked (destroyed by Terraform)" })) };
  const deleting = SAFE.map((c) => (c.address.startsWith("grafana_api_key.") ? change(c.address, "delete") : c));
  expect(unsafe(deleting, revoking)).toEqual([]);
  expect(unsafe(SAFE, revoking)).toHaveLength(2);
});

test("GIVEN a plan that replaces a service account WHEN verified THEN it is unsafe", () => {
  expect(unsafe(replace("grafana_service_account.foo", change("grafana_service_account.foo", "delete", "create")))).toEqual([
    "grafana_service_account.foo: the migration creates grafana_service_account.foo, but the plan does delete and create",
  ]);
});

test("GIVEN a plan that replaces an account the migration does not own WHEN verified THEN it is unsafe, and says why", () => {
  const [violation] = unsafe([...SAFE, change("grafana_service_account.other", "create", "delete")]);
  expect(violation).toBe("grafana_service_account.other: replaces a service account or token the migration does not own (deleting an account deletes all its tokens)");
});

test("GIVEN a plan without one of the tokens WHEN verified THEN the missing token is a violation", () => {
  expect(unsafe(SAFE.filter((c) => c.address !== "grafana_service_account_token.bar"))).toEqual([
    "grafana_service_account_token.bar: the migration creates it, but the plan does not",
  ]);
});

test("GIVEN an update of a resource that never referenced a key WHEN verified THEN it is unsafe; a no-op is fine", () => {
  expect(unsafe([...SAFE, change("grafana_folder.other", "update")])).toEqual([
    "grafana_folder.other: an in-place update of a resource that did not reference a legacy key",
  ]);
  expect(unsafe([...SAFE, change("aws_instance.web", "delete")])).toEqual(["aws_instance.web: delete of a resource the migration does not touch"]);
});

test("GIVEN keys with count or for_each WHEN every instance is forgotten THEN it is safe", () => {
  const report: VerifiableReport = { ...REPORT, keys: [{ ...REPORT.keys[0], legacy: "grafana_api_key.each" }, REPORT.keys[1]] };
  const changes = [...SAFE.filter((c) => c.address !== "grafana_api_key.foo"), change('grafana_api_key.each["a"]', "forget"), change('grafana_api_key.each["b"]', "forget")];
  expect(unsafe(changes, report)).toEqual([]);
});

test("GIVEN an adopted account WHEN it is imported THEN it is safe; when it is created or replaced instead THEN it is not", () => {
  const report = { ...REPORT, accounts: [{ address: "grafana_service_account.foo", adopt: { importId: "1:42" } }, REPORT.accounts[1]] };
  const imported: ResourceChange = { address: "grafana_service_account.foo", mode: "managed", change: { actions: ["no-op"], importing: { id: "1:42" } } };
  expect(unsafe(replace("grafana_service_account.foo", imported), report)).toEqual([]);
  expect(unsafe(replace("grafana_service_account.foo", { ...imported, change: { actions: ["delete", "create"], importing: { id: "1:42" } } }), report)[0]).toContain("never delete and create");
  expect(unsafe(SAFE, report)[0]).toContain("does not import it");
});

test("GIVEN a key no longer in state WHEN verified THEN it is reported absent, not unsafe", () => {
  const result = verifyPlan(SAFE.filter((c) => c.address !== "grafana_api_key.bar"), REPORT);
  expect(result).toMatchObject({ violations: [], absentKeys: ["grafana_api_key.bar"] });
});

describe("planChanges", () => {
  test("GIVEN terraform show -json output THEN its resource_changes", () => {
    expect(planChanges({ format_version: "1.2", resource_changes: SAFE })).toEqual(SAFE);
    expect(planChanges({ format_version: "1.2" })).toEqual([]);
  });

  test.each([[{}], [null], [{ format_version: "1.2", resource_changes: [{ address: "x" }] }], [{ format_version: "1.2", resource_changes: {} }]])(
    "GIVEN %j THEN a message says what is wrong",
    (input) => {
      expect(typeof planChanges(input)).toBe("string");
    },
  );
});

test("GIVEN the report's targeted apply created a token and its account already WHEN the plan leaves them (no-op) THEN it is safe; an update of them is not", () => {
  const bootstrapped = SAFE.map((c) => (/\.foo$/.test(c.address) && c.address.startsWith("grafana_service_account") ? change(c.address, "no-op") : c));
  expect(unsafe(bootstrapped)).toEqual([]);
  expect(unsafe(replace("grafana_service_account_token.foo", change("grafana_service_account_token.foo", "update")))).toEqual([
    "grafana_service_account_token.foo: the migration creates grafana_service_account_token.foo, but the plan does update",
  ]);
});
