/**
 * Where a claim's captured page (up to 1M characters of visible text, migration 11) holds a word
 * of the query: the page is read a piece at a time and stops at the first piece with one, so a
 * result's excerpt does not analyse a whole long page when the word is near its top.
 */
import type { MarkedText } from '../../shared/api/contract.search';
import type { Marker } from './marks';

/** Characters per piece; pieces end at a space, so no word is cut in two. */
const PIECE_CHARS = 4_000;

/** The excerpt around the first query term that `seen` lacks, or null when the page has none. */
export function capturedPageExcerpt(text: string, mark: Marker, seen: ReadonlySet<string>): MarkedText | null {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    const piece = text.slice(start, end);
    if ([...mark.termsIn(piece)].some((term) => !seen.has(term))) return mark.excerpt(piece);
    start = end;
  }
  return null;
}
