/**
 * The one scanner of HCL text (issue #14): a single walk over code, quoted strings, heredocs,
 * template sequences and comments that reports what it finds to an HclEvents. Everything in
 * src/hcl that needs to know where a string, heredoc, interpolation or comment starts and ends
 * asks it: the mask below, the comment list, soleExpression and quoteTemplate (Terraform JSON
 * templates), cleanHcl (cdktf's raw HCL) and the skeleton's gaps and heredoc guard.
 *
 * The walk reads text as Terraform would where that is cheap to do, and never fails: what is
 * left open (a string, an interpolation, a heredoc, a `/*` comment) is reported with
 * `closed` false and runs to where the walk gave up. Known simplifications, which callers that
 * must be exact guard against (skeleton-block.ts): a quoted string ends at a line break (the
 * next line is read as code; hclsyntax reads on to the next quote and reports an error), and
 * after an interpolation that spans lines a heredoc looks for its terminator from there on.
 */
const [QUOTE, HASH, SLASH, STAR, LT, OPEN, CLOSE] = ['"', "#", "/", "*", "<", "{", "}"].map((c) => c.charCodeAt(0));

/**
 * What the walk finds. Leaves (comment, literal) come in text order; a string, heredoc or
 * interpolation is reported when it ends, after what it holds. `depth` counts the
 * interpolations around the event: a string in code at the top level is depth 0, and so is its
 * `${...}`; a string inside that is depth 1.
 */
export interface HclEvents {
  /**
   * A comment: `#` or `//` to the line break (a `\r` before it included), or `/* ... *\/`.
   * `closed` is false for a `/*` without its `*\/` (it runs to the end of the text).
   */
  comment(start: number, end: number, closed: boolean): void;
  /** Literal text of a string, heredoc or template: a run of text, an escape (`\"`, quoted strings only), `$${` or `%%{`. */
  literal(start: number, end: number, depth: number): void;
  /** `${...}` or `%{...}`: from the `$` or `%` to just past its `}`, else (not closed) to the end of the text. */
  interpolation(start: number, end: number, closed: boolean, depth: number): void;
  /** A quoted string in code: from its opening quote to just past its closing one, else (not closed) to the line break or text end. */
  quoted(start: number, end: number, closed: boolean, depth: number): void;
  /** A heredoc: from its `<<` to the end of its terminator line (the line break excluded), else (not closed) to the end of the text. */
  heredoc(start: number, end: number, closed: boolean, depth: number): void;
}

/** Ignores every event; extend it and override what you need. */
export class IgnoredEvents implements HclEvents {
  comment(_start: number, _end: number, _closed: boolean): void {}
  literal(_start: number, _end: number, _depth: number): void {}
  interpolation(_start: number, _end: number, _closed: boolean, _depth: number): void {}
  quoted(_start: number, _end: number, _closed: boolean, _depth: number): void {}
  heredoc(_start: number, _end: number, _closed: boolean, _depth: number): void {}
}

const IGNORED = new IgnoredEvents();

/** Walks HCL source (a .tf file, or part of one that starts in code). */
export function walkHcl(text: string, events: HclEvents): void {
  code(text, 0, events, 0);
}

/**
 * Walks the content of one template string (a Terraform JSON string value): literal text and
 * sequences. JSON has already decoded its escapes, so a backslash here is literal, as in a heredoc.
 */
export function walkTemplate(text: string, events: HclEvents): void {
  let i = 0;
  while (i < text.length) i = templatePart(text, i, events, 0, undefined, false);
}

/**
 * Index just past the `}` closing a template sequence (`${` or `%{`) whose body starts at
 * `start`, or text.length + 1 if it does not close.
 */
export function sequenceEnd(text: string, start: number): number {
  return code(text, start, IGNORED, 1);
}

/** Where the heredoc whose `<<` is at `at` ends, as the walk reads it, or undefined if no heredoc opens there. */
export function heredocAt(text: string, at: number): { end: number; closed: boolean } | undefined {
  const found = new FoundHeredoc();
  const end = heredoc(text, at, found, 0);
  return found.closed === undefined ? undefined : { end, closed: found.closed };
}

class FoundHeredoc extends IgnoredEvents {
  closed: boolean | undefined;
  heredoc(_start: number, _end: number, closed: boolean, depth: number): void {
    if (depth === 0) this.closed = closed;
  }
}

// ---- the mask and the comment list, built on the walk --------------------------------------

/**
 * Masks everything in HCL source that is not expression code: comments and the literal parts
 * of strings and heredocs (their `${...}` parts stay). The result has the same length, so a
 * match found in it is at the same place in the source. Quote characters are kept, so
 * `foo["a"]` still looks like an index.
 */
export function maskHcl(text: string): string {
  const out = new Masked(text);
  walkHcl(text, out);
  return out.result();
}

/** Where the comments of HCL source are, in order: `#` and `//` to the line end (excluded), `/* ... *\/`. */
export function hclComments(text: string): { start: number; end: number }[] {
  const out = new CommentList(text);
  walkHcl(text, out);
  return out.comments;
}

/** The same mask for the content of one template string (a Terraform JSON string value); see walkTemplate. */
export function maskTemplate(text: string): string {
  const out = new Masked(text);
  walkTemplate(text, out);
  return out.result();
}

