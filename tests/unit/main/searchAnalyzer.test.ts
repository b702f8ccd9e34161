import { describe, expect, it } from 'vitest';
import { foldText, matchedSpans, searchTerms } from '../../../main/search/analyzer';

const shareTerm = (a: string, b: string) => {
  const left = new Set(searchTerms(a));
  return searchTerms(b).some((term) => left.has(term));
};

describe('search terms', () => {
  it('folds case and diacritics of Latin and Cyrillic letters, and ß', () => {
    expect(foldText('Über STRASSE Straße Café Ёлка')).toBe('uber strasse strasse cafe елка');
  });

  it('stems English and Russian words, so inflected forms meet', () => {
    expect(searchTerms('claims claimed claiming')).toEqual(['claim', 'claim', 'claim']);
    expect(shareTerm('сотрудничество', 'сотрудничества')).toBe(true);
    expect(shareTerm('Северная Корея', 'с Северной Кореей')).toBe(true);
  });

  it('normalises Arabic: alef and hamza forms, ta marbuta, alef maqsura, tatweel and harakat', () => {
    expect(foldText('أحمد إسلام آمن ٱلله')).toBe('احمد اسلام امن الله');
    expect(foldText('مدرسة مستشفى مسؤول شاطئ')).toBe('مدرسه مستشفي مسوول شاطي');
    expect(foldText('السّلامُ ـــعليكم')).toBe('السلام عليكم');
    // The same word with and without harakat, hamza and tatweel is the same term.
    expect(searchTerms('أُعلِنَ التعاونُ')).toEqual(searchTerms('اعلن التعاون'));
    expect(shareTerm('الكرملين', 'كرملين')).toBe(true);
  });

  it('splits Korean words into two-syllable terms, so a stem meets its form with a particle', () => {
    expect(searchTerms('북한은')).toEqual(['북한', '한은']);
    expect(shareTerm('북한', '북한은 우리의 가까운 이웃이다')).toBe(true);
    expect(shareTerm('남한', '북한은')).toBe(false);
  });

  it('keeps numbers apart: grouped thousands are one number, a decimal is not a bigger number', () => {
    expect(searchTerms('3,000 3.000')).toEqual(['3000', '3000']);
    expect(searchTerms('3.5')).toEqual(['3', '5']);
    expect(searchTerms('U.S. COVID-19')).toEqual(['us', 'covid', '19']);
  });

  it('finds where the matched words are in the text as written', () => {
    const text = 'North Korea CLAIMS it, and Сотрудничество';
    const spans = matchedSpans(text, new Set(searchTerms('claim сотрудничества')));
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual(['CLAIMS', 'Сотрудничество']);
    expect(matchedSpans(text, new Set())).toEqual([]);
  });

  it('never throws on odd input', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('"*" NEAR( OR ) (((')).toEqual(['near', 'or']);
    expect(searchTerms('\ud800 lone surrogate')).toEqual(['lone', 'surrog']);
  });
});
