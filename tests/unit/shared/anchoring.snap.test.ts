import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, createAnchor, snapToGraphemes, snapToWords } from '../../../shared/anchoring';
import { readArticle } from '../../support/fixtures';

/** A fixture article, normalized as on paste (NFC, \n line ends). */
function fixture(name: string): string {
  return readArticle(name).normalize('NFC').replace(/\r\n?/g, '\n');
}

/** The offset of `needle`, failing loudly if it is absent so that no test passes vacuously. */
function at(haystack: string, needle: string): number {
  const i = haystack.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${JSON.stringify(needle)}`);
  return i;
}

/** Every grapheme boundary, computed over the whole string: the reference the windowed code must agree with. */
function boundaries(text: string): Set<number> {
  const out = new Set<number>([text.length]);
  for (const { index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text))
    out.add(index);
  return out;
}

function words(text: string, start: number, end: number): string | null {
  const span = snapToWords(text, start, end);
  return span && text.slice(span.start, span.end);
}

const en = fixture('en-tass-2024-10-21-peskov-dprk.txt');
const ko = fixture('ko-sample-energy.txt');
const ar = fixture('ar-sample-water.txt');
const ru = fixture('ru-sample-budget.txt');

const EMOJI = 'Great news 👍🏽 for 👨‍👩‍👧 families in 🇰🇷 today';

describe('snapToWords', () => {
  it('expands a mid-word selection to whole words', () => {
    const s = at(en, 'Cooperation between Russia');
    // "ooperation between Rus"
    expect(words(en, s + 1, s + 'Cooperation between Rus'.length)).toBe('Cooperation between Russia');
  });

  it('trims spaces and punctuation at the edges, but keeps the % of a number', () => {
    const s = at(en, '"North Korea is our close neighbor,');
    expect(words(en, s - 1, s + '"North Korea is our close neighbor, '.length)).toBe(
      'North Korea is our close neighbor',
    );
    const k = at(ko, '35%를');
    expect(words(ko, k, k + 3)).toBe('35%');
  });

  it('returns null for an empty or whitespace-only selection', () => {
    const gap = at(en, '\n\n');
    expect(snapToWords(en, gap, gap + 2)).toBeNull();
    expect(snapToWords(en, 10, 10)).toBeNull();
    expect(snapToWords('a   \t  b', 1, 7)).toBeNull();
    expect(snapToWords('a \u3000\u00a0\u200b b', 1, 6)).toBeNull();
  });

  it('keeps a punctuation-only selection rather than returning nothing', () => {
    const text = 'Wait — what?';
    const dash = at(text, '—');
    expect(snapToWords(text, dash - 1, dash + 2)).toEqual({ start: dash, end: dash + 1 });
  });

  it('works across paragraphs', () => {
    const from = at(en, 'our sovereign right');
    const to = at(en, 'This should not worry anyone');
    const span = snapToWords(en, from + 5, to + 6); // "overeign … This s"
    expect(span).not.toBeNull();
    const text = en.slice(span!.start, span!.end);
    expect(text.startsWith('sovereign right')).toBe(true);
    expect(text.endsWith('This should')).toBe(true);
    expect(text).toContain('\n\n');
  });

  it('clamps out-of-range offsets and swaps start > end', () => {
    const text = 'alpha beta gamma';
    expect(snapToWords(text, -50, 3)).toEqual({ start: 0, end: 5 });
    expect(snapToWords(text, 1000, 13)).toEqual({ start: 11, end: 16 });
    expect(snapToWords(text, 8, 2)).toEqual({ start: 0, end: 10 });
  });

  it('snaps Hangul words, keeping the attached particle as the segmenter does', () => {
    const s = at(ko, '원자력이');
    expect(words(ko, s + 1, s + 2)).toBe('원자력이');
    const t = at(ko, '에너지정책실장은');
    expect(words(ko, t + 2, t + 6)).toBe('에너지정책실장은');
  });

  it('snaps Arabic words and keeps their combining marks', () => {
    const s = at(ar, 'سنويًا');
    // A selection ending between ي and the tanween (U+064B) after it.
    const mark = s + 'سنوي'.length;
    expect(ar[mark]).toBe('\u064b');
    expect(words(ar, s + 1, mark)).toBe('سنويًا');
    const w = at(ar, 'المياه المحلاة');
    expect(words(ar, w + 3, w + 10)).toBe('المياه المحلاة');
  });

  it('snaps Cyrillic words and drops the guillemets at the edges', () => {
    const s = at(ru, '«Мы впервые');
    expect(words(ru, s, s + '«Мы вперв'.length)).toBe('Мы впервые');
    const n = at(ru, '48,2 млрд');
    expect(words(ru, n + 1, n + 7)).toBe('48,2 млрд');
  });

  it('keeps emoji at the edges whole', () => {
    const thumb = at(EMOJI, '👍');
    // Start inside the thumb's surrogate pair, end inside the family's ZWJ sequence.
    const family = at(EMOJI, '👨');
    const span = snapToWords(EMOJI, thumb + 1, family + 3);
    expect(span).not.toBeNull();
    expect(EMOJI.slice(span!.start, span!.end)).toBe('👍🏽 for 👨‍👩‍👧');
    // End between the two regional indicators of the flag.
    const flag = at(EMOJI, '🇰🇷');
    expect(words(EMOJI, flag - 3, flag + 2)).toBe('in 🇰🇷');
  });

  it('returns edges on grapheme boundaries for every selection of a mixed-script string', () => {
    const text = `${EMOJI}\n\nZoe\u0301 x\u0323\u0301 é 한국어 사랑 한 سنويًا «Мы» 1,5%`;
    const ok = boundaries(text);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        const span = snapToWords(text, i, j);
        if (!span) {
          expect(text.slice(i, j).trim()).toBe('');
          continue;
        }
        expect(ok.has(span.start) && ok.has(span.end)).toBe(true);
        expect(span.start).toBeLessThan(span.end);
        expect(/^\s|\s$/u.test(text.slice(span.start, span.end))).toBe(false);
      }
    }
  });
});

describe('snapToGraphemes', () => {
  it('never splits surrogate pairs, ZWJ sequences, flags, or combining marks', () => {
    const text = `${EMOJI} cafe\u0301 한 سنويًا`;
    const ok = boundaries(text);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        const { start, end } = snapToGraphemes(text, i, j);
        expect(ok.has(start) && ok.has(end)).toBe(true);
        expect(start).toBeLessThanOrEqual(i);
        // An empty range stays empty (a caret); a non-empty one only grows.
        if (i === j) expect(end).toBe(start);
        else expect(end).toBeGreaterThanOrEqual(j);
      }
    }
  });

  it('widens to the whole cluster at each edge', () => {
    const text = 'cafe\u0301 👨‍👩‍👧!';
    const e = at(text, 'e\u0301');
    expect(snapToGraphemes(text, 0, e + 1)).toEqual({ start: 0, end: e + 2 });
    const family = at(text, '👨');
    expect(snapToGraphemes(text, family + 4, family + 5)).toEqual({ start: family, end: family + 8 });
  });

  it('does no word expansion, collapses empty ranges, clamps, and swaps', () => {
    expect(snapToGraphemes('alphabet', 2, 4)).toEqual({ start: 2, end: 4 });
    const text = 'x👍🏽y';
    expect(snapToGraphemes(text, 2, 2)).toEqual({ start: 1, end: 1 });
    expect(snapToGraphemes(text, 99, -5)).toEqual({ start: 0, end: text.length });
  });
});

describe('createAnchor', () => {
  it('stores the quote and up to CONTEXT_LENGTH characters of context on each side', () => {
    const q = 'Kremlin Spokesman Dmitry Peskov';
    const s = at(en, q);
    const anchor = createAnchor(en, s, s + q.length);
    expect(anchor).toEqual({
      start: s,
      end: s + q.length,
      exact: q,
      prefix: en.slice(s - CONTEXT_LENGTH, s),
      suffix: en.slice(s + q.length, s + q.length + CONTEXT_LENGTH),
    });
    expect(createAnchor(en, 0, 5).prefix).toBe('');
    expect(createAnchor(en, en.length - 5, en.length).suffix).toBe('');
  });

  it('cuts context on grapheme boundaries, never leaving half a surrogate pair', () => {
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
    const text = '👍🏽'.repeat(40) + ' claim text ' + '🇰🇷'.repeat(40);
    const s = at(text, 'claim');
    for (let shift = 0; shift < 4; shift++) {
      const anchor = createAnchor(text.slice(shift), s - shift, s - shift + 10);
      expect(lone.test(anchor.prefix) || lone.test(anchor.suffix)).toBe(false);
      expect(anchor.prefix.length).toBeLessThanOrEqual(CONTEXT_LENGTH);
      expect(anchor.prefix.length).toBeGreaterThan(CONTEXT_LENGTH - 8);
    }
    const anchor = createAnchor(text, s, s + 'claim text '.length + 1);
    expect(anchor.exact).toBe('claim text 🇰🇷');
  });
});
