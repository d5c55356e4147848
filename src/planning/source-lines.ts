/**
 * The line each resource is declared on, for reports that point at the source (--check's
 * SARIF and GitHub annotations). Pure: a file's text in, addresses to 1-based lines out.
 */
import { HclFile } from "../hcl/file";
import type { SourceFile } from "./plan";

/** `type.name` to the line of its block header (.tf) or of its name's key (.tf.json). */
export function resourceLines(file: SourceFile): Map<string, number> {
  if (file.format === "json") return jsonResourceLines(file.text);
  const lines = new Map<string, number>();
  if (file.format !== "hcl") return lines;
  for (const b of (file.hcl ?? HclFile.of(file.text)).blocks) {
    const address = `${b.labels[0]}.${b.labels[1]}`;
    if (b.kind === "resource" && b.labels.length === 2 && !lines.has(address)) lines.set(address, b.line);
  }
  return lines;
}

interface Frame {
  readonly array: boolean;
  /** In an object: the key whose value comes next (or is being read). */
  key?: string;
  expectKey: boolean;
}

/**
 * The line of each `"resource": { "<type>": { "<name>": ... } }` key of a Terraform JSON text,
 * found by walking its tokens (the parsed document has no positions). A list of blocks at any
 * of these levels (`"resource": [{ ... }]`) is looked through, as Terraform reads it.
 */
export function jsonResourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  walkJsonKeys(text, (path, line) => {
    if (path.length === 3 && path[0] === "resource" && !lines.has(`${path[1]}.${path[2]}`)) lines.set(`${path[1]}.${path[2]}`, line);
  });
  return lines;
}

/** The line of the first key at `path` (lists looked through), or undefined. */
export function jsonKeyLine(text: string, path: readonly string[]): number | undefined {
  let found: number | undefined;
  walkJsonKeys(text, (at, line) => {
    if (found === undefined && at.length === path.length && at.every((k, i) => k === path[i])) found = line;
  });
  return found;
}

/** Calls `visit` with the path (object keys only) and line of every key of a JSON text. */
function walkJsonKeys(text: string, visit: (path: (string | undefined)[], line: number) => void): void {
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{" || c === "[") stack.push({ array: c === "[", expectKey: c === "{" });
    else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") {
      const top = stack.at(-1);
      if (top && !top.array) top.expectKey = true;
    } else if (c === ":") {
      const top = stack.at(-1);
      if (top) top.expectKey = false;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const top = stack.at(-1);
      if (top && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end)) as string;
        visit(stack.filter((f) => !f.array).map((f) => f.key), line);
      }
      i = end - 1;
    }
  }
}

/** Index just past the closing quote of the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
