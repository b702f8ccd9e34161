import { describe, expect, it } from 'vitest';
import { createAnchor, reanchor, snapToWords } from '../../../shared/anchoring';
import type { AnchorMatch, TextAnchor } from '../../../shared/anchoring';
import { ARTICLE_NAMES, readArticle } from '../../support/fixtures';

/** A fixture article, normalized as on paste (NFC, \n line ends). */
function fixture(name: string): string {
  return readArticle(name).normalize('NFC').replace(/\r\n?/g, '\n');
}

/** The offset of `needle`, failing loudly if it is absent so that no test passes vacuously. */
function at(haystack: string, needle: string, from = 0): number {
  const i = haystack.indexOf(needle, from);
  if (i < 0) throw new Error(`not found: ${JSON.stringify(needle)}`);
  return i;
}

function anchorOn(text: string, quote: string, from = 0): TextAnchor {
  const s = at(text, quote, from);
  return createAnchor(text, s, s + quote.length);
}

/** The text a match covers, or null when orphaned. */
function found(text: string, match: AnchorMatch): string | null {
  return match.status === 'orphaned' ? null : text.slice(match.start, match.end);
}

/** Deterministic pseudo-random words (mulberry32): a large text that does not repeat itself. */
function randomText(length: number, seed: number): string {
  let a = seed;
  const random = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'ru',
    'sa',
    'ti',
    'vo',
    'ze',
    'pa',
    'do',
    'gi',
    'be',
    'xu',
    'fa',
    'we',
  ];
  let out = '';
  while (out.length < length) {
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) out += syllables[Math.floor(random() * syllables.length)];
    const r = random();
    out += r < 0.02 ? '.\n\n' : r < 0.1 ? '. ' : r < 0.15 ? ', ' : ' ';
  }
  return out.slice(0, length);
}

const en = fixture('en-tass-2024-10-21-peskov-dprk.txt');

describe('reanchor: exact', () => {
  it('finds the quote in place with score 1', () => {
    const anchor = anchorOn(en, 'Kremlin Spokesman Dmitry Peskov');
    expect(reanchor(en, anchor)).toEqual({ status: 'exact', start: anchor.start, end: anchor.end, score: 1 });
  });

  it('re-finds the quote after text is inserted before it', () => {
    const anchor = anchorOn(en, 'North Korea is our close neighbor, our partner');
    const note = 'Editor’s note: this story was updated with a comment from the Kremlin.\n\n';
    const match = reanchor(note + en, anchor);
    expect(match).toEqual({
      status: 'exact',
      start: anchor.start + note.length,
      end: anchor.end + note.length,
      score: 1,
    });
  });

  it('picks the duplicate whose context matches, even when another copy is nearer the old start', () => {
    const quote = 'This should not worry anyone';
    const text = en.replace(
      'Conflicting information',
      `Conflicting information. ${quote}, an aide repeated.`,
    );
    const first = at(text, quote);
    const second = at(text, quote, first + 1);
    const anchor = createAnchor(text, second, second + quote.length);
    // Insert text before both copies so that the first copy lands 5 characters from the second's old start.
    const shift = second - first - 5;
    const edited = 'An introduction. '.repeat(shift).slice(0, shift) + text;
    expect(at(edited, quote) - anchor.start).toBe(-5);
    const match = reanchor(edited, anchor);
    expect(match).toMatchObject({
      status: 'exact',
      start: second + shift,
      end: second + shift + quote.length,
    });
  });

  it('breaks context ties by closeness to the old start', () => {
    const text = 'one two three. Same words here. four five six. Same words here. seven eight.';
    const anchor = createAnchor(text, at(text, 'Same words here'), at(text, 'Same words here') + 15);
    const shifted = 'zero ' + text;
    const match = reanchor(shifted, { ...anchor, prefix: '', suffix: '' });
    expect(match).toMatchObject({ status: 'exact', start: at(shifted, 'Same words here') });
  });
});

