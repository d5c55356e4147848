/**
 * Splits HCL text into its top-level blocks and the gaps between them, and reduces each block
 * to a skeleton: the block with its simple values (labels, plain strings, small integers, bare
 * references) replaced by numbered placeholders. Large configurations repeat a few block shapes
 * with different values, so one run of a tool (hclwrite, hcl2json) on a skeleton serves every
 * block of that shape. Pure: the tools are called by format.ts and parse.ts.
 *
 * Conservative throughout: a value becomes a hole only where its kind is certain, and text the
 * scanners cannot split cleanly gives undefined, so the caller runs the tool on the whole text.
 */
import { ScannedHcl, scanHcl } from "./blocks";
import { blockPiece } from "./skeleton-block";
import { commentStarts, gapPiece, headerStart } from "./skeleton-comments";
import { usesReservedCharacters } from "./skeleton-placeholders";

export { hasPlaceholder, placeholder, placeholderIndex, QUOTED_PLACEHOLDER, textAroundPlaceholders, usesReservedCharacters, withValues } from "./skeleton-placeholders";

export type { BlockPiece, CommentLines, GapPiece, HclPiece, Hole, HoleKind } from "./skeleton-pieces";
import type { HclPiece } from "./skeleton-pieces";

/**
 * The pieces of `text` in order (their texts join to `text`), or undefined when the text has
 * anything but blocks, whitespace and comments at the top level, or cannot be split cleanly.
 * `scan` is scanHcl(text), if the caller has it.
 */
export function splitTopLevel(text: string, scan?: ScannedHcl): HclPiece[] | undefined {
  if (usesReservedCharacters(text)) return undefined;
  const { masked, blocks } = scan ?? scanHcl(text);
  const comments = commentStarts(text, masked);
  const pieces: HclPiece[] = [];
  let at = 0;
  for (const block of blocks) {
    const start = headerStart(masked, block.start);
    if (start < at) return undefined;
    const gap = gapPiece(text.slice(at, start));
    const piece = blockPiece(text, masked, start, block.end, comments);
    if (!gap || !piece) return undefined;
    if (gap.text !== "") pieces.push(gap);
    pieces.push(piece);
    at = block.end;
  }
  const tail = gapPiece(text.slice(at));
  if (!tail) return undefined;
  if (tail.text !== "") pieces.push(tail);
  return pieces;
}
