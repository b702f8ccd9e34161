/**
 * How text becomes search terms, the same way for what is indexed and what is asked: the library
 * search index, "Checked before" and the match CLI all go through `searchTerms`, so a word found in
 * one is found in the others.
 *
 * - Folding: NFKC, lower case, diacritics removed from Latin and Cyrillic letters (ё→е, é→e, ß→ss),
 *   and the Arabic normalisation search engines use (alef and hamza forms → ا, ى → ي, ؤ → و,
 *   ئ → ي, ة → ه, tatweel and harakat removed). Hangul is never decomposed.
 * - Words come from Intl.Segmenter, so scripts without spaces are split correctly.
 * - Korean, Chinese and Japanese words become overlapping two-character terms: "북한은" and
 *   "북한" share "북한", which is how search engines match a stem that carries a particle.
 * - Latin, Cyrillic and Arabic words are stemmed by script with the Snowball stemmers (English,
 *   Russian, Arabic): "claims"/"claimed" → "claim", "сотрудничества" → "сотрудничеств".
 */
import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { foldArabic } from '../../shared/text/arabicFolding';

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Combining marks of Latin and Cyrillic letters (not of Hangul, Indic or Arabic scripts). */
const LATIN_CYRILLIC_MARKS = /([\p{Script=Latin}\p{Script=Cyrillic}])[\u0300-\u036f]+/gu;
const EAST_ASIAN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Folds case, width, diacritics and Arabic letter forms; keeps everything else as it is. */
export function foldText(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(LATIN_CYRILLIC_MARKS, '$1')
    .normalize('NFC');
  return foldArabic(folded);
}

const stemmers = {
  latin: newStemmer('english'),
  cyrillic: newStemmer('russian'),
  arabic: newStemmer('arabic'),
};
/** Stems are cached: the same few thousand words come back all the time. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

function stemmerFor(word: string): Stemmer | null {
  if (CYRILLIC.test(word)) return stemmers.cyrillic;
  if (ARABIC.test(word)) return stemmers.arabic;
  if (LATIN.test(word)) return stemmers.latin;
  return null;
}

/** The stem of one folded word (numbers and words of other scripts stay as they are). */
export function stemWord(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stemmer = stemmerFor(word);
  let stem = word;
  if (stemmer) {
    try {
      stem = stemmer.stem(word) || word;
    } catch {
      // A stemmer that trips over an odd word leaves the word as it is.
      stem = word;
    }
  }
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

/** Overlapping two-character pieces of a word without spaces (the word itself when shorter). */
function bigrams(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length <= 2) return [word];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

export interface WordSpan {
  /** UTF-16 offsets of the word in the text as given. */
  start: number;
  end: number;
  /** The search terms the word stands for. */
  terms: string[];
}

/**
 * The words of a text with their places and terms. Offsets are those of the text given, so a
 * caller can highlight matches in what the person wrote.
 */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const piece of segmenter.segment(text)) {
    if (!piece.isWordLike) continue;
    const terms = termsOfWord(piece.segment);
    if (terms.length > 0) spans.push({ start: piece.index, end: piece.index + piece.segment.length, terms });
  }
  return spans;
}

const GROUPED_NUMBER = /^\d{1,3}(?:[.,\u00a0\u202f']\d{3})+$/u;
const SINGLE_LETTERS = /^\p{L}(?:\.\p{L})+\.?$/u;

/** The terms of one word as the segmenter found it. */
function termsOfWord(raw: string): string[] {
  const folded = foldText(raw);
  // "3,000" and "3.000" are one number; "U.S." is one word; "3.5" stays two numbers, so that it
  // is not confused with "35". Otherwise only letters and digits reach the index.
  if (GROUPED_NUMBER.test(folded) || SINGLE_LETTERS.test(folded)) return [folded.replace(/[^\p{L}\p{N}]/gu, '')];
  const terms: string[] = [];
  for (const part of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (!part) continue;
    if (EAST_ASIAN.test(part)) terms.push(...bigrams(part));
    else terms.push(stemWord(part));
  }
  return terms;
}

/** The search terms of a text, in order, repeats kept (BM25 counts them). */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const span of wordSpans(text)) for (const term of span.terms) terms.push(term);
  return terms;
}

/** The terms as one string, the form the FTS5 index stores (its tokenizer splits on the spaces). */
export function indexText(text: string): string {
  return searchTerms(text).join(' ');
}

/** The places in `text` of the words that stand for any of `terms` (for highlighting). */
export function matchedSpans(text: string, terms: ReadonlySet<string>): Array<{ start: number; end: number }> {
  if (terms.size === 0) return [];
  return wordSpans(text)
    .filter((span) => span.terms.some((term) => terms.has(term)))
    .map(({ start, end }) => ({ start, end }));
}
