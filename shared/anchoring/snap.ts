/**
 * Turning a raw selection into a clean claim span: never half a grapheme (a surrogate pair, an emoji ZWJ
 * sequence, a flag, a letter with combining marks), whole words, and no stray spaces or punctuation at
 * the edges.
 */
import { clampOffset, graphemeCeil, graphemeFloor, nextGrapheme, previousGrapheme, wordAt } from './segments';
import type { Span } from './types';

/** Whitespace and invisible marks (zero-width space, word joiner, BOM, bidi marks): never a claim's edge. */
export const SPACE_ONLY = /^[\s\u200b\u200e\u200f\u061c\u2060\ufeff]+$/u;

/**
 * Edge graphemes dropped from a selection: spaces and punctuation, except the few punctuation marks that
 * belong to the neighbouring number or name (35%, 12‰, #tag, @user, 5′ 3″).
 */
const TRIMMABLE = /^(?:(?![%‰‱٪#@′″])[\s\u200b\u200e\u200f\u061c\u2060\ufeff\p{P}])+$/u;

function ordered(text: string, start: number, end: number): Span {
  const a = clampOffset(text, start);
  const b = clampOffset(text, end);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

/**
 * Widens [start, end) to grapheme boundaries (an empty range collapses to the boundary at or before it).
 * Out-of-range offsets are clamped and start > end is swapped.
 */
export function snapToGraphemes(text: string, start: number, end: number): Span {
  const span = ordered(text, start, end);
  const from = graphemeFloor(text, span.start);
  if (span.start === span.end) return { start: from, end: from };
  return { start: from, end: graphemeCeil(text, span.end) };
}

/** Moves the edges of a grapheme-aligned span inward past whole graphemes that match `edge`. */
export function trimEdges(text: string, span: Span, edge: RegExp): Span {
  let { start, end } = span;
  while (start < end) {
    const next = nextGrapheme(text, start);
    if (next <= start || next > end || !edge.test(text.slice(start, next))) break;
    start = next;
  }
  while (end > start) {
    const prev = previousGrapheme(text, end);
    if (prev >= end || prev < start || !edge.test(text.slice(prev, end))) break;
    end = prev;
  }
  return { start, end };
}

/** Widens a span whose edges fall inside a word to that word's edges. */
export function expandToWords(text: string, span: Span): Span {
  if (span.start >= span.end) return span;
  const first = wordAt(text, span.start);
  const last = wordAt(text, span.end - 1);
  return {
    start: first?.isWordLike ? Math.min(first.start, span.start) : span.start,
    end: last?.isWordLike ? Math.max(last.end, span.end) : span.end,
  };
}

/**
 * Snaps a raw selection to whole words with clean edges. Returns null when the selection is empty or only
 * whitespace. A selection of punctuation alone is kept as it is (minus surrounding spaces), since
 * trimming it would leave nothing.
 */
export function snapToWords(text: string, start: number, end: number): Span | null {
  const span = snapToGraphemes(text, start, end);
  if (span.start === span.end || SPACE_ONLY.test(text.slice(span.start, span.end))) return null;
  let core = trimEdges(text, span, TRIMMABLE);
  if (core.start === core.end) core = trimEdges(text, span, SPACE_ONLY);
  const whole = expandToWords(text, core);
  return snapToGraphemes(text, whole.start, whole.end);
}
