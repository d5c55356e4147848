/** HclFile.withComments writes comments where blockComments reads them: the one is the other's inverse. */
import { format } from "@cdktf/hcl-tools";
import { HclFile } from "../../src/hcl/file";
import type { CarriedComments } from "../../src/hcl/comments";

const KEY = 'resource "grafana_api_key" "ci" {\n  name            = "ci"\n  role            = "Editor"\n  seconds_to_live = 3600\n}\n';

function written(text: string, comments: CarriedComments): string {
  const file = HclFile.of(text);
  return file.withComments(new Map([[file.blocks[0], comments]]));
}

test("GIVEN comments above a block, above an argument and after one WHEN written THEN blockComments reads the same comments back, and hclwrite only aligns them", async () => {
  const comments: CarriedComments = { above: ["# CI key", "/* owned by platform */"], args: { role: { above: ["# Editor because it deploys"] }, name: { above: [], trailing: "// pipeline name" } } };
  const text = written(KEY, comments);
  expect(text).toBe('# CI key\n/* owned by platform */\nresource "grafana_api_key" "ci" {\n  name            = "ci" // pipeline name\n  # Editor because it deploys\n  role            = "Editor"\n  seconds_to_live = 3600\n}\n');
  const file = HclFile.of(text);
  expect(file.blockComments(file.blocks[0])).toEqual(comments);
  // The comment line above role ends name's alignment group: hclwrite moves spaces, nothing else.
  const formatted = await format(text);
  expect(formatted).toContain('  name = "ci" // pipeline name\n');
  expect(formatted.replace(/[ \t]+/g, " ")).toBe(text.replace(/[ \t]+/g, " "));
});

test("GIVEN comments for an argument the block does not have WHEN written THEN they go above the block, in order", () => {
  const text = written(KEY, { above: ["# key"], args: { service_account_id: { above: ["# was the account"], trailing: "# id" } } });
  expect(text.startsWith('# key\n# was the account\n# id\nresource "grafana_api_key"')).toBe(true);
});

test("GIVEN a CRLF file WHEN a trailing comment is written THEN it goes before the \\r; a nested block's comments go above the block (only arguments are found)", () => {
  const crlf = 'resource "x" "y" {\r\n  lifecycle {\r\n    prevent_destroy = true\r\n  }\r\n  name = "n"\r\n}\r\n';
  const text = written(crlf, { above: [], args: { lifecycle: { above: [], trailing: "# kept" }, name: { above: ["# the name"], trailing: "# n" } } });
  expect(text).toBe('# kept\r\nresource "x" "y" {\r\n  lifecycle {\r\n    prevent_destroy = true\r\n  }\r\n  # the name\r\n  name = "n" # n\r\n}\r\n');
});
