/**
 * Folding for "Find in the article": the same folding as the library search (`foldText` in
 * main/search/analyzer.ts: case, width, Latin and Cyrillic diacritics, ё→е, Arabic harakat, tatweel
 * and hamza/alef forms) but grapheme by grapheme, keeping where each folded character came from,
 * so a match found in the folded text maps back to whole graphemes of the original.
 */
import { foldArabic } from './arabicFolding';

/** Combining marks of Latin and Cyrillic letters (not of Hangul, Indic or Arabic scripts). */
const LATIN_CYRILLIC_MARKS = /([\p{Script=Latin}\p{Script=Cyrillic}])([\u0300-\u036f]+)/gu;
/** й and ў are letters of their own, not и and у with a breve: their breve stays. */
const keepBreve = (base: string, marks: string) =>
  /[иИуУ]/.test(base) && marks.includes('\u0306') ? `${base}\u0306` : base;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Folds one piece of text (a grapheme, or a whole query). */
export function foldForFind(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(LATIN_CYRILLIC_MARKS, (_, base: string, marks: string) => keepBreve(base, marks))
    .normalize('NFC');
  return foldArabic(folded);
}

/**
 * A text folded for finding. For each UTF-16 unit `i` of `text`: `from[i]`/`to[i]` are the
 * original offsets of the grapheme it came from; a match may start only where `first[i]` and end
 * only where `last[i]` (whole graphemes, never half of "각" or of a flag).
 */
export interface FoldedText {
  text: string;
  from: Int32Array;
  to: Int32Array;
  first: Uint8Array;
  last: Uint8Array;
}

export function foldWithOffsets(original: string): FoldedText {
  const parts: string[] = [];
  const spans: Array<[number, number, number]> = [];
  let length = 0;
  for (const { segment, index } of graphemes.segment(original)) {
    const folded = foldForFind(segment);
    if (folded.length === 0) continue;
    parts.push(folded);
    spans.push([index, index + segment.length, folded.length]);
    length += folded.length;
  }
  const from = new Int32Array(length);
  const to = new Int32Array(length);
  const first = new Uint8Array(length);
  const last = new Uint8Array(length);
  let at = 0;
  for (const [start, end, size] of spans) {
    from.fill(start, at, at + size);
    to.fill(end, at, at + size);
    first[at] = 1;
    last[at + size - 1] = 1;
    at += size;
  }
  return { text: parts.join(''), from, to, first, last };
}

export interface FindMatch {
  start: number;
  end: number;
}

/**
 * Every place `query` occurs in the folded text, as original offsets, in order and not
 * overlapping. Spaces in the query match any run of white space, as the article shows them.
 */
export function findAll(folded: FoldedText, query: string, limit = 10_000): FindMatch[] {
  const needle = foldForFind(query).replace(/\s+/g, ' ').trim();
  if (needle === '') return [];
  const haystack = folded.text;
  const matches: FindMatch[] = [];
  const pattern = new RegExp(
    needle
      .split(' ')
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
    'g',
  );
  let found: RegExpExecArray | null;
  while ((found = pattern.exec(haystack)) !== null && matches.length < limit) {
    const start = found.index;
    const end = start + found[0].length;
    if (found[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (folded.first[start] && folded.last[end - 1]) {
      matches.push({ start: folded.from[start]!, end: folded.to[end - 1]! });
    } else {
      // Half a grapheme: try again one unit further on.
      pattern.lastIndex = start + 1;
    }
  }
  return matches;
}