const MASK = "\u0001";

/**
 * The ranges to mask, merged as they come (leaves come in order), then applied once: masking
 * character by character in an array of one-letter strings cost most of a large file's scan.
 */
class Masked extends IgnoredEvents {
  private readonly ranges: number[] = [];

  constructor(private readonly text: string) {
    super();
  }

  comment(start: number, end: number): void {
    this.mask(start, end);
  }

  literal(start: number, end: number): void {
    this.mask(start, end);
  }

  private mask(from: number, to: number): void {
    if (to <= from) return;
    const last = this.ranges.length - 1;
    if (last > 0 && this.ranges[last] === from) this.ranges[last] = to;
    else this.ranges.push(from, to);
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

class CommentList extends IgnoredEvents {
  readonly comments: { start: number; end: number }[] = [];

  constructor(private readonly text: string) {
    super();
  }

  comment(start: number, end: number): void {
    // The walk includes a line comment's `\r` (the mask hides it); the comment itself ends before it.
    const line = this.text.charCodeAt(start) !== SLASH || this.text.charCodeAt(start + 1) === SLASH;
    this.comments.push({ start, end: line && this.text[end - 1] === "\r" ? end - 1 : end });
  }
}

// ---- the walk ------------------------------------------------------------------------------

/**
 * Code from `i`. At depth 0 it runs to the end of the text; inside an interpolation it returns
 * just past the `}` that closes it, or text.length + 1 if none does.
 */
function code(s: string, i: number, out: HclEvents, depth: number): number {
  let braces = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) i = quoted(s, i, out, depth);
    else if (c === HASH || (c === SLASH && s.charCodeAt(i + 1) === SLASH)) {
      const end = s.indexOf("\n", i);
      const stop = end === -1 ? s.length : end;
      out.comment(i, stop, true);
      i = stop;
    } else if (c === SLASH && s.charCodeAt(i + 1) === STAR) {
      const end = s.indexOf("*/", i + 2);
      const stop = end === -1 ? s.length : end + 2;
      out.comment(i, stop, end !== -1);
      i = stop;
    } else if (c === LT && s.charCodeAt(i + 1) === LT && /^<<-?[A-Za-z_]/.test(s.slice(i, i + 4))) i = heredoc(s, i, out, depth);
    else if (c === OPEN) (braces++, i++);
    else if (c === CLOSE) {
      if (depth > 0 && braces === 0) return i + 1;
      braces--;
      i++;
    } else i++;
  }
  return depth > 0 ? s.length + 1 : i;
}

/** A quoted string starting at `start`; returns the index after its closing quote, or where it stopped. */
function quoted(s: string, start: number, out: HclEvents, depth: number): number {
  let i = start + 1;
  while (i < s.length && s[i] !== '"' && s[i] !== "\n") i = templatePart(s, i, out, depth, '"', true);
  const closed = i < s.length && s[i] === '"';
  // Stopped at a line break: the code after it goes on from the break, which is code again.
  const end = closed ? i + 1 : Math.min(i, s.length);
  out.quoted(start, end, closed, depth);
  return end;
}

/**
 * One step through template text: a run of literal text, an escape, or an interpolation. Only
 * quoted strings have backslash escapes; in heredocs and JSON templates `\${x}` is a `\` and
 * then an interpolation.
 */
function templatePart(s: string, i: number, out: HclEvents, depth: number, close: string | undefined, escapes: boolean): number {
  const c = s[i];
  if (escapes && c === "\\") {
    const end = Math.min(i + 2, s.length);
    out.literal(i, end, depth);
    return end;
  }
  if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") {
    out.literal(i, i + 3, depth);
    return i + 3;
  }
  if ((c === "$" || c === "%") && s[i + 1] === "{") {
    const end = code(s, i + 2, out, depth + 1);
    const closed = end <= s.length;
    out.interpolation(i, closed ? end : s.length, closed, depth);
    return closed ? end : s.length;
  }
  if (c === close) return i;
  // A literal run ends where one of the cases above could start, or at a line end (where
  // quoted strings and heredoc lines stop).
  let j = i + 1;
  while (j < s.length) {
    const d = s[j];
    if (d === "$" || d === "%" || d === "\n" || d === close || (escapes && d === "\\")) break;
    j++;
  }
  out.literal(i, j, depth);
  return j;
}

/** A heredoc whose `<<` is at `start`; returns the end of its terminator line (or `start + 2` if no heredoc opens there). */
function heredoc(s: string, start: number, out: HclEvents, depth: number): number {
  const head = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(s.slice(start, s.indexOf("\n", start) + 1 || s.length));
  if (!head) return start + 2;
  const terminator = new RegExp(`^[ \\t]*${head[1]}[ \\t]*\\r?$`);
  let j = start + head[0].length;
  while (j < s.length) {
    const end = lineEnd(s, j);
    if (terminator.test(s.slice(j, end))) {
      out.heredoc(start, end, true, depth);
      return end;
    }
    let k = j;
    while (k < end) k = templatePart(s, k, out, depth, undefined, false);
    j = k > end ? k : end + 1;
  }
  out.heredoc(start, s.length, false, depth);
  return s.length;
}

/** Where the line holding `from` ends: its line break, or the end of the text. */
export function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}
