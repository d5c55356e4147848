/**
 * A line-based unified diff (as `diff -u`, `git diff`, `terraform fmt -diff` print), for
 * --dry-run to show what a migration changes. Pure: texts in, text out.
 */

/** One line of the edit script: kept, removed from the old text, or added in the new. */
interface Edit {
  readonly op: " " | "-" | "+";
  /** The line with its line break, if it has one. */
  readonly text: string;
}

export interface DiffOptions {
  /** Header names: "a/path", "b/path"; null for a file that does not exist (/dev/null). */
  readonly from: string | null;
  readonly to: string | null;
  /** ANSI colours: red removals, green additions, cyan hunk headers. */
  readonly color?: boolean;
  /** Lines of context around each change. */
  readonly context?: number;
  /** Applied to each printed line (without its line break), e.g. to hide credentials. */
  readonly show?: (line: string) => string;
}

/** The unified diff of two texts; "" when they are equal. */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  if (before === after) return "";
  const context = options.context ?? 3;
  const edits = editScript(lines(before), lines(after));
  const paint = (code: number, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const show = options.show ?? ((line: string) => line);
  const out = [`--- ${options.from ?? "/dev/null"}\n`, `+++ ${options.to ?? "/dev/null"}\n`];
  // Line numbers (0-based) before each edit, in the old and the new text.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  for (let i = 0, o = 0, n = 0; i < edits.length; i++) {
    oldAt.push(o);
    newAt.push(n);
    if (edits[i].op !== "+") o++;
    if (edits[i].op !== "-") n++;
  }
  for (let i = 0; i < edits.length; ) {
    if (edits[i].op === " ") {
      i++;
      continue;
    }
    // A hunk: this change with its context, and every change that follows within 2 x context.
    const start = Math.max(0, i - context);
    let end = i;
    for (let j = i; j < edits.length && j <= end + 2 * context; j++) if (edits[j].op !== " ") end = j;
    end = Math.min(edits.length, end + context + 1);
    const hunk = edits.slice(start, end);
    const oldCount = hunk.filter((e) => e.op !== "+").length;
    const newCount = hunk.filter((e) => e.op !== "-").length;
    // An empty side is numbered by the line before it, as diff does (0 for an empty file).
    const range = (at: number, count: number) => `${count === 0 ? at : at + 1},${count}`;
    out.push(`${paint(36, `@@ -${range(oldAt[start], oldCount)} +${range(newAt[start], newCount)} @@`)}\n`);
    for (const e of hunk) {
      const line = `${e.op}${show(e.text.replace(/\n$/, ""))}`;
      out.push(`${e.op === " " ? line : paint(e.op === "-" ? 31 : 32, line)}\n`);
      if (!e.text.endsWith("\n")) out.push("\\ No newline at end of file\n");
    }
    i = end;
  }
  return out.join("");
}

/** The lines of a text, each with its line break, so a missing last one counts as a change. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// Myers' algorithm keeps a row per edit; past this many edits a file is shown as replaced
// (after its common start and end), which is still a correct diff, only a longer one.
const MAX_EDITS = 2000;

/** A shortest edit script from `a` to `b` (Myers, O((N+M)D)), common start and end first. */
function editScript(a: string[], b: string[]): Edit[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (from: string[], at: number, count: number): Edit[] => from.slice(at, at + count).map((text) => ({ op: " ", text }));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB) ?? [...midA.map((text): Edit => ({ op: "-", text })), ...midB.map((text): Edit => ({ op: "+", text }))];
  return [...same(a, 0, head), ...middle, ...same(a, a.length - tail, tail)];
}

function myers(a: string[], b: string[]): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  // v[off + k] is the furthest x on diagonal k = x - y; trace[d] is v for k in [-d-1, d+1] before step d.
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return undefined;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) edits.push({ op: " ", text: a[x - 1] });
    if (d > 0) edits.push(x === prevX ? { op: "+", text: b[y - 1] } : { op: "-", text: a[x - 1] });
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}
