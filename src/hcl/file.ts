/**
 * A .tf file as the planner sees it, in the spirit of hclwrite: its text and top-level blocks,
 * what is written in and around a block, and edits that return the new text. How the file was
 * scanned (its mask of strings and comments) stays inside src/hcl.
 */
import { BlockRewrite, HclBlock, lineNumber, removeBlocks, rewriteBlocks, ScannedHcl, scanHcl } from "./blocks";
import { argumentOffset, blockArgument, renameArgument, RequiredProviderSite, requiredProviderSite, stringArgument } from "./attributes";
import { attribute, blockBody, HclAttribute, HclBody, nestedBlock, objectBody, setAttribute } from "./body";
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

  /**
   * Attribute `name` of a block, or of a body inside it: `path` names, outermost first, nested
   * blocks by type (the first of each) or attributes whose value is an object, so
   * `attribute(terraform, ["required_providers", "grafana"], "version")`. Its value is as written,
   * comments after it excluded; undefined when the attribute or the path is not there.
   */
  attribute(block: HclBlock, path: readonly string[], name: string): Attribute | undefined {
    const body = this.body(block, path);
    const found = body && attribute(this.text, this.scan.masked, body, name);
    return found && { name, value: found.value, line: lineNumber(this.text, found.start), start: found.start, valueStart: found.valueStart, valueEnd: found.valueEnd };
  }

  /**
   * The text with attribute `name` of a block (or of the body at `path`, as for attribute) set to
   * `expression`, and the attribute's 1-based line. A written value is replaced; else a line is
   * added before the body's closing brace, indented and aligned as terraform fmt would, or inline
   * in a one-line object. Every comment and other line stays byte for byte (but for `=` signs
   * moved to line up with the new one). A multi-line expression is written as at column 0.
   * Undefined when the path is not there.
   */
  setAttribute(block: HclBlock, path: readonly string[], name: string, expression: string): { text: string; line: number } | undefined {
    const body = this.body(block, path);
    return body && setAttribute(this.text, this.scan.masked, body, name, expression);
  }

  /** The `name = <expression>` argument of a block, as written (a removed block's `from`, an import's `to`). */
  blockArgument(block: HclBlock, name: string): string | undefined {
    return blockArgument(this.text, this.scan, block, name);
  }

  /** The content of a one-line `name = "..."` argument (a provider's alias). */
  stringArgument(block: HclBlock, name: string): string | undefined {
    return stringArgument(this.text, this.scan, block, name);
  }

  /** Where argument `name` of a block starts (at the block's own level, not in nested blocks). */
  argumentOffset(block: HclBlock, name: string): number | undefined {
    return argumentOffset(this.text, this.scan, block, name);
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

  private body(block: HclBlock, path: readonly string[]): HclBody | undefined {
    const { masked } = this.scan;
    let body: HclBody | undefined = blockBody(masked, block);
    for (const step of path) {
      if (!body) return undefined;
      const nested = nestedBlock(this.text, masked, body, step);
      const value: HclAttribute | undefined = nested ? undefined : attribute(this.text, masked, body, step);
      body = nested ?? (value && objectBody(masked, value));
    }
    return body;
  }
}

/** An attribute as HclFile.attribute finds it: its value as written, its line, and offsets in the text. */
export interface Attribute {
  readonly name: string;
  readonly value: string;
  readonly line: number;
  /** Where its name starts. */
  readonly start: number;
  /** Where its value starts, and just past where it ends. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export type { CarriedComments, HclBlock, RequiredProviderSite };
