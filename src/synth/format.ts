import { topLevelBlocks } from "../planning/hcl-blocks";

/**
 * `terraform fmt` layout, as hclwrite.Format gives it, without running hclwrite for the plain
 * HCL that cdktf generates. @cdktf/hcl-tools runs hclwrite compiled to WebAssembly at about
 * 2.5 microseconds a byte: 10 seconds for the 4 MB of a 10,000-key migration.
 *
 * hclwrite.Format changes only the spaces before tokens, line by line: each line is indented
 * two spaces per open bracket around it; tokens are spaced by fixed rules; and the `=` of
 * consecutive attribute lines is aligned one space after the longest name. For lines of the
 * shapes below, those rules come down to what `formatPlain` writes:
 *
 *   name = value       value: a quoted string whose only interpolations are plain references
 *                      (no escapes but \" \\ \n \r \t \uXXXX, no $${ or %{), a number, or a
 *                      reference (true, false and null included), so hclwrite spaces nothing
 *                      inside it
 *   type "label" ... { a block header, labels quoted without templates or escapes
 *   name = {           an object that continues on the next lines
 *   }                  a closing brace
 *   (blank)
 *
 * Any other line, a comment for one, sends its whole top-level block to hclwrite. Blocks are
 * formatted independently (a block leaves no bracket open, and its closing line ends any
 * alignment), so those blocks go to hclwrite together, in one call, and the lines come back in
 * place: hclwrite never adds or removes a line. When that cannot be relied on (comments or
 * heredocs in such a block, anything between blocks but blank lines, a different line count),
 * hclwrite formats the whole text, as before.
 */
export async function formatHcl(text: string, hclwrite: (hcl: string) => Promise<string>): Promise<string> {
  const lines = text.split("\n");
  const plain = formatPlain(lines, 0, lines.length);
  if (plain) return plain.join("\n");

  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    // Block offsets are line starts, or the end of the text.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lineStarts[lo] === offset ? lo : -1;
  };
  const out = [...lines];
  const others: { from: number; to: number }[] = [];
  let last = 0;
  for (const block of topLevelBlocks(text)) {
    if (!/^\n*$/.test(text.slice(last, block.start))) return hclwrite(text);
    last = block.end;
    const from = lineAt(block.start);
    // `end` is just past the closing line's newline, or the end of a text without a final one.
    const to = block.end === text.length && !text.endsWith("\n") ? lines.length : lineAt(block.end);
    if (from === -1 || to === -1 || to <= from) return hclwrite(text);
    const formatted = formatPlain(lines, from, to);
    if (formatted) out.splice(from, to - from, ...formatted);
    else others.push({ from, to });
  }
  if (!/^\n*$/.test(text.slice(last))) return hclwrite(text);

  const batch = others.map(({ from, to }) => `${lines.slice(from, to).join("\n")}\n`).join("");
  if (/#|\/\/|\/\*|<</.test(batch)) return hclwrite(text);
  const formatted = (await hclwrite(batch)).split("\n");
  if (formatted.length !== batch.split("\n").length) return hclwrite(text);
  let at = 0;
  for (const { from, to } of others) {
    for (let i = from; i < to; i++) out[i] = formatted[at++];
  }
  return out.join("\n");
}

const IDENT = String.raw`[A-Za-z_][A-Za-z0-9_-]*`;
const REFERENCE = String.raw`${IDENT}(?:\.${IDENT}|\[[0-9]+\])*`;
const LITERAL_CHAR = String.raw`[^"\\$%\x00-\x1f\x7f]|\\["\\nrt]|\\u[0-9A-Fa-f]{4}`;
const STRING = String.raw`"(?:${LITERAL_CHAR}|\$(?![{$])|%(?![{%])|\$\{${REFERENCE}\})*"`;
const VALUE = String.raw`${STRING}|-?[0-9]+(?:\.[0-9]+)?|${REFERENCE}`;
const ATTRIBUTE = new RegExp(String.raw`^ *(${IDENT}) *= *(${VALUE}) *$`);
const HEADER = new RegExp(String.raw`^ *(${IDENT})((?: +"(?:[^"\\$%\x00-\x1f\x7f])*")*) *\{ *$`);
const OBJECT = new RegExp(String.raw`^ *(${IDENT}) *= *\{ *$`);
const CLOSE = /^ *\} *$/;
const BLANK = /^ *$/;
const LABEL = /"[^"]*"/g;

/** hclwrite's layout of lines[from, to), or undefined when a line is not plain or brackets do not balance. */
function formatPlain(lines: readonly string[], from: number, to: number): string[] | undefined {
  const out: string[] = new Array(to - from);
  let depth = 0;
  let chain: { at: number; indent: string; name: string; value: string }[] = [];
  const align = () => {
    let width = 0;
    for (const c of chain) width = Math.max(width, c.name.length);
    for (const c of chain) out[c.at] = `${c.indent}${c.name}${" ".repeat(width - c.name.length)} = ${c.value}`;
    chain = [];
  };
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const at = i - from;
    let m: RegExpExecArray | null;
    if ((m = ATTRIBUTE.exec(line))) {
      chain.push({ at, indent: "  ".repeat(depth), name: m[1], value: m[2] });
      continue;
    }
    align();
    if (BLANK.test(line)) out[at] = "";
    else if ((m = HEADER.exec(line))) {
      const labels = m[2].match(LABEL) ?? [];
      out[at] = `${"  ".repeat(depth)}${[m[1], ...labels].join(" ")} {`;
      depth++;
    } else if ((m = OBJECT.exec(line))) {
      out[at] = `${"  ".repeat(depth)}${m[1]} = {`;
      depth++;
    } else if (CLOSE.test(line)) {
      if (--depth < 0) return undefined;
      out[at] = `${"  ".repeat(depth)}}`;
    } else return undefined;
  }
  align();
  return depth === 0 ? out : undefined;
}