describe('reanchor: fuzzy', () => {
  it('follows a typo fix inside the quote', () => {
    const typo = en.replace('Kremlin Spokesman Dmitry Peskov', 'Kremlin Spokesmen Dmitri Peskov');
    const anchor = anchorOn(typo, 'Kremlin Spokesmen Dmitri Peskov told reporters');
    const match = reanchor(en, anchor);
    expect(match.status).toBe('fuzzy');
    expect(found(en, match)).toBe('Kremlin Spokesman Dmitry Peskov told reporters');
    if (match.status !== 'orphaned') {
      expect(match.score).toBeGreaterThan(0.9);
      expect(match.score).toBeLessThan(1);
    }
  });

  it('follows a changed word, and text inserted before the quote', () => {
    const quote = 'Cooperation between Russia and North Korea is not directed against other countries';
    const anchor = anchorOn(en, quote);
    const edited = 'UPDATED. ' + en.replace('North Korea is not directed', 'the DPRK is not aimed');
    const match = reanchor(edited, anchor);
    expect(match.status).toBe('fuzzy');
    expect(found(edited, match)).toBe(
      'Cooperation between Russia and the DPRK is not aimed against other countries',
    );
  });

  it('widens a match to whole words when an edge word was edited', () => {
    const anchor = anchorOn(en, 'Cooperation between Russia and North Korea');
    const edited = en.replace('Cooperation between', 'Collaboration between');
    expect(found(edited, reanchor(edited, anchor))).toBe('Collaboration between Russia and North Korea');
  });

  it('keeps an emoji whole when a skin tone is added at the quote edge', () => {
    const text = 'The minister wrote: we all agreed 👍 and moved on.';
    const anchor = anchorOn(text, 'we all agreed 👍');
    const edited = text.replace('👍', '👍🏽');
    const match = reanchor(edited, anchor);
    expect(match.status).toBe('fuzzy');
    expect(found(edited, match)).toBe('we all agreed 👍🏽');
  });

  it('re-finds a 2,000-character quote in a 200,000-character text after edits and a move', () => {
    const text = randomText(200_000, 7);
    const span = snapToWords(text, 100_000, 102_000)!;
    const quote = text.slice(span.start, span.end);
    expect(quote.length).toBeGreaterThan(1_990);
    const anchor = createAnchor(text, span.start, span.end);
    // Three words changed inside the quote, 30,000 characters of new text before it.
    const middle =
      quote.slice(0, 500) +
      'CHANGED' +
      quote.slice(507, 1200) +
      'ALSO' +
      quote.slice(1204, 1700) +
      'X' +
      quote.slice(1701);
    const inserted = randomText(30_000, 99);
    const edited = inserted + text.slice(0, span.start) + middle + text.slice(span.end);
    const match = reanchor(edited, anchor);
    expect(match).toMatchObject({
      status: 'fuzzy',
      start: 30_000 + span.start,
      end: 30_000 + span.start + middle.length,
    });
  });

  it('re-finds a 2,000-character quote with an edit every ten characters', () => {
    const text = randomText(200_000, 11);
    const span = snapToWords(text, 50_000, 52_000)!;
    const anchor = createAnchor(text, span.start, span.end);
    const quote = anchor.exact;
    const scattered = [...quote].map((c, i) => (i % 10 === 5 ? '#' : c)).join('');
    const edited = text.slice(0, span.start) + scattered + text.slice(span.end);
    const match = reanchor(edited, anchor);
    expect(match).toMatchObject({ status: 'fuzzy', start: span.start, end: span.end });
    if (match.status !== 'orphaned') expect(match.score).toBeCloseTo(0.6 * 0.9 + 0.4, 2);
  });
});

describe('reanchor: orphaned', () => {
  it('orphans a claim whose passage was deleted', () => {
    const paragraph = en.slice(at(en, '"This should not worry anyone'), at(en, 'Conflicting information'));
    const anchor = anchorOn(
      en,
      'This should not worry anyone, because this cooperation is not directed against third countries',
    );
    expect(reanchor(en.replace(paragraph, ''), anchor)).toEqual({ status: 'orphaned' });
  });

  it('orphans a short quote that is gone, and a quote rewritten beyond a quarter of its length', () => {
    const anchor = anchorOn(en, 'Peskov');
    expect(reanchor(en.replaceAll('Peskov', 'the spokesman'), anchor)).toEqual({ status: 'orphaned' });
    const long = anchorOn(en, 'so it should not cause concern');
    const rewritten = en.replace('so it should not cause concern', 'hence nobody need be alarmed');
    expect(reanchor(rewritten, long)).toEqual({ status: 'orphaned' });
  });

  it('matches a near-duplicate elsewhere instead, with a low score, when one is within a quarter', () => {
    const anchor = anchorOn(en, 'not directed against other countries');
    const edited = en.replace('not directed against other countries', 'no threat to any nation at all');
    const match = reanchor(edited, anchor);
    expect(found(edited, match)).toBe('not directed against third countries');
    if (match.status !== 'orphaned') expect(match.score).toBeLessThan(0.75);
  });

  it('orphans an empty quote and any quote in an empty text', () => {
    expect(reanchor(en, { start: 3, end: 3, exact: '', prefix: '', suffix: '' })).toEqual({
      status: 'orphaned',
    });
    expect(reanchor('', anchorOn(en, 'Peskov'))).toEqual({ status: 'orphaned' });
  });

  it('orphans a 2,000-character quote whose passage was deleted from a 200,000-character text', () => {
    const text = randomText(200_000, 3);
    const span = snapToWords(text, 120_000, 122_000)!;
    const anchor = createAnchor(text, span.start, span.end);
    expect(reanchor(text.slice(0, span.start) + text.slice(span.end), anchor)).toEqual({
      status: 'orphaned',
    });
  });
});

