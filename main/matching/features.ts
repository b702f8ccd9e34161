import { wordSpans } from '../search/analyzer';
import type { SynonymLookup } from './synonyms';
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
  'synonymsCovered',
  'bodyFirstStage',
  'bodyNamesCovered',
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

/**
 * The share of the query's rare vocabulary the candidate does not use but says with a synonym
 * ("mum" for "mother"); a word of the query the candidate uses is not counted twice.
 */
function synonymShare(query: ReadonlySet<string>, within: ReadonlySet<string>, idf: IdfLookup, synonyms: SynonymLookup): number {
  let total = 0;
  let covered = 0;
  for (const term of query) {
    const weight = idf(term);
    total += weight;
    if (within.has(term)) continue;
    const others = synonyms(term);
    if (!others) continue;
    for (const other of others) {
      if (within.has(other)) {
        covered += weight;
        break;
      }
    }
  }
  return total === 0 ? 0 : covered / total;
}

/** The query as a whole, and its body: the text without a quoted tweet's signature line. */
export interface QueryProfiles {
  whole: TextProfile;
  body: TextProfile;
}

export interface Candidate {
  main: TextProfile;
  extra: TextProfile;
  /** Its first-stage (BM25) score, and that of the best candidate. */
  firstStage: number;
  bestFirstStage: number;
  /** The same for the query's body alone. */
  bodyFirstStage: number;
  bestBodyFirstStage: number;
}

export function featuresOf(queryProfiles: QueryProfiles, candidate: Candidate, idf: IdfLookup, synonyms: SynonymLookup): FeatureVector {
  const query = queryProfiles.whole;
  const body = queryProfiles.body;
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
    synonymShare(query.terms, allTerms, idf, synonyms),
    candidate.bestBodyFirstStage > 0 ? candidate.bodyFirstStage / candidate.bestBodyFirstStage : 0,
    body.names.size === 0 ? 0.5 : coveredShare(body.names, allTerms, idf),
  );
}
