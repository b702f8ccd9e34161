/**
 * The quote in its context: the sentence (or sentences) of the article around a claim's anchor,
 * so an editor reads the claim the way the reader of the article did.
 */
export interface QuoteContext {
  /** False when the anchor no longer matches the text (an orphaned claim): only the quote is known. */
  found: boolean;
  before: string;
  quote: string;
  after: string;
  /** The context was cut short of the sentence start/end (it was longer than the limit). */
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface ContextOptions {
  /** Most characters of context on each side of the quote. */
  maxChars?: number;
}

const TERMINATORS = '.!?…؟。！？';
const CLOSERS = '"\'”’»)]」』›';
const CJK_TERMINATORS = '。！？';
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'prof',
  'jr',
  'sr',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'fig',
  'p',
  'pp',
  'vol',
  'ed',
]);

const isSpace = (char: string | undefined) => char !== undefined && /\s/u.test(char);
const isLower = (char: string | undefined) => char !== undefined && /\p{Ll}/u.test(char);

/**
 * Is there a sentence break right after `index` (the last character of a terminator run plus closers)?
 * Returns the position after the terminator/closers (the sentence end) or -1.
 */
function sentenceEndAt(text: string, index: number): number {
  const char = text[index];
  if (char === undefined) return -1;
  // Walk back over closing quotes/brackets to the terminator.
  let cursor = index;
  while (cursor >= 0 && CLOSERS.includes(text[cursor]!)) cursor--;
  if (cursor < 0 || !TERMINATORS.includes(text[cursor]!)) return -1;
  const next = text[index + 1];
  const cjk = CJK_TERMINATORS.includes(text[cursor]!);
  if (!cjk && next !== undefined && !isSpace(next)) return -1;
  // The first visible character after the break must not be lower case ("e.g. this", "U.S. officials").
  let after = index + 1;
  while (after < text.length && isSpace(text[after]) && text[after] !== '\n') after++;
  if (text[after] !== '\n' && isLower(text[after])) return -1;
  if (text[cursor] === '.') {
    // "J. Smith", "U.S.", "Gen. Austin": an initial or a known abbreviation is not a sentence end.
    let wordStart = cursor;
    while (wordStart > 0 && /[\p{L}.]/u.test(text[wordStart - 1]!)) wordStart--;
    const word = text.slice(wordStart, cursor);
    if (/^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase()))
      return -1;
  }
  return index + 1;
}

/** Moves a cut point off the low half of a surrogate pair and off a combining mark. */
function safeCut(text: string, index: number, direction: -1 | 1): number {
  let cut = Math.max(0, Math.min(text.length, index));
  const code = text.charCodeAt(cut);
  if (cut > 0 && cut < text.length && code >= 0xdc00 && code <= 0xdfff) cut += direction;
  while (cut > 0 && cut < text.length && /\p{M}/u.test(text[cut]!)) cut += direction;
  return Math.max(0, Math.min(text.length, cut));
}

export function quoteInContext(
  text: string,
  anchor: { start: number; end: number; exact: string },
  options: ContextOptions = {},
): QuoteContext {
  const maxChars = options.maxChars ?? 320;
  const { start, end, exact } = anchor;
  if (!(start >= 0 && end > start && end <= text.length) || text.slice(start, end) !== exact) {
    return { found: false, before: '', quote: exact, after: '', clippedStart: false, clippedEnd: false };
  }

  // Back from the quote to the start of its sentence (or the paragraph).
  const low = Math.max(0, start - maxChars);
  let sentenceStart = -1;
  for (let i = start - 1; i >= low; i--) {
    if (text[i] === '\n') {
      sentenceStart = i + 1;
      break;
    }
    if (sentenceEndAt(text, i) !== -1) {
      sentenceStart = i + 1;
      while (sentenceStart < start && isSpace(text[sentenceStart])) sentenceStart++;
      break;
    }
  }
  let clippedStart = false;
  if (sentenceStart === -1) {
    if (low === 0) sentenceStart = 0;
    else {
      // Too long: begin at a word boundary inside the window.
      const space = text.slice(low, start).search(/\s/u);
      sentenceStart = space === -1 ? safeCut(text, low, 1) : low + space + 1;
      clippedStart = true;
    }
  }

  // Forward from the quote to the end of its sentence. A quote that ends with its own full stop ends there.
  const high = Math.min(text.length, end + maxChars);
  let sentenceEnd = -1;
  let from = end - 1;
  while (from > start && (CLOSERS + TERMINATORS).includes(text[from]!)) from--;
  for (let i = Math.max(from, start); i < high; i++) {
    if (i >= end && text[i] === '\n') {
      sentenceEnd = i;
      break;
    }
    const stop = sentenceEndAt(text, i);
    if (stop !== -1 && stop >= end) {
      // Take the whole run of closers after the terminator ("…concern," Peskov said. → stops after the quote mark).
      let close = stop;
      while (close < text.length && CLOSERS.includes(text[close]!)) close++;
      sentenceEnd = close;
      break;
    }
  }
  let clippedEnd = false;
  if (sentenceEnd === -1) {
    if (high === text.length) sentenceEnd = text.length;
    else {
      const window = text.slice(end, high);
      const lastSpace = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\u3000'));
      sentenceEnd = lastSpace > 0 ? end + lastSpace : safeCut(text, high, -1);
      clippedEnd = true;
    }
  }

  return {
    found: true,
    before: text.slice(sentenceStart, start),
    quote: exact,
    after: text.slice(end, sentenceEnd).replace(/\s+$/u, ''),
    clippedStart,
    clippedEnd,
  };
}