describe('reanchor: performance sanity', () => {
  it('handles a 200,000-character text with short and 2,000-character quotes quickly', () => {
    const text = randomText(200_000, 5);
    const long = snapToWords(text, 150_000, 152_000)!;
    const short = snapToWords(text, 80_000, 80_060)!;
    const anchors = [createAnchor(text, long.start, long.end), createAnchor(text, short.start, short.end)];
    const edited =
      randomText(5_000, 6) +
      text.slice(0, 80_010) +
      'EDIT' +
      text.slice(80_014, 151_000) +
      'EDIT' +
      text.slice(151_004);
    const gone = text.slice(0, 79_000) + text.slice(153_000);
    const started = performance.now();
    const results = [edited, gone].flatMap((t) => anchors.map((a) => reanchor(t, a)));
    const elapsed = performance.now() - started;
    expect(results.map((r) => r.status)).toEqual(['fuzzy', 'fuzzy', 'orphaned', 'orphaned']);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('reanchor: random edits around emoji, marks and mixed scripts', () => {
  it('always returns a grapheme-safe span in range, and keeps quotes untouched by the edit exact', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    const pieces = [
      'claim',
      'the',
      '👍🏽',
      '👨‍👩‍👧',
      '🇰🇷',
      'x\u0323\u0301',
      '한국어',
      'سنويًا',
      'Мы',
      '35%',
      ' ',
      ' ',
      ', ',
      '.\n\n',
    ];
    const words = (length: number): string => {
      let out = '';
      while (out.length < length) out += pieces[random(pieces.length)];
      return out;
    };
    const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    let fuzzy = 0;
    for (let round = 0; round < 300; round++) {
      const text = words(200 + random(200));
      const span = snapToWords(text, random(text.length), random(text.length));
      if (!span) continue;
      const anchor = createAnchor(text, span.start, span.end);
      const at = random(text.length);
      const edited = text.slice(0, at) + words(random(6)) + text.slice(at + random(6));
      const match = reanchor(edited, anchor);
      if (match.status === 'orphaned') continue;
      const boundaries = new Set([edited.length, ...[...graphemes.segment(edited)].map((g) => g.index)]);
      expect(boundaries.has(match.start) && boundaries.has(match.end)).toBe(true);
      expect(0 <= match.start && match.start < match.end && match.end <= edited.length).toBe(true);
      expect(match.score >= 0 && match.score <= 1).toBe(true);
      if (match.status === 'fuzzy') fuzzy++;
      // An edit wholly before or after the quote (not touching its context) leaves it exact.
      if (at + 6 < anchor.start - 32 || at > anchor.end + 32) {
        expect(match.status).toBe('exact');
        expect(edited.slice(match.start, match.end)).toBe(anchor.exact);
      }
    }
    expect(fuzzy).toBeGreaterThan(10);
  });
});

describe('reanchor: fixture articles', () => {
  const names = [...ARTICLE_NAMES];

  it('has the four fixture languages', () => {
    expect(names.sort()).toEqual([
      'ar-sample-water.txt',
      'en-tass-2024-10-21-peskov-dprk.txt',
      'ko-sample-energy.txt',
      'ru-sample-budget.txt',
    ]);
  });

  for (const name of names) {
    it(`re-anchors every sentence of ${name} after edits`, () => {
      const text = fixture(name);
      // Sentences of some length, as a fact-checker would mark them (selected a little sloppily).
      const sentences = [...text.matchAll(/[^.!?\n]{40,}[.!?]/gu)];
      expect(sentences.length).toBeGreaterThanOrEqual(3);
      for (const sentence of sentences) {
        const span = snapToWords(text, sentence.index + 1, sentence.index + sentence[0].length - 1)!;
        const anchor = createAnchor(text, span.start, span.end);
        const { start, end } = anchor;

        expect(reanchor(text, anchor)).toEqual({ status: 'exact', start, end, score: 1 });

        const lead = 'Correction appended.\n\n';
        expect(reanchor(lead + text, anchor)).toMatchObject({ status: 'exact', start: start + lead.length });

        // A one-character typo fix in the middle of the quote.
        const cut = start + Math.floor((end - start) / 2);
        const typo = text.slice(0, cut) + text.slice(cut + 1);
        expect(reanchor(typo, anchor)).toMatchObject({ status: 'fuzzy', start, end: end - 1 });

        expect(reanchor(text.slice(0, start) + text.slice(end), anchor)).toEqual({ status: 'orphaned' });
      }
    });
  }
});
