/** Text pieces the migrate and revert reports share. */

/** A titled, indented list with its count; nothing at all when the list is empty. */
export const section = (title: string, lines: string[], count = String(lines.length)) => (lines.length === 0 ? [] : [`${title} (${count}):`, ...lines.map((l) => `  ${l}`), ""]);

/** The report's line on inputs the rewrite emptied, so no file goes without a word. */
export const removedLine = (removed: readonly string[] | undefined, what: string) =>
  removed?.length ? `Removed ${removed.join(", ")}: ${removed.length === 1 ? "it" : "each"} held only ${what}, so ${removed.length === 1 ? "it is" : "they are"} not carried over (--in-place deletes ${removed.length === 1 ? "it" : "them"} and keeps a backup).` : undefined;
