/**
 * maskHcl / maskTemplate hide what is not expression code (comments, literal text) and keep
 * the length, so a reference found in the masked text is at the same offset in the source.
 */
import fc from "fast-check";
import { maskHcl, maskTemplate } from "../../src/hcl/scan";

/** The masked text with the mask character shown as "·". */
const shown = (masked: string) => masked.replace(/\u0001/g, "·");
const hcl = (text: string) => shown(maskHcl(text));
const template = (text: string) => shown(maskTemplate(text));
/** What masking makes of literal text: every character but a newline hidden. */
const hide = (literal: string) => literal.replace(/[^\n]/g, "·");

describe("maskHcl: comments", () => {
  test("GIVEN # and // line comments WHEN masked THEN the comment text is hidden up to the line end and code stays", () => {
    expect(hcl("a = b # grafana_api_key.x.key\nc = d // grafana_api_key.y\ne = f")).toBe(`a = b ${hide("# grafana_api_key.x.key")}\nc = d ${hide("// grafana_api_key.y")}\ne = f`);
  });

  test("GIVEN a /* */ comment over several lines WHEN masked THEN it is hidden, its newlines kept, and code after it stays", () => {
    expect(hcl("a /* x\ngrafana_api_key.x.key */ b")).toBe("a ····\n························ b");
  });

  test("GIVEN a comment marker inside a string WHEN masked THEN it is literal text, not a comment, and code after the string stays", () => {
    expect(hcl('a = "http://h#x" + grafana_api_key.x.key')).toBe('a = "··········" + grafana_api_key.x.key');
  });

  test("GIVEN an interpolation inside a comment WHEN masked THEN it is hidden too", () => {
    expect(hcl("# ${grafana_api_key.x.key}")).toBe("··························");
  });
});

describe("maskHcl: quoted strings", () => {
  test("GIVEN a string with an interpolation WHEN masked THEN the literal parts are hidden, the quotes and ${...} stay", () => {
    expect(hcl('a = "Bearer ${grafana_api_key.x.key} !"')).toBe('a = "·······${grafana_api_key.x.key}··"');
  });

  test("GIVEN an index with a string key WHEN masked THEN the brackets and quotes stay, so it still looks like an index", () => {
    expect(hcl('a = grafana_api_key.y["a"].key')).toBe('a = grafana_api_key.y["·"].key');
  });

  test('GIVEN an escaped quote WHEN masked THEN the string does not end there', () => {
    expect(hcl('a = "say \\"grafana_api_key.x.key\\"" + b')).toBe(`a = "${hide('say \\"grafana_api_key.x.key\\"')}" + b`);
  });

  test("GIVEN an escaped backslash before ${ WHEN masked THEN the interpolation after it is real code", () => {
    expect(hcl('a = "C:\\\\${var.dir}"')).toBe('a = "····${var.dir}"');
  });

  test("GIVEN $${ and %%{ escapes WHEN masked THEN what follows them is literal text", () => {
    expect(hcl('a = "$${grafana_api_key.x.key} ${b}"')).toBe(`a = "${hide("$${grafana_api_key.x.key} ")}\${b}"`);
    expect(hcl('a = "%%{ if grafana_api_key.x } ${b}"')).toBe(`a = "${hide("%%{ if grafana_api_key.x } ")}\${b}"`);
  });

  test("GIVEN template directives WHEN masked THEN %{ ... } is code like ${ ... }", () => {
    expect(hcl('a = "%{ if v }x${y}%{ endif }"')).toBe('a = "%{ if v }·${y}%{ endif }"');
  });

  test("GIVEN an unterminated string WHEN masked THEN it stops at the line end and the next line is code", () => {
    expect(hcl('a = "open\nb = grafana_api_key.x.key')).toBe('a = "····\nb = grafana_api_key.x.key');
  });
});

describe("maskHcl: nested interpolation", () => {
  test("GIVEN a string inside an interpolation inside a string WHEN masked THEN each level is masked by its own rule", () => {
    expect(hcl('a = "${f("q${g}r")}" # c')).toBe('a = "${f("·${g}·")}" ···');
  });

  test("GIVEN braces of an object inside an interpolation WHEN masked THEN the interpolation ends at its own closing brace", () => {
    expect(hcl('a = "${ {k = grafana_api_key.x.key}.k } tail" + b')).toBe('a = "${ {k = grafana_api_key.x.key}.k }·····" + b');
  });

  test("GIVEN a for expression with a template WHEN masked THEN the code around the template stays", () => {
    expect(hcl('a = { for k, v in grafana_api_key.y : k => "${v.key}!" }')).toBe('a = { for k, v in grafana_api_key.y : k => "${v.key}·" }');
  });
});

