/**
 * The placeholders a skeleton (skeleton.ts) puts where its holes were, and how the values go
 * back into a tool's output.
 */
// Private-use characters: configurations do not contain them, and splitTopLevel refuses a
// text that does, so a placeholder found in a tool's output is always ours.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const RESERVED = /[\uE000\uE001]/;

/** The placeholder for hole `i`: a quoted string, so both tools see a plain string literal. */
export function placeholder(i: number): string {
  return (PLACEHOLDERS[i] ??= `"${OPEN}${i}${CLOSE}"`);
}

const PLACEHOLDERS: string[] = [];

/** Placeholders with their quotes, as they appear in formatted text or in an expression's source. */
export const QUOTED_PLACEHOLDER = /"\uE000(\d+)\uE001"/g;

/**
 * A formatted skeleton split around its placeholders: the text before the first, then after
 * each the text that follows. The values go back in the order their placeholders appear
 * (hclwrite keeps that order); if they came back in any other, this is empty, which fits no
 * values, so the caller formats the text as written.
 */
export function textAroundPlaceholders(formatted: string): string[] {
  // split() interleaves the captured placeholder numbers: text, 0, text, 1, text ...
  const parts = formatted.split(QUOTED_PLACEHOLDER);
  return parts.every((p, i) => i % 2 === 0 || p === String((i - 1) / 2)) ? parts.filter((_, i) => i % 2 === 0) : [];
}

/** The texts around the placeholders with the values put back, or undefined if they do not fit. */
export function withValues(texts: readonly string[], values: readonly string[]): string | undefined {
  if (texts.length !== values.length + 1) return undefined;
  let out = texts[0];
  for (let i = 0; i < values.length; i++) out += values[i] + texts[i + 1];
  return out;
}

/** The hole index if `value` is exactly a placeholder's content (what a parser makes of the string). */
export function placeholderIndex(value: string): number | undefined {
  const m = /^\uE000(\d+)\uE001$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** True if `value` holds any part of a placeholder. */
export function hasPlaceholder(value: string): boolean {
  return RESERVED.test(value);
}

/** A reserved character that `text` itself uses; no skeleton can be made of such a text. */
export function usesReservedCharacters(text: string): boolean {
  return RESERVED.test(text);
}
