/**
 * Re-finding a claim's quote after the article text changed, the way the Hypothesis client does:
 * the old position first, then the exact quote elsewhere (chosen by its context), then an approximate
 * match near the old position, and otherwise "orphaned" — never a silent drop.
 */
import { prefixSimilarity, suffixSimilarity } from './context';
import { findApproximate } from './fuzzy';
import { clampOffset } from './segments';
import { SPACE_ONLY, expandToWords, snapToGraphemes, trimEdges } from './snap';
import type { AnchorMatch, Span, TextAnchor } from './types';

/** A fuzzy match may differ from the quote by up to this share of its length. */
export const MAX_ERROR_RATE = 0.25;
/** Exact occurrences compared by context; a quote this common is looked for only near its old place. */
const MAX_EXACT_CANDIDATES = 2000;

/** Match quality in [0, 1]: how much of the quote and of its context agree. */
function quality(quote: number, prefix: number, suffix: number): number {
  return 0.6 * quote + 0.2 * prefix + 0.2 * suffix;
}

/** Exact occurrences of the quote, nearest the hint first, at most MAX_EXACT_CANDIDATES of them. */
function occurrences(text: string, exact: string, hint: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) found.push(at);
  if (found.length > MAX_EXACT_CANDIDATES) {
    found.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
    found.length = MAX_EXACT_CANDIDATES;
  }
  return found;
}

/** Whether [start, end) has grapheme boundaries at both edges (a quote may now be followed by a mark). */
function graphemeAligned(text: string, start: number, end: number): boolean {
  const snapped = snapToGraphemes(text, start, end);
  return snapped.start === start && snapped.end === end;
}

/** The best exact occurrence: best context, then nearest the old start; never one that cuts a grapheme. */
function bestExact(text: string, anchor: TextAnchor, hint: number): AnchorMatch | undefined {
  const m = anchor.exact.length;
  const scored = occurrences(text, anchor.exact, hint).map((start) => ({
    start,
    prefix: prefixSimilarity(text, start, anchor),
    suffix: suffixSimilarity(text, start + m, anchor),
    distance: Math.abs(start - hint),
  }));
  scored.sort((a, b) => b.prefix + b.suffix - (a.prefix + a.suffix) || a.distance - b.distance);
  const best = scored.find(({ start }) => graphemeAligned(text, start, start + m));
  if (!best) return undefined;
  return {
    status: 'exact',
    start: best.start,
    end: best.start + m,
    score: quality(1, best.prefix, best.suffix),
  };
}

/** Cleans a fuzzy match's edges: whole graphemes, whole words, no spaces the quote did not have. */
function snapMatch(text: string, start: number, end: number, exact: string): Span {
  const words = expandToWords(text, snapToGraphemes(text, start, end));
  const trimmed = trimEdges(text, words, SPACE_ONLY);
  if (trimmed.start === trimmed.end) return words;
  return {
    start: SPACE_ONLY.test(exact.slice(0, 1)) ? words.start : trimmed.start,
    end: SPACE_ONLY.test(exact.slice(-1)) ? words.end : trimmed.end,
  };
}

/** The best approximate match: quote and context quality, with a slight pull towards the old start. */
function bestFuzzy(text: string, anchor: TextAnchor, hint: number): AnchorMatch | undefined {
  const m = anchor.exact.length;
  const maxErrors = Math.floor(m * MAX_ERROR_RATE);
  if (maxErrors < 1) return undefined;
  let best: { start: number; end: number; score: number; rank: number } | undefined;
  for (const hit of findApproximate(text, anchor.exact, hint, maxErrors)) {
    const score = quality(
      1 - hit.errors / m,
      prefixSimilarity(text, hit.start, anchor),
      suffixSimilarity(text, hit.end, anchor),
    );
    const nearness = 1 - Math.min(1, Math.abs(hit.start - hint) / Math.max(1, text.length));
    const rank = score + 0.02 * nearness;
    if (!best || rank > best.rank) best = { start: hit.start, end: hit.end, score, rank };
  }
  if (!best) return undefined;
  const span = snapMatch(text, best.start, best.end, anchor.exact);
  return { status: 'fuzzy', start: span.start, end: span.end, score: best.score };
}

/** Finds `anchor` in `text` (normalized the same way as when the anchor was made). */
export function reanchor(text: string, anchor: TextAnchor): AnchorMatch {
  const { exact } = anchor;
  if (exact.length === 0 || text.length === 0) return { status: 'orphaned' };
  if (
    anchor.start >= 0 &&
    anchor.end === anchor.start + exact.length &&
    anchor.end <= text.length &&
    text.startsWith(exact, anchor.start) &&
    graphemeAligned(text, anchor.start, anchor.end)
  ) {
    return { status: 'exact', start: anchor.start, end: anchor.end, score: 1 };
  }
  const hint = clampOffset(text, anchor.start);
  return bestExact(text, anchor, hint) ?? bestFuzzy(text, anchor, hint) ?? { status: 'orphaned' };
}
