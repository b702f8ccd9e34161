/**
 * The Arabic normalisation search engines use, shared by the library search (main/search/analyzer.ts)
 * and Find in the article (./findFold.ts): harakat, Quranic marks and tatweel removed; alef with
 * hamza or madda and alef wasla → ا, alef maqsura → ي, hamza on waw → و, on ya → ي, ta marbuta → ه.
 */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ARABIC_LETTERS: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ؤ': 'و',
  'ئ': 'ي',
  'ة': 'ه',
};
const ARABIC_LETTER_FORMS = /[أإآٱىؤئة]/g;

export function foldArabic(text: string): string {
  return text.replace(ARABIC_MARKS, '').replace(ARABIC_LETTER_FORMS, (letter) => ARABIC_LETTERS[letter] ?? letter);
}
