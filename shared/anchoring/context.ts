/**
 * How well the text around a candidate match agrees with the stored prefix and suffix. Used to choose
 * between several places a quote could be, like the context weights of Hypothesis's match-quote.
 */
import { reverseCodeUnits } from './bitMatcher';
import { CONTEXT_LENGTH } from './selector';
import type { TextAnchor } from './types';

/** Extra text looked at beyond the context length, so that a few inserted characters cost only themselves. */
const SLACK = 8;

/**
 * Edit distance between `expected` and the best-matching run of `actual` that starts at actual[0]
 * (a plain DP; both strings are at most a few dozen code units).
 */
function leadingDistance(expected: string, actual: string): number {
  const m = expected.length;
  const n = actual.length;
  // row[j] = distance between expected[0..i) and actual[0..j).
  const row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    let diag = row[0]!;
    row[0] = i;
    const c = expected.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (actual.charCodeAt(j - 1) === c ? 0 : 1));
      diag = up;
    }
  }
  let best = m;
  for (let j = 0; j <= n; j++) best = Math.min(best, row[j]!);
  return best;
}

/** Similarity in [0, 1] of the text ending at `start` to the anchor's prefix. */
export function prefixSimilarity(text: string, start: number, anchor: TextAnchor): number {
  const expected = anchor.prefix.slice(-CONTEXT_LENGTH);
  // An empty prefix means the quote opened the text.
  if (expected.length === 0) return start === 0 ? 1 : 0;
  const actual = text.slice(Math.max(0, start - expected.length - SLACK), start);
  return 1 - leadingDistance(reverseCodeUnits(expected), reverseCodeUnits(actual)) / expected.length;
}

/** Similarity in [0, 1] of the text starting at `end` to the anchor's suffix. */
export function suffixSimilarity(text: string, end: number, anchor: TextAnchor): number {
  const expected = anchor.suffix.slice(0, CONTEXT_LENGTH);
  // An empty suffix means the quote closed the text.
  if (expected.length === 0) return end === text.length ? 1 : 0;
  const actual = text.slice(end, end + expected.length + SLACK);
  return 1 - leadingDistance(expected, actual) / expected.length;
}
