/** formatBlocks: hclwrite once per block shape, yet the bytes of hclwrite on the whole file. */
import { format } from "@cdktf/hcl-tools";
import fc from "fast-check";
import { renderGenerated } from "../../src/cli/generated";
import { formatBlocks } from "../../src/hcl/format-blocks";
import { Attribute, bare, ConfigBlock, ConfigValue, toHcl, toTerraformJson } from "../../src/hcl/config-blocks";

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/);
// Valid template strings only: an unterminated "${" is an error in Terraform JSON as in HCL.
const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", "-", ".", '"', "\\", "\n", "$", "%", "é", "${x}", "${a.b}", "%{ if c }y%{ endif }") }).filter((t) => !/%%\{|\$\$\{/.test(t));
const scalar: fc.Arbitrary<ConfigValue> = fc.oneof(
  text,
  fc.integer({ min: -5, max: 10 ** 16 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.stringMatching(/^[a-z_]+(\.[a-z_0-9]+){1,3}$/).map(bare),
  fc.stringMatching(/^[a-z_]+(\.[a-z_0-9]+){1,3}$/).map((r) => "${" + r + "}"),
);
const value: fc.Arbitrary<ConfigValue> = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) });
// A user's comments as the migration carries them: whole lines above, and one at a line's end.
const words = fc.string({ unit: fc.constantFrom("a", "Z", " ", "-", ".", '"', "$", "é", "#", "/"), maxLength: 20 }).map((t) => t.trimEnd());
const comment = fc.oneof(words.map((t) => `#${t}`), words.map((t) => `// ${t}`), words.map((t) => `/* ${t.replace(/\*\//g, "")} */`));
const comments = fc.record({ above: fc.array(comment, { maxLength: 2 }), trailing: fc.option(comment.filter((c) => !c.startsWith("/*")), { nil: undefined }) }, { requiredKeys: ["above"] });
const attribute = fc.record({ name, value, comments: fc.option(comments, { nil: undefined, freq: 3 }) }).map(({ comments: c, ...a }) => (c ? { ...a, comments: c } : a));
const attributes = fc.uniqueArray(attribute, { selector: (a) => a.name, maxLength: 5 }) as fc.Arbitrary<Attribute[]>;
const nested: fc.Arbitrary<ConfigBlock> = fc.record({ type: fc.constantFrom("lifecycle", "precondition"), labels: fc.constant([]), groups: fc.array(attributes, { maxLength: 2 }) });
const block: fc.Arbitrary<ConfigBlock> = fc
  .record({
    type: fc.constantFrom("resource", "data", "output", "removed", "import"),
    labels: fc.array(fc.oneof(name, text), { maxLength: 2 }),
    groups: fc.array(fc.oneof(attributes, fc.array(nested, { maxLength: 1 })), { maxLength: 4 }) as fc.Arbitrary<ConfigBlock["groups"]>,
    above: fc.array(comment, { maxLength: 2 }),
  })
  .map(({ above, ...b }) => (above.length > 0 ? { ...b, comments: { above } } : b));

test("GIVEN any blocks WHEN formatted per block shape THEN the text is hclwrite's for the whole file, byte for byte", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(block, { maxLength: 6 }), async (blocks) => {
      expect(await formatBlocks(blocks)).toBe(await format(toHcl(blocks)));
    }),
    { numRuns: 300 },
  );
});

test("GIVEN many blocks of one shape WHEN formatted THEN each keeps its own values", async () => {
  const blocks: ConfigBlock[] = Array.from({ length: 50 }, (_, i) => ({
    type: "resource",
    labels: ["grafana_service_account", `sa${i}`],
    groups: [[{ name: "provider", value: bare(`grafana.team${i}`) }], [{ name: "name", value: `sa-${i}` }, { name: "seconds_to_live", value: i * 60 }]],
  }));
  const hcl = await formatBlocks(blocks);
  expect(hcl).toBe(await format(toHcl(blocks)));
  expect(hcl).toContain('resource "grafana_service_account" "sa49" {\n  provider = grafana.team49\n\n  name            = "sa-49"\n  seconds_to_live = 2940\n}\n');
});

test("GIVEN many blocks of one shape with comments of their own WHEN formatted THEN each keeps its own comments, aligned as hclwrite aligns them", async () => {
  const blocks: ConfigBlock[] = Array.from({ length: 30 }, (_, i) => ({
    type: "resource",
    labels: ["grafana_service_account", `sa${i}`],
    comments: { above: [`# Key ${i} of team ${i % 3}`] },
    groups: [[{ name: "name", value: `sa-${"x".repeat(i)}`, comments: { trailing: `# named for ${i}` } }, { name: "role", value: "Viewer" }]],
  }));
  const hcl = await formatBlocks(blocks);
  expect(hcl).toBe(await format(toHcl(blocks)));
  expect(hcl).toContain(`# Key 29 of team 2\nresource "grafana_service_account" "sa29" {\n  name = "sa-${"x".repeat(29)}" # named for 29\n`);
});

test("GIVEN blocks that differ only in their values and comment words WHEN formatted THEN hclwrite runs once for their one shape", async () => {
  const texts: string[] = [];
  const counting = async (text: string) => (texts.push(text), format(text));
  const blocks: ConfigBlock[] = Array.from({ length: 40 }, (_, i) => ({
    type: "resource",
    labels: ["grafana_service_account", `sa${i}`],
    comments: { above: [`# Key ${i} of team ${i % 7}`, "// carried over"] },
    groups: [[{ name: "name", value: `sa-${i}`, comments: { above: [`# named for key ${i}`] } }, { name: "role", value: "Viewer" }]],
  }));
  expect(await formatBlocks(blocks, counting)).toBe(await format(toHcl(blocks)));
  expect(texts).toHaveLength(1);
});

test("GIVEN the json form WHEN rendered THEN it is the Terraform JSON document, and no HCL is made", async () => {
  const blocks: ConfigBlock[] = [{ type: "removed", labels: [], groups: [[{ name: "from", value: bare("grafana_api_key.a") }]] }];
  expect(await renderGenerated(blocks, "json")).toEqual({ hcl: "", json: `${JSON.stringify(toTerraformJson(blocks), null, 2)}\n` });
});
