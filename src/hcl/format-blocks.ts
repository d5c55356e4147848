/** The generated file's blocks formatted by hclwrite, once per block shape. */
import { ConfigBlock, hasTrailingComment, toHcl } from "./config-blocks";
import { placeholder, textAroundPlaceholders, withValues } from "./skeleton";

/**
 * A label or whole value that hclwrite leaves as it is and lays out the same whatever it holds:
 * a plain string, a short integer, a reference. The same values as skeleton.ts.
 */
const SIMPLE = /^(?:"[^"\\$%\u0000-\u001f\u007f-\uffff]*"|\d{1,15}|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)$/;

/** A one-line `#` or `//` comment (toHcl writes comments as they are, labels and values quoted or bare). */
const LINE_COMMENT = /^(#|\/\/)([^\n]*\S)?$/;

/** The comment's marker as written, its words a hole: hclwrite keeps a comment's bytes. */
function commentHole(comment: string, hole: (text: string) => string): string {
  const [, marker, words] = LINE_COMMENT.exec(comment) as RegExpExecArray;
  return words === undefined ? comment : marker + hole(words);
}

/**
 * hclwrite's formatting of the blocks, run once per block shape: each block is written with its
 * simple values as placeholders, that skeleton is formatted, and the values go back in. The same
 * bytes as formatting the whole text (a test holds them equal), without writing and scanning the
 * megabytes of a large migration's file twice.
 */
export async function formatBlocks(blocks: Iterable<ConfigBlock>, formatHcl?: (text: string) => Promise<string>): Promise<string> {
  // Loaded only here: the formatter's WebAssembly set-up costs about 0.3 s.
  formatHcl ??= (await import("./format")).formatHcl;
  const formatted = new Map<string, string[]>();
  const out: string[] = [];
  for (const block of blocks) {
    const values: string[] = [];
    // hclwrite lines up comments at the ends of lines after the longest value: such a block's
    // values keep their widths. A whole-line comment's words never move: they are values too.
    const hole = hasTrailingComment(block) ? (text: string) => text : (text: string) => placeholder(values.push(text) - 1);
    const skeleton = toHcl([block], (text) => (SIMPLE.test(text) ? hole(text) : LINE_COMMENT.test(text) ? commentHole(text, hole) : text));
    let parts = formatted.get(skeleton);
    if (!parts) formatted.set(skeleton, (parts = textAroundPlaceholders(await formatHcl(skeleton))));
    // hclwrite never drops or reorders a token; if it ever did, format this block as written.
    out.push(withValues(parts, values) ?? (await formatHcl(toHcl([block]))));
  }
  return out.join("\n");
}
