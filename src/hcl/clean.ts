import { formatHcl } from "./format";
import { IgnoredEvents, walkHcl } from "./scan";

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
  // Heredoc bodies, with their terminator lines, are kept exactly; where they are is scan.ts's
  // walk. (Its own line test, before #14, also took a comment ending in `<<EOT` for an opener.)
  const heredocs = new HeredocBodies(hcl);
  walkHcl(hcl, heredocs);
  const bodies = heredocs.ranges;
  const out: string[] = [];
  let lineStart = 0;
  let h = 0;
  for (const line of hcl.split("\n")) {
    const at = lineStart;
    lineStart += line.length + 1;
    while (h < bodies.length && bodies[h + 1] < at) h += 2;
    if (h < bodies.length && at >= bodies[h]) {
      out.push(line);
      continue;
    }
    const blank = line.trim() === "";
    const previous = out[out.length - 1];
    if (blank && (previous === undefined || previous.trim() === "")) continue;
    if (/^\s*}/.test(line) && previous !== undefined && previous.trim() === "") out.pop();
    if (!blank && previous === "}") out.push("");
    out.push(line);
  }
  return out.join("\n").trim() + "\n";
}

/** Each heredoc's lines after its opener, through its terminator line: [from, to] pairs, flat and in order. */
class HeredocBodies extends IgnoredEvents {
  readonly ranges: number[] = [];

  constructor(private readonly text: string) {
    super();
  }

  heredoc(start: number, end: number): void {
    const from = this.text.indexOf("\n", start) + 1;
    // A heredoc inside one of this one's interpolations came first (the walk reports a heredoc
    // when it ends); this one's range holds it.
    while (this.ranges.length > 0 && this.ranges[this.ranges.length - 2] >= from) this.ranges.length -= 2;
    this.ranges.push(from, end);
  }
}

/**
 * `"${expr}"` alone in a string means expr itself; anything else is left as written. Strings
 * are scan.ts's walk: a string in a comment, a heredoc or an interpolation is left alone.
 */
export function unwrapInterpolations(hcl: string): string {
  const sole = new SoleInterpolations(hcl);
  walkHcl(hcl, sole);
  let out = "";
  let at = 0;
  for (const { start, end, expression } of sole.found) {
    out += hcl.slice(at, start) + expression;
    at = end;
  }
  return out + hcl.slice(at);
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

/**
 * The top-level strings that are one `${...}` and nothing else. cdktf's HCL is never left open;
 * if it were, guessing could change what it means, so an open string or interpolation throws.
 * (A quoted string ends at a line break in the walk, which cdktf never writes in one: it writes
 * a multi-line string as a heredoc.)
 */
class SoleInterpolations extends IgnoredEvents {
  readonly found: { start: number; end: number; expression: string }[] = [];
  // The last interpolation seen in top-level code's strings: a string holding only it ends right after it.
  private lastStart = -1;
  private lastEnd = -1;

  constructor(private readonly text: string) {
    super();
  }

  interpolation(start: number, end: number, closed: boolean, depth: number): void {
    if (!closed) throw new Error(`unterminated interpolation in generated HCL at offset ${start}`);
    if (depth > 0) return;
    this.lastStart = start;
    this.lastEnd = end;
  }

  quoted(start: number, end: number, closed: boolean, depth: number): void {
    if (!closed) throw new Error(`unterminated string in generated HCL at offset ${start}`);
    if (depth > 0 || this.lastStart !== start + 1 || this.lastEnd !== end - 1 || this.text[start + 1] !== "$") return;
    const inner = this.text.slice(start + 3, end - 2).trim();
    if (!inner.startsWith("~") && !inner.endsWith("~")) this.found.push({ start, end, expression: inner });
  }
}
