import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";
import { cleanHcl, unwrapInterpolations } from "../../src/hcl/clean";

describe("unwrapInterpolations", () => {
  describe("GIVEN a string that is exactly one interpolation", () => {
    test.each([
      ['a = "${b.c}"', "a = b.c"],
      ['a = "${var.x}"', "a = var.x"],
      ['a = ["${a}", "${b.c[0]}"]', "a = [a, b.c[0]]"],
      ['a = "${format("%s", "}")}"', 'a = format("%s", "}")'],
      ['a = "${format("%s", "{")}"', 'a = format("%s", "{")'],
      ['a = "${{"k" = 1}["k"]}"', 'a = {"k" = 1}["k"]'],
      ['a = "${x ? "${y}" : "z"}"', 'a = x ? "${y}" : "z"'],
      ['a = "${ b }"', "a = b"],
    ])("WHEN unwrapped %j THEN it becomes the bare expression %j", (input, output) => {
      expect(unwrapInterpolations(input)).toBe(output);
    });
  });

  describe("GIVEN strings that are more than one interpolation", () => {
    test.each([
      ["two interpolations", 'a = "${a}${b}"'],
      ["a prefix", 'a = "x-${a}"'],
      ["a suffix", 'a = "${a}-x"'],
      ["an escaped interpolation", 'a = "$${literal}"'],
      ["an escaped directive", 'a = "%%{literal}"'],
      ["a template directive", 'a = "%{if a}x%{endif}"'],
      ["a strip marker", 'a = "${~a}"'],
      ["a trailing strip marker", 'a = "${a~}"'],
      ["escaped quotes around an interpolation", 'a = "say \\"${a}\\""'],
      ["an escaped quote before an interpolation", 'a = "\\"${a}"'],
      ["no interpolation", 'a = "plain"'],
      ["an empty string", 'a = ""'],
    ])("WHEN the string holds %s THEN it is left exactly as written", (_what, input) => {
      expect(unwrapInterpolations(input)).toBe(input);
    });
  });

  test("GIVEN escaped backslashes before the closing quote WHEN unwrapped THEN the string ends there and the next one is still seen", () => {
    expect(unwrapInterpolations('a = "\\\\"\nb = "${c}"')).toBe('a = "\\\\"\nb = c');
  });

  test("GIVEN an escaped interpolation before a real one WHEN unwrapped THEN only the real one is bare", () => {
    expect(unwrapInterpolations('a = "$${a}"\nb = "${c}"')).toBe('a = "$${a}"\nb = c');
  });

  test.each([
    ["a heredoc", 'a = <<EOT\n"${a}"\nsay "hi\nEOT\nb = "${b}"\n', 'a = <<EOT\n"${a}"\nsay "hi\nEOT\nb = b\n'],
    ["an indented heredoc", 'a = <<-EOT\n  "${a}"\n  EOT\nb = "${b}"\n', 'a = <<-EOT\n  "${a}"\n  EOT\nb = b\n'],
  ])("GIVEN %s WHEN unwrapped THEN its body is untouched AND what follows is still processed", (_what, input, output) => {
    expect(unwrapInterpolations(input)).toBe(output);
  });

  test("GIVEN an unterminated string WHEN unwrapped THEN it fails loudly rather than guessing", () => {
    expect(() => unwrapInterpolations('a = "${b')).toThrow(/unterminated/);
  });

  test("GIVEN a document WHEN unwrapped THEN Terraform reads the same values (via hcl2json)", async () => {
    const input = 'locals {\n  a = "${var.x}"\n  b = "x-${var.x}"\n  c = "${format("%s", "}")}"\n  d = "$${no}"\n}\n';
    expect(await parse("after.tf", unwrapInterpolations(input))).toEqual(await parse("before.tf", input));
  });
});

describe("cleanHcl", () => {
  const raw = [
    'resource "grafana_service_account_token" "t" {',
    'name = "t"',
    'service_account_id = "${grafana_service_account.sa.id}"',
    'provider = "grafana.cloud"',
    "depends_on = [",
    '"grafana_service_account.sa",',
    '"module.m"',
    "]",
    "}",
    "",
    "",
    "",
    'resource "grafana_service_account" "sa" {',
    "",
    'name = "sa"',
    'role = "Admin"',
    "",
    "}",
  ].join("\n");

  test("GIVEN cdktf's raw HCL WHEN cleaned THEN references, provider and depends_on are bare", async () => {
    const hcl = await cleanHcl(raw);
    expect(hcl).not.toContain('"${');
    expect(hcl).toMatch(/^\s*provider\s*=\s*grafana\.cloud$/m);
    expect(hcl).toMatch(/depends_on\s*=\s*\[\s*grafana_service_account\.sa,\s*module\.m,?\s*\]/);
    expect(hcl).toMatch(/service_account_id\s*=\s*grafana_service_account\.sa\.id$/m);
  });

  test("GIVEN cdktf's raw HCL WHEN cleaned THEN it is formatted like terraform fmt, one blank line between blocks", async () => {
    const hcl = await cleanHcl(raw);
    expect(await format(hcl)).toBe(hcl);
    expect(hcl).not.toMatch(/\n\n\n/);
    expect(hcl).not.toMatch(/\n\s*\n\s*}/);
    expect(hcl).toMatch(/^}\n\nresource "grafana_service_account" "sa" \{$/m);
    expect(hcl.endsWith("}\n")).toBe(true);
  });

  test("GIVEN a provider attribute that is not a reference WHEN cleaned THEN only real provider references lose their quotes", async () => {
    const hcl = await cleanHcl('provider "grafana" {\nurl = "http://localhost:3000"\n}\n');
    expect(hcl).toContain('url = "http://localhost:3000"');
  });

  test("GIVEN a heredoc with blank lines WHEN cleaned THEN its body is kept exactly", async () => {
    const hcl = await cleanHcl('locals {\nx = <<EOT\nline one\n\n\n"${a}"\nEOT\n}\n');
    expect(hcl).toContain('line one\n\n\n"${a}"\nEOT');
  });
});
