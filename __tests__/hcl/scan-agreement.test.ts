/**
 * scan.ts is the one scanner of HCL text (issue #14). Its users must see the same strings,
 * interpolations, heredocs and comments: the mask, the comment list, soleExpression,
 * quoteTemplate, cleanHcl and the skeleton's gaps. These tests fail when one of them reads a
 * tricky text differently from the others.
 */
import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { unwrapInterpolations, cleanHcl } from "../../src/hcl/clean";
import { quoteTemplate } from "../../src/hcl/config-blocks";
import { hclComments, HclEvents, maskHcl, maskTemplate, walkHcl, walkTemplate } from "../../src/hcl/scan";
import { GapPiece, splitTopLevel } from "../../src/hcl/skeleton";
import { soleExpression } from "../../src/hcl/template";

type Kind = "comment" | "literal" | "interpolation" | "quoted" | "heredoc";
interface Event {
  kind: Kind;
  start: number;
  end: number;
  closed: boolean;
  depth: number;
}

function events(walk: (text: string, events: HclEvents) => void, text: string): Event[] {
  const found: Event[] = [];
  const add = (kind: Kind) => (start: number, end: number, closed = true, depth = 0) => found.push({ kind, start, end, closed, depth });
  walk(text, {
    comment: (start, end, closed) => add("comment")(start, end, closed),
    literal: (start, end, depth) => add("literal")(start, end, true, depth),
    interpolation: add("interpolation"),
    quoted: add("quoted"),
    heredoc: add("heredoc"),
  });
  return found;
}

/** The text with the given ranges hidden as the mask hides them (line breaks kept). */
function hidden(text: string, ranges: Event[]): string {
  const chars = text.split("");
  for (const r of ranges) for (let i = r.start; i < r.end; i++) if (chars[i] !== "\n") chars[i] = "\u0001";
  return chars.join("");
}

const text = (e: { start: number; end: number }, source: string) => source.slice(e.start, e.end);

// Valid HCL, each with something that a scanner of its own could read differently.
const TRICKY_HCL: [string, string][] = [
  ["escaped quotes", 'a = "say \\"${b}\\"" # "quoted" comment\nc = "${d}"\n'],
  ["an escaped backslash before the closing quote", 'a = "C:\\\\"\nb = "${c}"\n'],
  ["$${ and %%{", 'a = "$${literal} ${real}"\nb = "%%{ if x }"\nc = "$${d}"\n'],
  ["a string in an interpolation in a string", 'a = "${ "a${b}" }"\nc = "${x ? "${y}" : "z"}"\n'],
  ["a closing brace in a nested string", 'a = "${format("%s", "}")}"\nb = "${c}"\n'],
  ["a directive", 'a = "%{ if x }y%{ endif }"\nb = "%{ if x }${y}%{ endif }"\n'],
  ["a strip marker", 'a = "${~ b}"\nc = "${d ~}"\n'],
  ["an indented heredoc", 'a = <<-EOT\n  "${x}" # not a comment\n  $${y} and ${z}\n  EOT\nb = "${c}"\n'],
  ["a heredoc with an interpolation over lines", 'a = <<EOT\nx ${f(\n"EOT")}\nEOT\nb = "${c}"\n'],
  ["comments holding quotes and interpolations", '/* "${a}" */\nb = "${c}" // "${d}"\n# "open\ne = "${f}"\n'],
  ["a string holding comment markers", 'a = "http://h#x // y /* z"\nb = "${c}"\n'],
  ["CRLF line ends", 'a = b # c\r\nd = "${e}"\r\n'],
  ["blocks", 'resource "x" "y" {\n  # "${no}"\n  a = "${var.a}"\n  b = [ "${c.d}", "e-${f}" ]\n  g = { h = "${i}" }\n}\n'],
];