describe("maskHcl: heredocs", () => {
  test("GIVEN a heredoc WHEN masked THEN its literal lines are hidden, its interpolations and terminator stay, and code follows", () => {
    const text = "a = <<EOT\ntoken grafana_api_key.x.key\n${grafana_api_key.y.key}\nEOT\nb = c";
    expect(hcl(text)).toBe("a = <<EOT\n···························\n${grafana_api_key.y.key}\nEOT\nb = c");
  });

  test("GIVEN an indented <<- heredoc WHEN masked THEN the indented terminator ends it", () => {
    expect(hcl("a = <<-EOT\n    x\n    EOT\nb = grafana_api_key.x")).toBe("a = <<-EOT\n·····\n    EOT\nb = grafana_api_key.x");
  });

  test("GIVEN $${ in a heredoc WHEN masked THEN it is literal", () => {
    expect(hcl("a = <<EOT\n$${grafana_api_key.x.key}\nEOT\n")).toBe(`a = <<EOT\n${hide("$${grafana_api_key.x.key}")}\nEOT\n`);
  });

  test("GIVEN a backslash before ${ in a heredoc WHEN masked THEN the backslash is literal and the interpolation is code (Terraform has no escapes there)", () => {
    expect(hcl("a = <<-EOT\n  C:\\${grafana_api_key.x.key}\n  EOT\n")).toBe("a = <<-EOT\n·····${grafana_api_key.x.key}\n  EOT\n");
  });

  test("GIVEN an interpolation spanning lines in a heredoc WHEN masked THEN all of it stays code", () => {
    expect(hcl("a = <<EOT\nx ${f(\ngrafana_api_key.x.key)}\nEOT\n")).toBe("a = <<EOT\n··${f(\ngrafana_api_key.x.key)}\nEOT\n");
  });

  test("GIVEN a terminator word inside a heredoc line WHEN masked THEN only a line holding just the terminator ends it", () => {
    expect(hcl("a = <<EOT\nnot EOT here\nEOT\nb")).toBe("a = <<EOT\n············\nEOT\nb");
  });
});

describe("maskTemplate (a Terraform JSON string)", () => {
  test("GIVEN literal text and an interpolation WHEN masked THEN only the interpolation stays", () => {
    expect(template("Bearer ${grafana_api_key.x.key}")).toBe("·······${grafana_api_key.x.key}");
  });

  test("GIVEN $${ WHEN masked THEN it is literal", () => {
    expect(template("$${grafana_api_key.x.key}")).toBe("·························");
  });

  test("GIVEN a backslash WHEN masked THEN it is literal (JSON decoded its escapes already) and ${ after it is code", () => {
    expect(template("C:\\${var.dir}")).toBe("···${var.dir}");
  });

  test("GIVEN a quote in the text WHEN masked THEN it does not end anything", () => {
    expect(template('say "hi" ${a}')).toBe("·········${a}");
  });
});

describe("mask properties", () => {
  const pieces = fc.constantFrom("a", " ", "\n", '"', "\\", "$", "${", "$${", "%{", "}", "{", "#", "//", "/*", "*/", "<<EOT\n", "EOT\n", "grafana_api_key.x.key", "[0]", "\t");
  const source = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(""));

  test("GIVEN any text WHEN masked THEN the length and every newline stay where they were", () => {
    fc.assert(
      fc.property(source, (text) => {
        for (const masked of [maskHcl(text), maskTemplate(text)]) {
          expect(masked.length).toBe(text.length);
          for (let i = 0; i < text.length; i++) if (text[i] === "\n" || masked[i] === "\n") expect(masked[i]).toBe(text[i]);
          // Masking only hides: a visible character is the source's own.
          for (let i = 0; i < text.length; i++) if (masked[i] !== "\u0001") expect(masked[i]).toBe(text[i]);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("GIVEN text with no string, comment or heredoc WHEN masked THEN nothing changes", () => {
    const code = fc.array(fc.constantFrom("a", " ", "\n", ".", "[0]", "{", "}", "(", ")", "=", "grafana_api_key.x.key"), { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(fc.property(code, (text) => expect(maskHcl(text)).toBe(text)), { numRuns: 200 });
  });
});
