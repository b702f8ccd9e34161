import { describe, expect, it } from 'vitest';
import { findAll, foldForFind, foldWithOffsets } from '../../../shared/text/findFold';

const find = (text: string, query: string) =>
  findAll(foldWithOffsets(text), query).map(({ start, end }) => text.slice(start, end));

describe('foldForFind', () => {
  it('folds case and Latin diacritics', () => {
    expect(foldForFind('Café CRÈME Straße')).toBe('cafe creme strasse');
  });
  it('folds ё to е but keeps й', () => {
    expect(foldForFind('Ёлка и Йошкар-Ола')).toBe('елка и йошкар-ола');
  });
  it('removes Arabic harakat and tatweel and folds hamza and alef forms', () => {
    expect(foldForFind('أَحْمَد')).toBe('احمد');
    expect(foldForFind('إسلام آمن مسؤول شاطئ مصطفى مدرسة كـتاب')).toBe('اسلام امن مسوول شاطي مصطفي مدرسه كتاب');
  });
  it('leaves Hangul whole', () => {
    expect(foldForFind('원전')).toBe('원전');
  });
});

describe('findAll', () => {
  it('finds "cafe" in "café" and maps back to the original letters', () => {
    const text = 'Un café, deux CAFÉS, un cafe\u0301 décomposé.';
    expect(find(text, 'cafe')).toEqual(['café', 'CAFÉ', 'cafe\u0301']);
  });
  it('finds across ё/е and case in Russian', () => {
    expect(find('Всё ещё ВСЕ', 'все')).toEqual(['Всё', 'ВСЕ']);
    expect(find('Йод и иод', 'йод')).toEqual(['Йод']);
  });
  it('finds Arabic words whatever their harakat and hamza', () => {
    const text = 'قال الوزير إنّ الإنتاج سيتضاعف، وأكد أن الانتاج مستمر';
    expect(find(text, 'الانتاج')).toEqual(['الإنتاج', 'الانتاج']);
    expect(find(text, 'أن')).toContain('إنّ');
  });
  it('never matches half a grapheme', () => {
    // 가 is the start of 각 once Hangul is decomposed, and 👍 the start of 👍🏽: neither is a match.
    expect(find('각 가', '가')).toEqual(['가']);
    expect(find('👍🏽 👍', '👍')).toEqual(['👍']);
  });
  it('lets a space in the query match any run of white space, and ignores an empty query', () => {
    expect(find('North\n\nKorea and North  Korea', 'north korea')).toEqual(['North\n\nKorea', 'North  Korea']);
    expect(find('anything', '   ')).toEqual([]);
  });
  it('maps offsets in text that holds surrogate pairs and dropped characters', () => {
    const text = '𝐀 كـتاب café';
    const [match] = findAll(foldWithOffsets(text), 'cafe');
    expect(text.slice(match!.start, match!.end)).toBe('café');
    expect(find(text, 'كتاب')).toEqual(['كـتاب']);
  });
});
