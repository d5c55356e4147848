/**
 * Masks everything in HCL source that is not expression code: comments and the literal parts
 * of strings and heredocs (their `${...}` parts stay). The result has the same length, so a
 * match found in it is at the same place in the source. Quote characters are kept, so
 * `foo["a"]` still looks like an index.
 */
const MASK = "\u0001";
const [QUOTE, HASH, SLASH, STAR, LT, OPEN, CLOSE] = ['"', "#", "/", "*", "<", "{", "}"].map((c) => c.charCodeAt(0));

export function maskHcl(text: string): string {
  const out = new Masked(text);
  code(text, 0, out, false);
  return out.result();
}

/** Where the comments of HCL source are, in order: `#` and `//` to the line end (excluded), `/* ... *\/`. */
export function hclComments(text: string): { start: number; end: number }[] {
  const out = new Masked(text, []);
  code(text, 0, out, false);
  return out.comments ?? [];
}

/**
 * The same for the content of one template string (a Terraform JSON string value). JSON has
 * already decoded its escapes, so a backslash here is literal, as in a heredoc.
 */
export function maskTemplate(text: string): string {
  const out = new Masked(text);
  let i = 0;
  while (i < text.length) i = templatePart(text, i, out, undefined, false);
  return out.result();
}

/**
 * The ranges to mask, merged as they come (they come in order), then applied once: masking
 * character by character in an array of one-letter strings cost most of a large file's scan.
 */
class Masked {
  private readonly ranges: number[] = [];

  constructor(
    private readonly text: string,
    /** Collected only when asked for: the scan of every input does not need them. */
    readonly comments?: { start: number; end: number }[],
  ) {}

  mask(from: number, to: number): void {
    const end = Math.min(to, this.text.length);
    if (end <= from) return;
    const last = this.ranges.length - 1;
    if (last > 0 && this.ranges[last] === from) this.ranges[last] = end;
    else this.ranges.push(from, end);
  }

  result(): string {
    const pieces: string[] = [];
    let at = 0;
    for (let r = 0; r < this.ranges.length; r += 2) {
      const from = this.ranges[r];
      const to = this.ranges[r + 1];
      pieces.push(this.text.slice(at, from));
      const newline = this.text.indexOf("\n", from);
      pieces.push(newline === -1 || newline >= to ? MASK.repeat(to - from) : this.text.slice(from, to).replace(/[^\n]/g, MASK));
      at = to;
    }
    pieces.push(this.text.slice(at));
    return pieces.join("");
  }
}

/** Scans code from `i`; inside an interpolation (nested) it returns after the closing `}`. */
function code(s: string, i: number, out: Masked, nested: boolean): number {
  let depth = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) i = quoted(s, i, out);
    else if (c === HASH || (c === SLASH && s.charCodeAt(i + 1) === SLASH)) {
      const end = s.indexOf("\n", i);
      const stop = end === -1 ? s.length : end;
      out.mask(i, stop);
      out.comments?.push({ start: i, end: s[stop - 1] === "\r" ? stop - 1 : stop });
      i = stop;
    } else if (c === SLASH && s.charCodeAt(i + 1) === STAR) {
      const end = s.indexOf("*/", i + 2);
      const stop = end === -1 ? s.length : end + 2;
      out.mask(i, stop);
      out.comments?.push({ start: i, end: stop });
      i = stop;
    } else if (c === LT && s.charCodeAt(i + 1) === LT && /^<<-?[A-Za-z_]/.test(s.slice(i, i + 4))) i = heredoc(s, i, out);
    else if (c === OPEN) (depth++, i++);
    else if (c === CLOSE) {
      if (nested && depth === 0) return i + 1;
      depth--;
      i++;
    } else i++;
  }
  return i;
}

/** A quoted string starting at `i`; returns the index after its closing quote. */
function quoted(s: string, i: number, out: Masked): number {
  i++;
  while (i < s.length && s[i] !== '"' && s[i] !== "\n") i = templatePart(s, i, out, '"', true);
  return i + 1;
}

/**
 * One step through template text: a run of literal text, an escape, or an interpolation. Only
 * quoted strings have backslash escapes; in heredocs and JSON templates `\${x}` is a `\` and
 * then an interpolation.
 */
function templatePart(s: string, i: number, out: Masked, close: string | undefined, escapes: boolean): number {
  const c = s[i];
  if (escapes && c === "\\") {
    out.mask(i, i + 2);
    return i + 2;
  }
  if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") {
    out.mask(i, i + 3);
    return i + 3;
  }
  if ((c === "$" || c === "%") && s[i + 1] === "{") return code(s, i + 2, out, true);
  if (c === close) return i;
  // A literal run ends where one of the cases above could start, or at a line end (where
  // quoted strings and heredoc lines stop).
  let j = i + 1;
  while (j < s.length) {
    const d = s[j];
    if (d === "$" || d === "%" || d === "\n" || d === close || (escapes && d === "\\")) break;
    j++;
  }
  out.mask(i, j);
  return j;
}

function heredoc(s: string, i: number, out: Masked): number {
  const head = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(s.slice(i, s.indexOf("\n", i) + 1 || s.length));
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
