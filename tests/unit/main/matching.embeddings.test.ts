import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../../main/search/analyzer';
import { dot, embeddings, meanCosine, meanVector } from '../../../main/matching/embeddings';
import { featuresOf, FEATURE_NAMES, profileOf } from '../../../main/matching/features';
import { createMatcher } from '../../../main/matching/matcher';
import { queryProfilesOf } from '../../../main/matching/rerank';
import { synonymsOf } from '../../../main/matching/synonyms';

const table = embeddings();
const vector = (word: string) => {
  const found = table.vectorOf(searchTerms(word)[0]!);
  if (!found) throw new Error(`no vector for ${word}`);
  return found;
};
const sameIdf = () => 1;
const textCosine = (a: string, b: string) =>
  meanCosine(meanVector(searchTerms(a), sameIdf, table), meanVector(searchTerms(b), sameIdf, table));

describe('the matcher\'s word vectors', () => {
  it('knows everyday words by their analyzer terms, with unit vectors', () => {
    expect(table.dimensions).toBe(100);
    const wedding = vector('wedding');
    expect(dot(wedding, wedding)).toBeCloseTo(1, 5);
    expect(table.vectorOf('zzzqxv')).toBeUndefined();
  });

  it('puts words of one subject closer than words that only share a form', () => {
    expect(dot(vector('wedding'), vector('engagement'))).toBeGreaterThan(dot(vector('wedding'), vector('boxing')));
    expect(dot(vector('toddler'), vector('child'))).toBeGreaterThan(dot(vector('toddler'), vector('senate')));
    expect(textCosine('a wedding ring', 'an engagement ring')).toBeGreaterThan(textCosine('a wedding ring', 'a boxing ring'));
  });

  it('counts a query word as covered when the candidate says it with a word close in meaning', () => {
    const covered = FEATURE_NAMES.indexOf('meaningCovered');
    const query = queryProfilesOf('Her wedding ring was stolen');
    const candidate = (text: string) => ({ main: profileOf(text), extra: profileOf(''), firstStage: 1, bestFirstStage: 1, bodyFirstStage: 1, bestBodyFirstStage: 1 });
    const close = featuresOf(query, candidate('A marriage ring was stolen'), sameIdf, synonymsOf, table)[covered]!;
    const far = featuresOf(query, candidate('A boxing ring was stolen'), sameIdf, synonymsOf, table)[covered]!;
    expect(close).toBeGreaterThan(0);
    expect(far).toBe(0);
  });

  it('gives a word only loosely close in meaning the looser share alone', () => {
    const strict = FEATURE_NAMES.indexOf('meaningCovered');
    const loose = FEATURE_NAMES.indexOf('meaningCoveredLoosely');
    const query = queryProfilesOf('Her wedding ring was stolen');
    const candidate = (text: string) => ({ main: profileOf(text), extra: profileOf(''), firstStage: 1, bestFirstStage: 1, bodyFirstStage: 1, bestBodyFirstStage: 1 });
    // "honeymoon" is about weddings, but at a cosine (about 0.5) below the strict bar.
    const related = featuresOf(query, candidate('A honeymoon ring was stolen'), sameIdf, synonymsOf, table);
    const far = featuresOf(query, candidate('A boxing ring was stolen'), sameIdf, synonymsOf, table);
    expect(related[strict]).toBe(0);
    expect(related[loose]).toBeGreaterThan(0);
    expect(related[loose]).toBeGreaterThan(far[loose]!);
  });

  it('ranks the check about the same subject first when the words differ', () => {
    const matcher = createMatcher([
      // Alike to BM25 (one shared word, same length); the first in the corpus wins a tie.
      { id: 'boxing', main: 'A boxing ring was found.', extra: '' },
      { id: 'wedding', main: 'A bride ring was found.', extra: '' },
    ]);
    expect(matcher.search('She lost her wedding ring', 2)[0]!.id).toBe('wedding');
  });
});
