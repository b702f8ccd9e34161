/** Building the stored anchor (position + quote selectors) for a span of normalized article text. */
import { graphemeCeil, graphemeFloor } from './segments';
import { snapToGraphemes } from './snap';
import type { TextAnchor } from './types';

/** How much context is kept on each side of the quote, in UTF-16 code units (as Hypothesis does). */
export const CONTEXT_LENGTH = 32;

/**
 * The anchor for [start, end) of `text`. The span is first made grapheme-safe (callers normally pass a
 * span from snapToWords already); prefix and suffix are cut on grapheme boundaries so that no stored
 * string ever holds half a surrogate pair, which would not survive UTF-8 storage.
 */
export function createAnchor(text: string, start: number, end: number): TextAnchor {
  const span = snapToGraphemes(text, start, end);
  const prefixStart = graphemeCeil(text, Math.max(0, span.start - CONTEXT_LENGTH));
  const suffixEnd = graphemeFloor(text, Math.min(text.length, span.end + CONTEXT_LENGTH));
  return {
    start: span.start,
    end: span.end,
    exact: text.slice(span.start, span.end),
    prefix: text.slice(Math.min(prefixStart, span.start), span.start),
    suffix: text.slice(span.end, Math.max(suffixEnd, span.end)),
  };
}
