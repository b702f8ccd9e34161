import { searchTerms } from '../search/analyzer';
import { Bm25Index, DEFAULT_BM25, idfOf, type Bm25Params } from './bm25Index';
import { profileOf, type TextProfile } from './features';
import { cleanQueryText, withoutSignature } from './queryText';
import { queryProfilesOf, rerank } from './rerank';
import type { MatchDocument, MatchResult } from './types';
import { reasonsFor } from './why';

/** How many first-stage candidates the re-ranker looks at. */
export const RERANK_DEPTH = 100;
/**
 * Shared terms are reasons a match is shown for when their idf reaches this share of the idf of a
 * term found once (in a corpus of 10,000: a term in fewer than about 1 document in 20).
 */
const REASON_IDF_SHARE = 0.34;
/**
 * Below this many documents, counts say little about which words are everyday ones (in a library
 * of ten claims on one subject, its key word is in all of them), so idf for reasons is taken as if
 * the corpus had this many.
 */
export const REASON_MIN_CORPUS = 1000;
export const reasonMinIdf = (): number => REASON_IDF_SHARE * idfOf(1, REASON_MIN_CORPUS * 10);
/** The idf a reason is judged by. */
export const reasonIdf = (documentFrequency: number, documents: number): number =>
  idfOf(documentFrequency, Math.max(documents, REASON_MIN_CORPUS));

export interface Matcher {
  readonly size: number;
  /** The `limit` documents most like the text, best first. */
  search(text: string, limit: number): MatchResult[];
}

export interface MatcherOptions {
  bm25?: Bm25Params;
  /** false: plain BM25 order (for comparison). */
  rerank?: boolean;
}

/** A matcher over a fixed corpus: BM25 finds candidates, the re-ranker orders them. */
export function createMatcher(documents: readonly MatchDocument[], options: MatcherOptions = {}): Matcher {
  const index = new Bm25Index(documents);
  const params = options.bm25 ?? DEFAULT_BM25;
  // Profiles are made when a document first becomes a candidate, then kept (up to a bound).
  const PROFILE_CACHE_LIMIT = 50_000;
  const profiles = new Map<number, { main: TextProfile; extra: TextProfile }>();
  const profile = (doc: number) => {
    let found = profiles.get(doc);
    if (found) return found;
    if (profiles.size >= PROFILE_CACHE_LIMIT) profiles.clear();
    profiles.set(doc, (found = { main: profileOf(documents[doc]!.main), extra: profileOf(documents[doc]!.extra) }));
    return found;
  };
  return {
    size: documents.length,
    search(text, limit) {
      const cleaned = cleanQueryText(text);
      const terms = searchTerms(cleaned);
      if (terms.length === 0) return [];
      const depth = options.rerank === false ? limit : Math.max(limit, RERANK_DEPTH);
      const found = index.search(terms, depth, params);
      let ranked: Array<{ item: number; score: number }>;
      if (options.rerank === false) ranked = found.map(([doc, score]) => ({ item: doc, score }));
      else {
        // A quoted tweet's signature line aside, the candidates' first-stage scores again.
        const body = withoutSignature(text);
        const bodyScores = body === text ? null : index.scoresOf(searchTerms(cleanQueryText(body)), found.map(([doc]) => doc), params);
        const candidates = found.map(([doc, score]) => ({ item: doc, firstStage: score, bodyFirstStage: bodyScores?.get(doc) ?? score, ...profile(doc) }));
        ranked = rerank(queryProfilesOf(text), candidates, index.idf);
      }
      const queryTerms = new Set(terms);
      const minIdf = reasonMinIdf();
      const idfForReasons = (term: string) => reasonIdf(index.documentFrequencyOf(term), documents.length);
      return ranked.slice(0, limit).map(({ item: doc, score }) => {
        const document = documents[doc]!;
        const { main, extra } = profile(doc);
        const documentTerms = new Set([...main.terms, ...extra.terms]);
        return {
          id: document.id,
          score,
          why: reasonsFor([document.main, document.extra], queryTerms, documentTerms, idfForReasons, minIdf),
        };
      });
    },
  };
}
