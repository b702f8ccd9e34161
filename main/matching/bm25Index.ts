import { searchTerms } from '../search/analyzer';
import type { MatchDocument } from './types';

/**
 * An in-memory BM25 index over analyzer terms, one per field (main and extra), so the two can be
 * weighed apart. Postings are typed arrays of document numbers and term counts; a query visits
 * only the postings of its own terms.
 */
export interface Bm25Params {
  k1: number;
  b: number;
  /** Weight of the extra field's BM25 beside the main field's (1). */
  extraWeight: number;
}

/** Tuned on the CheckThat! 2020 train tweets. */
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75, extraWeight: 0.8 };

/** BM25's idf (never below zero): terms in most documents weigh almost nothing. */
export function idfOf(documentFrequency: number, documents: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

interface FieldPostings {
  docs: Int32Array;
  counts: Uint16Array;
}

interface FieldIndex {
  postings: Map<number, FieldPostings>;
  lengths: Uint16Array;
  averageLength: number;
}

/** Terms of a text counted, in first-seen order. */
function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export class Bm25Index {
  readonly size: number;
  private readonly vocabulary = new Map<string, number>();
  /** Documents holding the term in either field. */
  private documentFrequency: Int32Array;
  private readonly fields: [FieldIndex, FieldIndex];

  constructor(documents: readonly MatchDocument[]) {
    this.size = documents.length;
    const building = [new Map<number, number[]>(), new Map<number, number[]>()];
    const lengths = [new Uint16Array(documents.length), new Uint16Array(documents.length)];
    const frequency: number[] = [];
    documents.forEach((document, docNumber) => {
      const seen = new Set<number>();
      [document.main, document.extra].forEach((text, field) => {
        const terms = searchTerms(text);
        lengths[field]![docNumber] = Math.min(terms.length, 65535);
        for (const [term, count] of countTerms(terms)) {
          const id = this.termId(term, true);
          let list = building[field]!.get(id);
          if (!list) building[field]!.set(id, (list = []));
          list.push(docNumber, count);
          if (!seen.has(id)) {
            seen.add(id);
            frequency[id] = (frequency[id] ?? 0) + 1;
          }
        }
      });
    });
    this.documentFrequency = Int32Array.from(frequency, (value) => value ?? 0);
    this.fields = [0, 1].map((field) => {
      const postings = new Map<number, FieldPostings>();
      for (const [id, flat] of building[field]!) {
        const docs = new Int32Array(flat.length / 2);
        const counts = new Uint16Array(flat.length / 2);
        for (let i = 0; i < docs.length; i++) {
          docs[i] = flat[2 * i]!;
          counts[i] = Math.min(flat[2 * i + 1]!, 65535);
        }
        postings.set(id, { docs, counts });
      }
      const total = lengths[field]!.reduce((sum, length) => sum + length, 0);
      return { postings, lengths: lengths[field]!, averageLength: total / Math.max(1, documents.length) };
    }) as [FieldIndex, FieldIndex];
  }

  private termId(term: string, add: boolean): number {
    let id = this.vocabulary.get(term);
    if (id === undefined && add) {
      id = this.vocabulary.size;
      this.vocabulary.set(term, id);
    }
    return id ?? -1;
  }

  /** How many documents hold the term (in either field). */
  documentFrequencyOf(term: string): number {
    const id = this.termId(term, false);
    return id < 0 ? 0 : this.documentFrequency[id]!;
  }

  idf = (term: string): number => idfOf(this.documentFrequencyOf(term), this.size);

  /** The `limit` best documents for the query terms by BM25 over both fields: [docNumber, score]. */
  search(queryTerms: readonly string[], limit: number, params: Bm25Params = DEFAULT_BM25): Array<[number, number]> {
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    this.accumulate(queryTerms, params, (doc, score) => {
      if (scores[doc] === 0) touched.push(doc);
      scores[doc]! += score;
    });
    return topOf(touched, scores, limit);
  }

  /** The BM25 scores of the given documents only (0 for one holding none of the terms). */
  scoresOf(queryTerms: readonly string[], docs: readonly number[], params: Bm25Params = DEFAULT_BM25): Map<number, number> {
    const scores = new Map<number, number>(docs.map((doc) => [doc, 0]));
    this.accumulate(queryTerms, params, (doc, score) => {
      const sum = scores.get(doc);
      if (sum !== undefined) scores.set(doc, sum + score);
    });
    return scores;
  }

  /** Hands each (document, score of one term in one field) of the query's postings to `add`. */
  private accumulate(queryTerms: readonly string[], params: Bm25Params, add: (doc: number, score: number) => void): void {
    for (const [term, queryCount] of countTerms(queryTerms)) {
      const id = this.termId(term, false);
      if (id < 0) continue;
      const idf = this.idf(term);
      this.fields.forEach((field, fieldNumber) => {
        const postings = field.postings.get(id);
        if (!postings) return;
        const weight = idf * (fieldNumber === 0 ? 1 : params.extraWeight) * Math.sqrt(queryCount);
        const { k1, b } = params;
        const norm = k1 * (1 - b);
        const perLength = (k1 * b) / (field.averageLength || 1);
        for (let i = 0; i < postings.docs.length; i++) {
          const doc = postings.docs[i]!;
          const tf = postings.counts[i]!;
          add(doc, (weight * tf * (k1 + 1)) / (tf + norm + perLength * field.lengths[doc]!));
        }
      });
    }
  }
}

/** The `limit` highest-scoring documents among those touched, best first (ties: lower number first). */
function topOf(touched: readonly number[], scores: Float64Array, limit: number): Array<[number, number]> {
  if (touched.length <= limit * 4) {
    return touched
      .map((doc): [number, number] => [doc, scores[doc]!])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit);
  }
  // Many candidates: keep a threshold from a sample instead of sorting them all.
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(touched.length / 2000));
  for (let i = 0; i < touched.length; i += step) sample.push(scores[touched[i]!]!);
  sample.sort((a, b) => b - a);
  const cutIndex = Math.min(sample.length - 1, Math.ceil(((limit * 3) / touched.length) * sample.length));
  let threshold = sample[cutIndex]!;
  let kept = touched.filter((doc) => scores[doc]! >= threshold);
  if (kept.length < limit) {
    threshold = -Infinity;
    kept = [...touched];
  }
  return kept
    .map((doc): [number, number] => [doc, scores[doc]!])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit);
}
