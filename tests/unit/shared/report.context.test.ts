import { describe, expect, it } from 'vitest';
import { quoteInContext } from '../../../shared/report/context';
import { readFixture } from './reportSample';

const TASS = readFixture('en-tass-2024-10-21-peskov-dprk.txt');
const AR = readFixture('ar-sample-water.txt');
const KO = readFixture('ko-sample-energy.txt');

function at(text: string, quote: string) {
  const start = text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return quoteInContext(text, { start, end: start + quote.length, exact: quote });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('quoteInContext', () => {
  it('gives the sentence around a quote in the middle of it', () => {
    const context = at(TASS, 'the Pentagon says they have no confirmation of such statements');
    expect(context.found).toBe(true);
    expect(context.before).toBe(
      '"We see a lot of contradictory information: the South Koreans claim one thing, then ',
    );
    expect(context.after).toBe('.');
  });

  it('starts after the previous sentence (the dateline) and ends with the sentence', () => {
    const context = at(
      TASS,
      'Cooperation between Russia and North Korea is not directed against other countries',
    );
    expect(context.before).toBe('');
    expect(context.after).toBe(
      ', so it should not cause concern, Kremlin Spokesman Dmitry Peskov told reporters.',
    );
  });

  it('keeps a quote that ends with its own full stop, and reads past a quotation that closes with a comma', () => {
    const context = at(TASS, 'calling such a hypothetical scenario a "serious escalation."');
    expect(context.before.startsWith('However, NATO Secretary General Mark Rutte')).toBe(true);
    expect(context.after).toBe('');
    const inner = at(TASS, 'This is our sovereign right');
    expect(inner.before).toBe('');
    expect(inner.after).toBe('," the spokesman emphasized.');
  });

  it('does not end a sentence at an initial, a known abbreviation or before a lower-case word', () => {
    const text =
      'Officials said so. The U.S. Defense Secretary Gen. Lloyd Austin met J. Smith on Monday. Next sentence.';
    const context = at(text, 'Lloyd Austin');
    expect(context.before).toBe('The U.S. Defense Secretary Gen. ');
    expect(context.after).toBe(' met J. Smith on Monday.');
    const lower = at('He said e.g. this is fine. Then he left.', 'this is fine');
    expect(lower.before).toBe('He said e.g. ');
  });

  it('stops at a paragraph break', () => {
    const context = at(TASS, 'Conflicting information');
    expect(context.before).toBe('');
    expect(context.after).toBe('');
  });

  it('works in Arabic and Korean text', () => {
    const arabic = at(AR, 'نصيب الفرد من المياه انخفض إلى أقل من 90 مترًا مكعبًا في السنة');
    expect(arabic.before).toBe('وأضاف الوزير أن ');
    expect(arabic.after).toBe('، وهو "من أدنى المعدلات في العالم".');
    const korean = at(KO, '원전 비중은 2022년 29.6%에서 꾸준히 늘고 있다');
    expect(korean.before).toBe('박민수 에너지정책실장은 기자회견에서 "');
    expect(korean.after.endsWith('말했다.')).toBe(true);
  });

  it('clips a very long sentence at word boundaries, and says so', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const text = `${words} QUOTE ${words}`;
    const context = at(text, 'QUOTE');
    expect(context.clippedStart).toBe(true);
    expect(context.clippedEnd).toBe(true);
    expect(context.before.length).toBeLessThanOrEqual(320);
    expect(context.after.length).toBeLessThanOrEqual(320);
    expect(context.before.startsWith('word')).toBe(true);
    expect(context.after.trimEnd().endsWith(' ')).toBe(false);
  });

  it('never splits a surrogate pair when it must cut text without spaces', () => {
    const emoji = '😀'.repeat(400);
    const context = at(`${emoji}X${emoji}`, 'X');
    expect(context.clippedStart && context.clippedEnd).toBe(true);
    expect(LONE_SURROGATE.test(context.before)).toBe(false);
    expect(LONE_SURROGATE.test(context.after)).toBe(false);
  });

  it('reports an anchor that no longer matches the text as not found, with the quote alone', () => {
    const context = quoteInContext(TASS, { start: 5, end: 20, exact: 'not what is there' });
    expect(context).toMatchObject({ found: false, quote: 'not what is there', before: '', after: '' });
    expect(quoteInContext('short', { start: 2, end: 50, exact: 'x' }).found).toBe(false);
  });
});
