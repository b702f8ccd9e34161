import { FEATURE_NAMES, featuresOf, profileOf, type QueryProfiles, type TextProfile } from './features';
import { embeddings } from './embeddings';
import { cleanQueryText, withoutSignature } from './queryText';
import { synonymsOf } from './synonyms';
import type { IdfLookup } from './types';

/**
 * The re-ranker: a weighted sum of the features of ./features.ts over the first stage's best
 * candidates. The weights were tuned by coordinate ascent on MAP@5 of the CheckThat! 2020 train
 * tweets only (`npm run bench -- matching` prints train and dev beside plain BM25; 5-fold
 * cross-validation on train chose the features); what matters most is how much of the query's
 * rare vocabulary the candidate covers, then what it says with words close in meaning (word
 * vectors: dev MAP@5 0.8115 → 0.8263; the same at a looser cosine bar besides → 0.8291), synonyms and the post without its signature line. The
 * query's mean vector against the claim's took no weight once the title's and the soft coverage
 * were in, so it is not computed.
 */
export const RERANK_WEIGHTS: Record<(typeof FEATURE_NAMES)[number], number> = {
  firstStage: 1,
  mainCovered: 0.45,
  extraCovered: 0.05,
  queryCovered: 1.65,
  phrases: -0.25,
  numbersShared: 0.15,
  queryNamesCovered: 0.7,
  synonymsCovered: 0.4,
  bodyFirstStage: 0.25,
  bodyNamesCovered: 0.05,
  meaningExtra: 0.15,
  meaningCovered: 2.2,
  meaningCoveredLoosely: 0.5,
};
const WEIGHTS = FEATURE_NAMES.map((name) => RERANK_WEIGHTS[name]);

export interface RerankInput<T> {
  item: T;
  main: TextProfile;
  extra: TextProfile;
  firstStage: number;
  /** The first stage's score for the query without its signature line (default: firstStage). */
  bodyFirstStage?: number;
}

/** The profiles the re-ranker compares a query text by (a claim has no signature: body = whole). */
export function queryProfilesOf(text: string): QueryProfiles {
  const whole = profileOf(cleanQueryText(text));
  const bodyText = withoutSignature(text);
  return { whole, body: bodyText === text ? whole : profileOf(cleanQueryText(bodyText)) };
}

/** The candidates in their new order with their new scores, best first. */
export function rerank<T>(query: QueryProfiles, candidates: readonly RerankInput<T>[], idf: IdfLookup): Array<{ item: T; score: number }> {
  const table = embeddings();
  const bestFirstStage = candidates.reduce((best, candidate) => Math.max(best, candidate.firstStage), 0);
  const bestBodyFirstStage = candidates.reduce((best, candidate) => Math.max(best, candidate.bodyFirstStage ?? candidate.firstStage), 0);
  return candidates
    .map((candidate, order) => {
      const stages = { bestFirstStage, bodyFirstStage: candidate.bodyFirstStage ?? candidate.firstStage, bestBodyFirstStage };
      const features = featuresOf(query, { ...candidate, ...stages }, idf, synonymsOf, table);
      let score = 0;
      for (let i = 0; i < WEIGHTS.length; i++) score += WEIGHTS[i]! * features[i]!;
      return { item: candidate.item, score, order };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score }) => ({ item, score }));
}