describe("one scanner: every user sees the same ranges", () => {
  describe.each(TRICKY_HCL)("GIVEN HCL with %s", (_what, source) => {
    const found = events(walkHcl, source);

    test("WHEN masked THEN exactly the literal text and the comments the walk reports are hidden", () => {
      expect(maskHcl(source)).toBe(hidden(source, found.filter((e) => e.kind === "literal" || e.kind === "comment")));
    });

    test("WHEN its comments are listed THEN they are the walk's comments (a CR before the line break left out)", () => {
      const comments = found.filter((e) => e.kind === "comment").map((e) => text(e, source).replace(/\r$/, ""));
      expect(hclComments(source).map((c) => text(c, source))).toEqual(comments);
      for (const c of comments) expect(c).toMatch(/^(#|\/\/|\/\*)/);
    });

    test("WHEN unwrapped THEN only the top-level strings soleExpression calls sole change, to its expression", () => {
      let expected = "";
      let at = 0;
      for (const s of found.filter((e) => e.kind === "quoted" && e.depth === 0)) {
        const content = text(s, source).slice(1, -1);
        // An HCL string's content is a template as a Terraform JSON string's is, escapes apart.
        const sole = content.includes("\\") ? undefined : soleExpression(content);
        expected += source.slice(at, s.start) + (sole ?? text(s, source));
        at = s.end;
      }
      expect(unwrapInterpolations(source)).toBe(expected + source.slice(at));
    });

    test("WHEN unwrapped THEN comments and heredocs are as they were", () => {
      const unwrapped = unwrapInterpolations(source);
      const kept = (s: string) => events(walkHcl, s).filter((e) => e.kind === "comment" || e.kind === "heredoc").map((e) => text(e, s));
      expect(kept(unwrapped)).toEqual(kept(source));
    });

    test("WHEN unwrapped THEN hcl2json reads the same values", async () => {
      expect(await parse("after.tf", unwrapInterpolations(source))).toEqual(await parse("before.tf", source));
    });
  });
});

// Terraform JSON strings (templates), each with something a scanner of its own could misread.
const TRICKY_TEMPLATES = [
  "${a.b}",
  "${ a }",
  '${ "a${b}" }',
  '${x ? "${y}" : "z"}',
  '${format("%s", "}")}',
  '${format("%s", "\\"}")}',
  "${a}-${b}",
  "$${a}",
  "%%{a}",
  "%{ if a }b%{ endif }",
  "${~ a}",
  "x${a}",
  '${a} "quoted" #hash //slashes',
  "C:\\${dir}",
  "line\nbreak ${a}\ttab",
  "${ {k = 1}.k }",
];

/** What the mask leaves visible, as the runs of code between hidden text and line breaks. */
const codeRuns = (masked: string) => masked.split(/[\u0001\n]+/).filter((run) => run !== "");

describe("one scanner: templates", () => {
  test.each(TRICKY_TEMPLATES)("GIVEN the template %j WHEN quoted for HCL THEN the mask sees the same code in both forms", (template) => {
    const quoted = quoteTemplate(template);
    expect(codeRuns(maskHcl(quoted).slice(1, -1))).toEqual(codeRuns(maskTemplate(template)));
  });

  test.each(TRICKY_TEMPLATES)("GIVEN the template %j WHEN quoted, written to HCL and unwrapped THEN cleanHcl and soleExpression agree", (template) => {
    const hcl = `a = ${quoteTemplate(template)}\n`;
    const sole = soleExpression(template);
    expect(unwrapInterpolations(hcl)).toBe(sole === undefined ? hcl : `a = ${sole}\n`);
  });

  test.each(TRICKY_TEMPLATES)("GIVEN the template %j WHEN soleExpression reads it THEN it is sole exactly when the walk finds one closed sequence and nothing else", (template) => {
    const top = events(walkTemplate, template).filter((e) => e.depth === 0);
    const one = top.length === 1 && top[0].kind === "interpolation" && top[0].closed && template.startsWith("${") && !/^\$\{~|~\}$/.test(template);
    expect(soleExpression(template) !== undefined).toBe(one);
  });

  const piece = fc.constantFrom("a", " ", "\n", '"', "\\", "$", "${", "$${", "%{", "%%{", "}", "{", "#", "//", "/*", "*/", "~", "x.y");
  const template = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));

  test("GIVEN any template WHEN quoted for HCL and unwrapped THEN the expression is soleExpression's, or it is left as written (or refused as unterminated)", () => {
    fc.assert(
      fc.property(template, (t) => {
        const hcl = `a = ${quoteTemplate(t)}\n`;
        const sole = soleExpression(t);
        let unwrapped: string;
        try {
          unwrapped = unwrapInterpolations(hcl);
        } catch (e) {
          expect(sole).toBeUndefined();
          expect(String(e)).toMatch(/unterminated/);
          return;
        }
        expect(unwrapped).toBe(sole === undefined ? hcl : `a = ${sole}\n`);
      }),
      { numRuns: 500 },
    );
  });

  test("GIVEN any template whose sequences close WHEN quoted for HCL THEN the mask sees the same code in both forms", () => {
    const closes = (t: string) => events(walkTemplate, t).every((e) => e.closed) && !/\n/.test(events(walkTemplate, t).filter((e) => e.kind === "interpolation" && e.depth === 0).map((e) => text(e, t)).join(""));
    fc.assert(
      fc.property(template.filter(closes), (t) => {
        expect(codeRuns(maskHcl(quoteTemplate(t)).slice(1, -1))).toEqual(codeRuns(maskTemplate(t)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("one scanner: the skeleton's gaps", () => {
  const gapOf = (gap: string): GapPiece | undefined => {
    const pieces = splitTopLevel(`${gap}b {\n}\n`);
    return pieces?.[0]?.type === "gap" ? pieces[0] : pieces ? { type: "gap", text: "", comments: { any: false, firstLine: false, lastLine: false } } : undefined;
  };

  test.each([
    ["line comments holding quotes", '# say "hi\n// and \'${x}\n'],
    ["a block comment over lines holding a quote", '/* a "\n  b */\n'],
    ["CRLF line ends", "# a\r\n\r\n// b\r\n"],
    ["comments and blank lines", "\n\n# a\n\n/* b */ // c\n\n"],
  ])("GIVEN a gap of %s WHEN split THEN it is a gap whose comment lines are hclComments' lines", (_what, gap) => {
    const piece = gapOf(gap);
    expect(piece?.text).toBe(gap);
    const lines = new Set(hclComments(gap).flatMap((c) => [gap.slice(0, c.start).split("\n").length - 1, gap.slice(0, c.end).split("\n").length - 1]));
    const last = gap.split("\n").length - (gap.endsWith("\n") ? 2 : 1);
    expect(piece?.comments).toEqual({ any: lines.size > 0, firstLine: lines.has(0), lastLine: lines.has(last) });
  });

  test.each([
    ["a string holding a comment marker", '"# not a comment"\n'],
    ["a heredoc holding a comment line", "x = <<EOT\n# text\nEOT\n"],
    ["an unterminated block comment", "/* open\n"],
  ])("GIVEN a gap with %s WHEN split THEN the text cannot be split", (_what, gap) => {
    expect(gapOf(gap)).toBeUndefined();
  });
});

describe("one scanner: cleanHcl's blank lines", () => {
  test("GIVEN a comment that ends in what looks like a heredoc opener WHEN cleaned THEN no heredoc starts there and blank lines are still tidied", async () => {
    const hcl = await cleanHcl('locals {\n  # see <<EOT\n  a = 1\n\n\n}\n');
    expect(hcl).toBe("locals {\n  # see <<EOT\n  a = 1\n}\n");
  });

  test("GIVEN a heredoc in a heredoc's interpolation WHEN cleaned THEN the outer body is kept exactly, blank lines and all", async () => {
    const hcl = await cleanHcl('locals {\n  a = <<EOT\n${<<EOT2\n\n\nx\nEOT2\n}\n\n\nEOT\n\n\n}\n');
    expect(hcl).toContain("a = <<EOT\n${<<EOT2\n\n\nx\nEOT2\n}\n\n\nEOT\n}");
  });
});
