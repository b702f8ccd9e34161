import { FEATURE_NAMES, featuresOf, type TextProfile } from './features';
import type { IdfLookup } from './types';

/**
 * The re-ranker: a weighted sum of the features of ./features.ts over the first stage's best
 * candidates. The weights were tuned by coordinate ascent on MAP@5 of the CheckThat! 2020 train
 * tweets only (`npm run bench -- matching` prints train and dev beside plain BM25); what matters
 * most is how much of the query's rare vocabulary the candidate covers.
 */
export const RERANK_WEIGHTS: Record<(typeof FEATURE_NAMES)[number], number> = {
  firstStage: 1,
  mainCovered: 0.35,
  extraCovered: -0.1,
  queryCovered: 1.95,
  phrases: 0.1,
  numbersShared: 0.35,
  queryNamesCovered: 0.5,
};
const WEIGHTS = FEATURE_NAMES.map((name) => RERANK_WEIGHTS[name]);

export interface RerankInput<T> {
  item: T;
  main: TextProfile;
  extra: TextProfile;
  firstStage: number;
}

/** The candidates in their new order with their new scores, best first. */
export function rerank<T>(query: TextProfile, candidates: readonly RerankInput<T>[], idf: IdfLookup): Array<{ item: T; score: number }> {
  const bestFirstStage = candidates.reduce((best, candidate) => Math.max(best, candidate.firstStage), 0);
  return candidates
    .map((candidate, order) => {
      const features = featuresOf(query, { ...candidate, bestFirstStage }, idf);
      let score = 0;
      for (let i = 0; i < WEIGHTS.length; i++) score += WEIGHTS[i]! * features[i]!;
      return { item: candidate.item, score, order };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score }) => ({ item, score }));
}
