import { wordSpans } from '../search/analyzer';
import type { IdfLookup } from './types';

/**
 * What the re-ranker compares: for the query and each candidate, the terms, their adjacent pairs
 * (phrases), the numbers and the names (capitalised words not opening a sentence), each weighed by
 * how rare the term is.
 */
export interface TextProfile {
  terms: Set<string>;
  pairs: Set<string>;
  numbers: Set<string>;
  names: Set<string>;
}

const NUMBER = /^\p{N}+$/u;
const CAPITAL = /^\p{Lu}/u;
const SENTENCE_END = /[.!?:;"“”‘’'()\n]\s*$/u;

export function profileOf(text: string): TextProfile {
  const profile: TextProfile = { terms: new Set(), pairs: new Set(), numbers: new Set(), names: new Set() };
  let previous: string | null = null;
  let previousEnd = 0;
  for (const span of wordSpans(text)) {
    const between = text.slice(previousEnd, span.start);
    // A phrase does not run across a sentence or clause end.
    if (/[.!?;:,()\n]/u.test(between)) previous = null;
    const opensSentence = previousEnd === 0 || SENTENCE_END.test(text.slice(Math.max(0, span.start - 3), span.start));
    const isName = !opensSentence && CAPITAL.test(text.slice(span.start, span.end));
    for (const term of span.terms) {
      profile.terms.add(term);
      if (NUMBER.test(term)) profile.numbers.add(term);
      if (isName) profile.names.add(term);
      if (previous !== null) profile.pairs.add(`${previous} ${term}`);
      previous = term;
    }
    previousEnd = span.end;
  }
  return profile;
}

/** The feature names, in the order of the vectors `featuresOf` returns. */
export const FEATURE_NAMES = [
  'firstStage',
  'mainCovered',
  'extraCovered',
  'queryCovered',
  'phrases',
  'numbersShared',
  'queryNamesCovered',
] as const;
export type FeatureVector = Float64Array;

function idfMass(terms: Iterable<string>, idf: IdfLookup, only?: ReadonlySet<string>): number {
  let mass = 0;
  for (const term of terms) if (!only || only.has(term)) mass += idf(term);
  return mass;
}

function coveredShare(terms: ReadonlySet<string>, within: ReadonlySet<string>, idf: IdfLookup): number {
  const total = idfMass(terms, idf);
  return total === 0 ? 0 : idfMass(terms, idf, within) / total;
}

export interface Candidate {
  main: TextProfile;
  extra: TextProfile;
  /** Its first-stage (BM25) score, and that of the best candidate. */
  firstStage: number;
  bestFirstStage: number;
}

export function featuresOf(query: TextProfile, candidate: Candidate, idf: IdfLookup): FeatureVector {
  const { main, extra } = candidate;
  const allTerms = new Set([...main.terms, ...extra.terms]);
  // A pair weighs as much as its commoner word, so "of the" counts for little.
  let sharedPairs = 0;
  let pairMass = 0;
  for (const pair of main.pairs) {
    const [a = '', b = ''] = pair.split(' ');
    const weight = Math.min(idf(a), idf(b));
    pairMass += weight;
    if (query.pairs.has(pair)) sharedPairs += weight;
  }
  const docNumbers = new Set([...main.numbers, ...extra.numbers]);
  let numbersShared = 0;
  for (const number of docNumbers) if (query.terms.has(number)) numbersShared++;
  return Float64Array.of(
    candidate.bestFirstStage > 0 ? candidate.firstStage / candidate.bestFirstStage : 0,
    coveredShare(main.terms, query.terms, idf),
    coveredShare(extra.terms, query.terms, idf),
    coveredShare(query.terms, allTerms, idf),
    pairMass === 0 ? 0 : sharedPairs / pairMass,
    Math.min(numbersShared, 3) / 3,
    query.names.size === 0 ? 0.5 : coveredShare(query.names, allTerms, idf),
  );
}
