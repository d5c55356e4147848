/** phaseSteps decisions that need a lock file or odd addresses (pure: no CLI run). */
import { planMigration } from "../../src/planning/plan-migration";
import { phaseSteps, shellWord } from "../../src/report/phase-steps";
import { sourceFile } from "../migration/harness";

const KEY = 'resource "grafana_api_key" "ci" {\n  name = "ci"\n  role = "Editor"\n}\n';
const plan = async (constraint: string) => planMigration([await sourceFile("main.tf", `terraform {\n  required_providers {\n    grafana = "${constraint}"\n  }\n}\n\n${KEY}`)]);

describe("terraform init, with or without -upgrade", () => {
  test.each([
    // [constraint in the input, locked release, command]
    [">= 2.0", "2.19.0", "terraform init"],
    [">= 2.0", "3.1.0", "terraform init -upgrade"],
    [">= 2.0", undefined, "terraform init -upgrade"],
    ["~> 2.19", undefined, "terraform init"],
    ["~> 2.19", "3.1.0", "terraform init"],
  ])("GIVEN %j and the lock file's %j THEN the first step is %j", async (constraint, locked, command) => {
    expect(phaseSteps(await plan(constraint), { outputs: [], lockedGrafanaVersion: locked })[0].command).toBe(command);
  });

  test("GIVEN a locked release the new constraint excludes THEN the why names it", async () => {
    expect(phaseSteps(await plan(">= 2.0"), { outputs: [], lockedGrafanaVersion: "3.1.0" })[0].why).toContain("the lock file's grafana 3.1.0 does not satisfy it");
  });
});

test.each([
  ["-target=grafana_service_account_token.ci", "-target=grafana_service_account_token.ci"],
  ['-target=module.m["a"].x', `'-target=module.m["a"].x'`],
  ["it's", `'it'\\''s'`],
])("GIVEN the word %j THEN the shell gets %s", (word, quoted) => {
  expect(shellWord(word)).toBe(quoted);
});
