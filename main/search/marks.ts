/**
 * Which words of a result matched the query, for highlighting: the analyzer's `matchedSpans`,
 * with the last query term also matching as a prefix (the word the person is still typing).
 */
import type { MarkedText } from '../../shared/api/contract.search';
import { matchedSpans, wordSpans } from './analyzer';

/** Characters of context kept on each side of the first match in an excerpt. */
const EXCERPT_SIDE = 70;

export interface Marker {
  /** The text with the places of its matching words. */
  text(text: string): MarkedText;
  /** The query terms the text holds (the prefix term counts when a word starts with it). */
  termsIn(text: string): Set<string>;
  /** Whether `seen` holds every query term. */
  allSeen(seen: ReadonlySet<string>): boolean;
  /** A short piece of a long text around its first match, with the matches' places in the piece. */
  excerpt(text: string): MarkedText;
}

export function marker(queryTerms: readonly string[]): Marker {
  const prefix = queryTerms[queryTerms.length - 1] ?? '';
  const exact = new Set(queryTerms.slice(0, -1));
  const matches = (term: string): string | null => {
    if (exact.has(term)) return term;
    if (prefix && term.startsWith(prefix)) return prefix;
    return null;
  };
  const termsIn = (text: string): Set<string> => {
    const found = new Set<string>();
    for (const span of wordSpans(text)) {
      for (const term of span.terms) {
        const hit = matches(term);
        if (hit !== null) found.add(hit);
      }
    }
    return found;
  };
  const spansOf = (text: string) => {
    if (!text) return [];
    // matchedSpans wants whole terms: the text's own terms that carry the prefix join the exact ones.
    const wanted = new Set(exact);
    for (const span of wordSpans(text)) for (const term of span.terms) if (prefix && term.startsWith(prefix)) wanted.add(term);
    return matchedSpans(text, wanted);
  };
  return {
    text: (text) => ({ text, spans: spansOf(text) }),
    termsIn,
    allSeen: (seen) => queryTerms.every((term) => seen.has(term)),
    excerpt(text) {
      const spans = spansOf(text);
      const first = spans[0];
      if (!first || text.length <= EXCERPT_SIDE * 2 + (first.end - first.start)) return { text, spans };
      let start = Math.max(0, first.start - EXCERPT_SIDE);
      let end = Math.min(text.length, first.end + EXCERPT_SIDE);
      // Whole words at the cut edges, where a space is near.
      const space = text.indexOf(' ', start);
      if (start > 0 && space !== -1 && space < first.start) start = space + 1;
      const lastSpace = text.lastIndexOf(' ', end);
      if (end < text.length && lastSpace > first.end) end = lastSpace;
      const lead = start > 0 ? '…' : '';
      const tail = end < text.length ? '…' : '';
      const piece = lead + text.slice(start, end) + tail;
      const shift = lead.length - start;
      return {
        text: piece,
        spans: spans.filter((s) => s.start >= start && s.end <= end).map((s) => ({ start: s.start + shift, end: s.end + shift })),
      };
    },
  };
}
