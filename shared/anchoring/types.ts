/**
 * A claim's place in an article, W3C Web Annotation style: a position selector (start, end) and a quote
 * selector (exact, prefix, suffix). Offsets are UTF-16 code units into the normalized article text.
 */
export interface TextAnchor {
  start: number;
  end: number;
  exact: string;
  /** Up to CONTEXT_LENGTH code units just before `exact`, cut on a grapheme boundary. */
  prefix: string;
  /** Up to CONTEXT_LENGTH code units just after `exact`, cut on a grapheme boundary. */
  suffix: string;
}

/** Where an anchor landed in (possibly edited) text. `score` is in [0, 1]; 1 is a perfect match. */
export type AnchorMatch =
  { status: 'exact' | 'fuzzy'; start: number; end: number; score: number } | { status: 'orphaned' };

/** A half-open range [start, end) of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}
