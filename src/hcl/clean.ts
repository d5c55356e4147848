import { formatHcl } from "./format";

/**
 * Turns cdktf's raw HCL into what a person would write: references bare instead of quoted
 * ("${a.b}" becomes a.b, which Terraform reads the same), `provider` and `depends_on` as
 * references, and `terraform fmt` layout.
 */
export async function cleanHcl(raw: string): Promise<string> {
  // formatHcl is hclwrite's `format`, byte for byte, run once per block shape (issue #5).
  const formatted = await formatHcl(bareReferenceLists(unwrapInterpolations(raw)));
  // cdktf always writes required_providers; an empty one still counts as the module's only list.
  return tidyBlankLines(formatted.replace(/^[ \t]*required_providers[ \t]*\{\s*\}[ \t]*\n/m, ""));
}

/** After formatting: one blank line between top-level blocks, none before a closing brace. */
function tidyBlankLines(hcl: string): string {
  const out: string[] = [];
  let heredoc: RegExp | undefined;
  for (const line of hcl.split("\n")) {
    if (heredoc) {
      out.push(line);
      if (heredoc.test(line)) heredoc = undefined;
      continue;
    }
    const opens = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(line);
    if (opens) heredoc = new RegExp(`^\\s*${opens[1]}\\s*$`);
    const blank = line.trim() === "";
    const previous = out[out.length - 1];
    if (blank && (previous === undefined || previous.trim() === "")) continue;
    if (/^\s*}/.test(line) && previous !== undefined && previous.trim() === "") out.pop();
    if (!blank && previous === "}") out.push("");
    out.push(line);
  }
  return out.join("\n").trim() + "\n";
}

/** `"${expr}"` alone in a string means expr itself; anything else is left as written. */
export function unwrapInterpolations(hcl: string): string {
  let out = "";
  let i = 0;
  while (i < hcl.length) {
    if (hcl[i] === '"') {
      const end = stringEnd(hcl, i);
      const literal = hcl.slice(i, end);
      out += soleInterpolation(literal) ?? literal;
      i = end;
    } else if (hcl.startsWith("<<", i)) {
      const end = heredocEnd(hcl, i);
      out += hcl.slice(i, end);
      i = end;
    } else {
      out += hcl[i++];
    }
  }
  return out;
}

/** cdktf quotes the provider and depends_on references; Terraform wants them bare. */
function bareReferenceLists(hcl: string): string {
  const lines = hcl.split("\n");
  let inDependsOn = false;
  return lines
    .map((line) => {
      if (/^\s*depends_on\s*=\s*\[\s*$/.test(line)) inDependsOn = true;
      else if (inDependsOn && /^\s*\]/.test(line)) inDependsOn = false;
      else if (inDependsOn) return line.replace(/^(\s*)"([A-Za-z_][\w.-]*)"(,?)\s*$/, "$1$2$3");
      return line.replace(/^(\s*provider\s*=\s*)"([A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)"\s*$/, "$1$2");
    })
    .join("\n");
}

function soleInterpolation(literal: string): string | undefined {
  if (!literal.startsWith('"${')) return undefined;
  const end = templateEnd(literal, 3);
  if (end !== literal.length - 1) return undefined;
  const inner = literal.slice(3, end - 1).trim();
  return inner.startsWith("~") || inner.endsWith("~") ? undefined : inner;
}

/** Index just past the closing quote of the string literal starting at `start`. */
function stringEnd(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\") i += 2;
    else if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") i += 3;
    else if ((c === "$" || c === "%") && s[i + 1] === "{") i = templateEnd(s, i + 2);
    else if (c === '"') return i + 1;
    else i++;
  }
  throw new Error(`unterminated string in generated HCL at offset ${start}`);
}

/** Index just past the `}` that closes a template sequence whose body starts at `start`. */
function templateEnd(s: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') i = stringEnd(s, i);
    else if (c === "{") (depth++, i++);
    else if (c === "}") {
      if (--depth === 0) return i + 1;
      i++;
    } else i++;
  }
  throw new Error(`unterminated interpolation in generated HCL at offset ${start}`);
}

function heredocEnd(s: string, start: number): number {
  const head = /^<<-?([A-Za-z_][\w-]*)\r?\n/.exec(s.slice(start));
  if (!head) return start + 2;
  const terminator = new RegExp(`^[ \\t]*${head[1]}[ \\t]*$`, "m");
  const bodyStart = start + head[0].length;
  const match = terminator.exec(s.slice(bodyStart));
  return match ? bodyStart + match.index + match[0].length : s.length;
}
