/**
 * Grapheme and word boundaries near one offset, without segmenting the whole article: articles can be
 * megabytes long and anchoring asks about a handful of offsets. Each query segments a small window that
 * starts just after a line break when there is one nearby, because a boundary always follows '\n'
 * (UAX #29 GB4), so the window's own start cannot skew the result.
 */

const WINDOW = 256;

let graphemeSegmenter: Intl.Segmenter | undefined;
let wordSegmenter: Intl.Segmenter | undefined;

function graphemes(): Intl.Segmenter {
  return (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
}

function words(): Intl.Segmenter {
  return (wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));
}

/** Clamps an offset into [0, length]; NaN becomes 0 and fractions are truncated. */
export function clampOffset(text: string, offset: number): number {
  if (Number.isNaN(offset)) return 0;
  return Math.min(text.length, Math.max(0, Math.trunc(offset)));
}

/** The window [lo, hi) around `pos`, bounded by line breaks or WINDOW code units on each side. */
function windowAround(text: string, pos: number): { lo: number; hi: number } {
  let lo = Math.max(0, pos - WINDOW);
  for (let i = pos - 1; i >= lo; i--) {
    if (text.charCodeAt(i) === 10) {
      lo = i + 1;
      break;
    }
  }
  let hi = Math.min(text.length, pos + WINDOW);
  for (let i = pos; i < hi; i++) {
    if (text.charCodeAt(i) === 10) {
      hi = i;
      break;
    }
  }
  return { lo, hi };
}

/** The segment (of the given granularity) containing the code unit at `pos`, in text coordinates. */
function segmentAt(
  segmenter: Intl.Segmenter,
  text: string,
  pos: number,
): { start: number; end: number; isWordLike: boolean } | undefined {
  if (pos < 0 || pos >= text.length) return undefined;
  if (text.charCodeAt(pos) === 10) {
    // A line break is a segment of its own (with a CR before it, if any: CR LF is one grapheme).
    const start = pos > 0 && text.charCodeAt(pos - 1) === 13 ? pos - 1 : pos;
    return { start, end: pos + 1, isWordLike: false };
  }
  const { lo, hi } = windowAround(text, pos);
  const seg = segmenter.segment(text.slice(lo, hi)).containing(pos - lo);
  if (!seg) return undefined;
  const start = lo + seg.index;
  return { start, end: start + seg.segment.length, isWordLike: seg.isWordLike ?? false };
}

/** The grapheme boundary at or before `pos`. */
export function graphemeFloor(text: string, pos: number): number {
  const seg = segmentAt(graphemes(), text, pos);
  return seg ? seg.start : pos;
}

/** The grapheme boundary at or after `pos`. */
export function graphemeCeil(text: string, pos: number): number {
  const seg = segmentAt(graphemes(), text, pos);
  return seg && seg.start < pos ? seg.end : pos;
}

/** The end of the grapheme that starts at `pos` (a boundary); `pos` itself at the end of the text. */
export function nextGrapheme(text: string, pos: number): number {
  const seg = segmentAt(graphemes(), text, pos);
  return seg ? seg.end : pos;
}

/** The start of the grapheme that ends at `pos` (a boundary); `pos` itself at the start of the text. */
export function previousGrapheme(text: string, pos: number): number {
  return pos <= 0 ? 0 : graphemeFloor(text, pos - 1);
}

/** The word-granularity segment containing the code unit at `pos`, if any. */
export function wordAt(
  text: string,
  pos: number,
): { start: number; end: number; isWordLike: boolean } | undefined {
  return segmentAt(words(), text, pos);
}
