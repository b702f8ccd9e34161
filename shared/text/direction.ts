import type { TextDirection } from '../domain';

const RTL_CHAR = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
const LETTER = /\p{L}/u;

/**
 * Direction of a text by majority of strongly directional letters (not the first one: an Arabic
 * article that opens with a Latin agency name is still right-to-left).
 */
export function detectDirection(text: string): TextDirection {
  let rtl = 0;
  let ltr = 0;
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const char of sample) {
    if (RTL_CHAR.test(char)) rtl++;
    else if (LETTER.test(char)) ltr++;
  }
  return rtl > ltr ? 'rtl' : 'ltr';
}

/** A best guess of the language from its script, for the language field's default. */
export function guessLanguage(text: string): string {
  const sample = text.slice(0, 20_000);
  const counts: Record<string, number> = { ar: 0, he: 0, ru: 0, ko: 0, ja: 0, zh: 0, el: 0, latin: 0 };
  for (const char of sample) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x0600 && code <= 0x06ff) counts.ar!++;
    else if (code >= 0x0590 && code <= 0x05ff) counts.he!++;
    else if (code >= 0x0400 && code <= 0x04ff) counts.ru!++;
    else if (code >= 0xac00 && code <= 0xd7af) counts.ko!++;
    else if (code >= 0x3040 && code <= 0x30ff) counts.ja!++;
    else if (code >= 0x4e00 && code <= 0x9fff) counts.zh!++;
    else if (code >= 0x0370 && code <= 0x03ff) counts.el!++;
    else if (/[A-Za-z]/.test(char)) counts.latin!++;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  if (count === 0) return '';
  // Latin script alone cannot tell English from French; English is the likeliest guess here.
  return best === 'latin' ? 'en' : best;
}
