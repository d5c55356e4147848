/**
 * A .tf file as the planner sees it, in the spirit of hclwrite: its text and top-level blocks,
 * what is written in and around a block, and edits that return the new text. How the file was
 * scanned (its mask of strings and comments) stays inside src/hcl.
 */
import { BlockRewrite, HclBlock, removeBlocks, rewriteBlocks, ScannedHcl, scanHcl } from "./blocks";
import { argumentOffset, blockArgument, renameArgument, RequiredProviderSite, requiredProviderSite, stringArgument } from "./attributes";
import { blockComments, CarriedComments, writeComments } from "./comments";
import type { RenameTraversal, ResourceTraversals } from "./references";

/** What HclFile.rewriteBlocks does with a file's blocks and the code around them. */
export interface BlockEdit {
  /** Blocks to take out, with their leading comments. */
  readonly remove: (block: HclBlock) => boolean;
  /** Blocks to keep as written: their references are not renamed. */
  readonly keep: (block: HclBlock) => boolean;
  /** The references renamed in the other blocks and the code between them. */
  readonly traversals: ResourceTraversals;
  readonly rename: RenameTraversal;
}

export class HclFile {
  readonly blocks: readonly HclBlock[];

  private constructor(
    readonly text: string,
    private readonly scan: ScannedHcl,
  ) {
    this.blocks = scan.blocks;
  }

  /** The file of `text`; `scan` is scanHcl(text) when the reader has it already (the parse cache makes it). */
  static of(text: string, scan: ScannedHcl = scanHcl(text)): HclFile {
    return new HclFile(text, scan);
  }

  /** The blocks of a kind whose labels start with `labels`. */
  find(kind: string, ...labels: string[]): HclBlock[] {
    return this.blocks.filter((b) => b.kind === kind && labels.every((l, i) => b.labels[i] === l));
  }

  /** The comments on and in a block, by the argument they belong to; undefined when it has none. */
  blockComments(block: HclBlock): CarriedComments | undefined {
    return blockComments(this.text, block);
  }

  /** The one-line `name = <expression>` argument of a block, as written (a removed block's `from`, an import's `to`). */
  blockArgument(block: HclBlock, name: string): string | undefined {
    return blockArgument(this.text, block, name);
  }

  /** The content of a one-line `name = "..."` argument (a provider's alias). */
  stringArgument(block: HclBlock, name: string): string | undefined {
    return stringArgument(this.text, this.scan, block, name);
  }

  /** Where argument `name` of a block starts (at the block's own level, not in nested blocks). */
  argumentOffset(block: HclBlock, name: string): number | undefined {
    return argumentOffset(this.scan, block, name);
  }

  /** The text with argument `from` of a block renamed `to`, and its line; undefined when the block has no `from`. */
  renameArgument(block: HclBlock, from: string, to: string): { text: string; line: number } | undefined {
    return renameArgument(this.text, this.scan, block, from, to);
  }

  /** The entry for provider `name` in the first required_providers list of the file's terraform blocks, if it has a list. */
  requiredProviderSite(name: string, source: string): RequiredProviderSite | undefined {
    return requiredProviderSite(this.text, this.scan, name, source);
  }

  /**
   * The text with comments written on blocks, where blockComments would find them (the
   * inverse): above a block, above an argument, after an argument on its line. Unformatted:
   * run it through hclwrite, which lines up the comments at the ends of lines.
   */
  withComments(comments: ReadonlyMap<HclBlock, CarriedComments>): string {
    return writeComments(this.text, [...comments].map(([block, c]) => ({ start: block.start, comments: c, argumentAt: (name: string) => this.argumentOffset(block, name) })));
  }

  /** The text without these blocks (and their leading comments), the blank lines around each closed up. */
  removeBlocks(remove: readonly HclBlock[]): string {
    return removeBlocks(this.text, remove);
  }

  /** The text with some blocks removed, and references renamed outside them and the kept ones. */
  rewriteBlocks(edit: BlockEdit): string {
    const how: BlockRewrite = {
      remove: edit.remove,
      keep: edit.keep,
      rewrite: (code, masked, offset) => edit.traversals.renameInCode(code, masked, offset, edit.rename, true),
    };
    return rewriteBlocks(this.text, this.scan, how);
  }
}

export type { CarriedComments, HclBlock, RequiredProviderSite };
