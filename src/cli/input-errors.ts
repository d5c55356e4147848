/** Messages for inputs that are not what they claim to be: binary files, HCL and JSON syntax errors. */
import { isUtf8 } from "buffer";

/** True when `bytes` can be read as text: valid UTF-8, and no NUL byte (which no text file has). */
export function isText(bytes: Buffer): boolean {
  return !bytes.includes(0) && isUtf8(bytes);
}

/**
 * Where JSON.parse's error on `text` is (1-based line and column), and what it says. V8 gives a byte offset ("in JSON at
 * position 32"), or for an unexpected token none, but a quote of the text around it, which may
 * hold a secret: the quote is dropped, and the offset found from the text.
 */
export function jsonSyntaxError(text: string, message: string): { line: number; column: number; message: string } {
  const at = / at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : /^Unexpected end of JSON input/.test(message) ? text.length : firstBadOffset(text);
  const gist = message
    .replace(/ at position \d+.*$/s, "")
    .replace(/ in JSON$/, "")
    .replace(/^(Unexpected token .*?), (?:\.\.\.)?".*$/s, "$1");
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n"), message: gist };
}

/**
 * The offset of the first character no JSON text can continue with: the shortest prefix that
 * fails other than by ending early, less one. Each prefix of a valid start either parses or
 * fails at its end, so a binary search finds it.
 */
function firstBadOffset(text: string): number {
  const failsInside = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (err) {
      const message = (err as Error).message;
      const at = / at position (\d+)/.exec(message);
      return at ? Number(at[1]) < length : !/^Unexpected end of JSON input/.test(message);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsInside(mid + 1)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** `parse config: [f.tf:2,7-3,1: Summary; Detail f.tf:4,1-1: ...]` to `f.tf:2:7: Summary; Detail` lines. */
export function hclErrors(file: string, message: string): string {
  const body = message.replace(/^parse config: \[/, "").replace(/\]\s*$/, "");
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const at = new RegExp(`(?:^|\\s)${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, "g");
  const starts = [...body.matchAll(at)];
  if (starts.length === 0) return `${file}: ${body}`;
  return starts
    .map((m, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].index : body.length;
      return `${file}:${m[1]}:${m[2]}: ${body.slice((m.index ?? 0) + m[0].length, end).trim()}`;
    })
    .join("\n");
}
