import { wordSpans } from '../search/analyzer';
import { dot, meanCosine, meanVector, type Embeddings } from './embeddings';
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
  'meaningExtra',
  'meaningCovered',
  'meaningCoveredLoosely',
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

/** A cosine below this says little: most word pairs of one language reach 0.2–0.4. */
export const SOFT_MATCH_MIN_COSINE = 0.55;
/**
 * A looser bar, counted apart with a smaller weight: pairs at 0.45–0.55 are more often related only
 * by topic, but a little credit for them ranked better than none (train 5-fold CV).
 */
export const LOOSE_MATCH_MIN_COSINE = 0.45;

/** Mean vectors are made once per profile and idf (a candidate is compared with many queries). */
const means = new WeakMap<IdfLookup, WeakMap<TextProfile, Float64Array | null>>();
function meanOf(profile: TextProfile, idf: IdfLookup, table: Embeddings): Float64Array | null {
  let byProfile = means.get(idf);
  if (!byProfile) means.set(idf, (byProfile = new WeakMap()));
  let mean = byProfile.get(profile);
  if (mean === undefined) byProfile.set(profile, (mean = meanVector(profile.terms, idf, table)));
  return mean;
}

/** A profile's term vectors, once per profile (a candidate is compared with many queries). */
const termVectors = new WeakMap<TextProfile, Float32Array[]>();
function vectorsOf(profile: TextProfile, table: Embeddings): Float32Array[] {
  let vectors = termVectors.get(profile);
  if (!vectors) termVectors.set(profile, (vectors = [...profile.terms].flatMap((term) => table.vectorOf(term) ?? [])));
  return vectors;
}

/**
 * The share of the query's rare vocabulary the candidate does not use but says with a word close
 * in meaning ("toddler" for "kid"): each such query word counts by its closest candidate word's
 * cosine, when that reaches SOFT_MATCH_MIN_COSINE; and the same share at LOOSE_MATCH_MIN_COSINE.
 */
function meaningShares(query: ReadonlySet<string>, within: ReadonlySet<string>, candidateVectors: readonly Float32Array[], idf: IdfLookup, table: Embeddings): [strict: number, loose: number] {
  let total = 0;
  let covered = 0;
  let coveredLoosely = 0;
  for (const term of query) {
    const weight = idf(term);
    total += weight;
    if (within.has(term)) continue;
    const vector = table.vectorOf(term);
    if (!vector) continue;
    let best = 0;
    for (const other of candidateVectors) best = Math.max(best, dot(vector, other));
    if (best >= SOFT_MATCH_MIN_COSINE) covered += weight * best;
    if (best >= LOOSE_MATCH_MIN_COSINE) coveredLoosely += weight * best;
  }
  return total === 0 ? [0, 0] : [covered / total, coveredLoosely / total];
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

export function featuresOf(queryProfiles: QueryProfiles, candidate: Candidate, idf: IdfLookup, synonyms: SynonymLookup, table: Embeddings): FeatureVector {
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
  const [meaningCovered, meaningCoveredLoosely] = meaningShares(query.terms, allTerms, [...vectorsOf(main, table), ...vectorsOf(extra, table)], idf, table);
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
    meanCosine(meanOf(query, idf, table), meanOf(extra, idf, table)),
    meaningCovered,
    meaningCoveredLoosely,
  );
}
