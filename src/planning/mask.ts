/**
 * Masks everything in HCL source that is not expression code: comments and the literal parts
 * of strings and heredocs (their `${...}` parts stay). The result has the same length, so a
 * match found in it is at the same place in the source. Quote characters are kept, so
 * `foo["a"]` still looks like an index.
 */
const MASK = "\u0001";

export function maskHcl(text: string): string {
  const out = text.split("");
  code(text, 0, out, false);
  return out.join("");
}

/**
 * The same for the content of one template string (a Terraform JSON string value). JSON has
 * already decoded its escapes, so a backslash here is literal, as in a heredoc.
 */
export function maskTemplate(text: string): string {
  const out = text.split("");
  let i = 0;
  while (i < text.length) i = templatePart(text, i, out, undefined, false);
  return out.join("");
}

function mask(out: string[], from: number, to: number): void {
  for (let i = from; i < to && i < out.length; i++) if (out[i] !== "\n") out[i] = MASK;
}

/** Scans code from `i`; inside an interpolation (nested) it returns after the closing `}`. */
function code(s: string, i: number, out: string[], nested: boolean): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') i = quoted(s, i, out);
    else if (c === "#" || (c === "/" && s[i + 1] === "/")) {
      const end = s.indexOf("\n", i);
      const stop = end === -1 ? s.length : end;
      mask(out, i, stop);
      i = stop;
    } else if (c === "/" && s[i + 1] === "*") {
      const end = s.indexOf("*/", i + 2);
      const stop = end === -1 ? s.length : end + 2;
      mask(out, i, stop);
      i = stop;
    } else if (c === "<" && s[i + 1] === "<" && /^<<-?[A-Za-z_]/.test(s.slice(i, i + 4))) i = heredoc(s, i, out);
    else if (c === "{") (depth++, i++);
    else if (c === "}") {
      if (nested && depth === 0) return i + 1;
      depth--;
      i++;
    } else i++;
  }
  return i;
}

/** A quoted string starting at `i`; returns the index after its closing quote. */
function quoted(s: string, i: number, out: string[]): number {
  i++;
  while (i < s.length && s[i] !== '"' && s[i] !== "\n") i = templatePart(s, i, out, '"', true);
  return i + 1;
}

/**
 * One step through template text: a literal run, an escape, or an interpolation. Only quoted
 * strings have backslash escapes; in heredocs and JSON templates `\${x}` is a `\` and then an
 * interpolation.
 */
function templatePart(s: string, i: number, out: string[], close: string | undefined, escapes: boolean): number {
  const c = s[i];
  if (escapes && c === "\\") {
    mask(out, i, i + 2);
    return i + 2;
  }
  if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") {
    mask(out, i, i + 3);
    return i + 3;
  }
  if ((c === "$" || c === "%") && s[i + 1] === "{") return code(s, i + 2, out, true);
  if (c === close) return i;
  mask(out, i, i + 1);
  return i + 1;
}

function heredoc(s: string, i: number, out: string[]): number {
  const head = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(s.slice(i));
  if (!head) return i + 2;
  const terminator = new RegExp(`^[ \\t]*${head[1]}[ \\t]*\\r?$`);
  let j = i + head[0].length;
  while (j < s.length) {
    const lineEnd = s.indexOf("\n", j) === -1 ? s.length : s.indexOf("\n", j);
    if (terminator.test(s.slice(j, lineEnd))) return lineEnd;
    let k = j;
    while (k < lineEnd) k = templatePart(s, k, out, undefined, false);
    j = k > lineEnd ? k : lineEnd + 1;
  }
  return s.length;
}
