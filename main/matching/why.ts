import { matchedSpans } from '../search/analyzer';
import type { IdfLookup } from './types';

/** At most this many reasons, each at most this long (the contract's limits). */
const MAX_REASONS = 8;
const MAX_REASON_CHARS = 200;
/** Latin, Cyrillic and Arabic words of one or two letters ("of", "в", "في"); Korean two-syllable words are not little. */
const LITTLE_WORD = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}]{1,2}$/u;

/**
 * Why a document was offered: the words it shares with the query, as the document writes them,
 * joined into phrases where they stand side by side. Shared terms that are common in the corpus
 * ("the", "is") are no reason on their own.
 */
export function reasonsFor(
  documentTexts: readonly string[],
  queryTerms: ReadonlySet<string>,
  documentTerms: ReadonlySet<string>,
  idf: IdfLookup,
  minIdf: number,
): string[] {
  const telling = new Set<string>();
  for (const term of documentTerms) if (queryTerms.has(term) && idf(term) >= minIdf) telling.add(term);
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const text of documentTexts) {
    // Little words ("a", "is", "on") never open or close a reason, nor make one alone.
    const spans = matchedSpans(text, telling);
    const little = (span: { start: number; end: number }) => LITTLE_WORD.test(text.slice(span.start, span.end));
    let index = 0;
    while (index < spans.length) {
      let end = index;
      // Words separated only by spaces, hyphens or apostrophes make one phrase.
      while (end + 1 < spans.length && /^[\s\-'’]*$/u.test(text.slice(spans[end]!.end, spans[end + 1]!.start))) end++;
      let first = index;
      let last = end;
      while (first <= last && little(spans[first]!)) first++;
      while (last >= first && little(spans[last]!)) last--;
      index = end + 1;
      if (first > last) continue;
      const phrase = text.slice(spans[first]!.start, spans[last]!.end).slice(0, MAX_REASON_CHARS);
      const key = phrase.toLocaleLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        reasons.push(phrase);
      }
    }
  }
  // A phrase inside a longer one says nothing more ("sovereign right" beside "our sovereign right").
  const lower = reasons.map((phrase) => phrase.toLocaleLowerCase());
  const distinct = reasons.filter((_, i) => !lower.some((other, j) => j !== i && other.length > lower[i]!.length && other.includes(lower[i]!)));
  // Longer phrases say more; keep the order of the text among equals.
  return distinct
    .map((phrase, order) => ({ phrase, order }))
    .sort((a, b) => b.phrase.length - a.phrase.length || a.order - b.order)
    .slice(0, MAX_REASONS)
    .sort((a, b) => a.order - b.order)
    .map(({ phrase }) => phrase);
}
