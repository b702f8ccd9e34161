/**
 * Approximate search for a quote: every place where it occurs with at most `maxErrors` edits
 * (insertions, deletions, substitutions of UTF-16 code units).
 *
 * Short quotes, or small texts, are scanned in full with the bit-parallel matcher (cost: text length ×
 * ceil(quote length / 32)). For long quotes in long texts that full scan is too slow, so the search is
 * narrowed first: the region around the old position, plus the regions where exact 16-character pieces
 * ("seeds") of the quote still occur, voted on by diagonal. Only when that finds nothing good, and the
 * text is not too large, does it fall back to the full scan.
 */
import { BitMatcher, reverseCodeUnits } from './bitMatcher';

export interface FuzzyHit {
  start: number;
  end: number;
  errors: number;
}

/**
 * Budgets in block steps (text length × ceil(quote length / 32); one step is a few ns). A full scan this
 * cheap always runs; the fallback full scan runs up to the larger one (~50 ms at worst, far less on real
 * text thanks to the matcher's cutoff); the backward passes that find where matches start share the last.
 */
const FULL_SCAN_STEPS = 4_000_000;
const MAX_SCAN_STEPS = 8_000_000;
const START_STEPS = 2_000_000;
const SEED_LENGTH = 16;
const MAX_SEEDS = 32;
/** A seed found more often than this says little about where the quote is. */
const MAX_SEED_OCCURRENCES = 16;
const MAX_CLUSTERS = 4;
/** Scored by the caller, so bounded: a short quote with one allowed edit can match all over a big text. */
const MAX_HITS = 200;
/** Extra room around the old position, for edits just outside the quote that shifted it. */
const HINT_PADDING = 64;

interface End {
  end: number;
  errors: number;
}

/**
 * Ends of approximate matches in text[lo, hi): for each run of consecutive end positions within
 * `maxErrors`, the first one with the fewest errors (neighbouring ends of one match form such a run).
 */
function scan(
  matcher: BitMatcher,
  text: string,
  lo: number,
  hi: number,
  maxErrors: number,
  out: End[],
): void {
  const run: { best?: End; previous: number } = { previous: -2 };
  matcher.search(text, lo, hi, maxErrors, (end, errors) => {
    if (run.best && end === run.previous + 1) {
      if (errors < run.best.errors) run.best = { end, errors };
    } else {
      if (run.best) out.push(run.best);
      run.best = { end, errors };
    }
    run.previous = end;
  });
  if (run.best) out.push(run.best);
}

/** The start of the best match that ends at `end`: the length with fewest errors, nearest the quote's. */
function startOf(backward: BitMatcher, text: string, end: number, maxErrors: number): number {
  const m = backward.length;
  backward.reset(true);
  let bestLength = 0;
  let bestErrors = m;
  const longest = Math.min(end, m + maxErrors);
  for (let length = 1; length <= longest; length++) {
    const errors = backward.push(text.charCodeAt(end - length));
    if (errors < bestErrors || (errors === bestErrors && Math.abs(length - m) < Math.abs(bestLength - m))) {
      bestErrors = errors;
      bestLength = length;
    }
  }
  return end - bestLength;
}

/** Regions [lo, hi) worth scanning for a long quote: near the old position and where seeds still match. */
function candidateRanges(
  text: string,
  pattern: string,
  hint: number,
  maxErrors: number,
): Array<[number, number]> {
  const m = pattern.length;
  const reach = maxErrors + HINT_PADDING;
  const ranges: Array<[number, number]> = [[hint - reach, hint + m + reach]];

  // Each seed occurrence votes for the place the quote would start (its diagonal).
  const votes: Array<{ start: number; seed: number }> = [];
  const count = Math.min(MAX_SEEDS, Math.floor(m / SEED_LENGTH));
  for (let seed = 0; seed < count; seed++) {
    const offset = count === 1 ? 0 : Math.round((seed * (m - SEED_LENGTH)) / (count - 1));
    const piece = pattern.slice(offset, offset + SEED_LENGTH);
    const found: number[] = [];
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
      found.push(at - offset);
      if (found.length > MAX_SEED_OCCURRENCES) break;
    }
    if (found.length > MAX_SEED_OCCURRENCES) continue;
    for (const start of found) votes.push({ start, seed });
  }
  votes.sort((a, b) => a.start - b.start);

  // Votes within maxErrors of each other belong to one candidate; more distinct seeds, more likely.
  const clusters: Array<{ lo: number; hi: number; seeds: Set<number> }> = [];
  for (const vote of votes) {
    const last = clusters[clusters.length - 1];
    if (last && vote.start - last.hi <= maxErrors) {
      last.hi = vote.start;
      last.seeds.add(vote.seed);
    } else {
      clusters.push({ lo: vote.start, hi: vote.start, seeds: new Set([vote.seed]) });
    }
  }
  clusters.sort((a, b) => b.seeds.size - a.seeds.size || Math.abs(a.lo - hint) - Math.abs(b.lo - hint));
  for (const c of clusters.slice(0, MAX_CLUSTERS)) ranges.push([c.lo - maxErrors, c.hi + m + maxErrors]);

  return mergeRanges(ranges, text.length);
}

function mergeRanges(ranges: Array<[number, number]>, length: number): Array<[number, number]> {
  const clamped = ranges
    .map(([lo, hi]): [number, number] => [Math.max(0, lo), Math.min(length, hi)])
    .filter(([lo, hi]) => lo < hi)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of clamped) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/**
 * Approximate occurrences of `pattern` in `text` with at most `maxErrors` edits, best first (fewest
 * errors, then nearest `hint`, the quote's old start); at most MAX_HITS of them, fewer for long quotes.
 */
export function findApproximate(text: string, pattern: string, hint: number, maxErrors: number): FuzzyHit[] {
  const m = pattern.length;
  if (m === 0 || text.length === 0 || maxErrors < 0 || maxErrors >= m) return [];
  const forward = new BitMatcher(pattern);
  const blocks = Math.ceil(m / 32);
  const steps = text.length * blocks;
  const ends: End[] = [];
  if (steps <= FULL_SCAN_STEPS || blocks === 1) {
    scan(forward, text, 0, text.length, maxErrors, ends);
  } else {
    for (const [lo, hi] of candidateRanges(text, pattern, hint, maxErrors))
      scan(forward, text, lo, hi, maxErrors, ends);
    // Nothing good near the old place or the seeds: heavy, scattered edits. Look everywhere if affordable.
    const fewest = ends.reduce((min, e) => Math.min(min, e.errors), Infinity);
    if (fewest > maxErrors / 2 && steps <= MAX_SCAN_STEPS) {
      ends.length = 0;
      scan(forward, text, 0, text.length, maxErrors, ends);
    }
  }
  ends.sort((a, b) => a.errors - b.errors || Math.abs(a.end - m - hint) - Math.abs(b.end - m - hint));
  const limit = Math.max(1, Math.min(MAX_HITS, Math.floor(START_STEPS / ((m + maxErrors) * blocks))));
  const backward = new BitMatcher(reverseCodeUnits(pattern));
  return ends
    .slice(0, limit)
    .map(({ end, errors }) => ({ start: startOf(backward, text, end, maxErrors), end, errors }));
}
