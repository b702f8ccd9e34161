/**
 * Ranking measures of the CheckThat! claim-retrieval task: MAP@5 (the official one: average
 * precision over the first five, divided by min(number relevant, 5)), MAP over the whole ranking,
 * MRR and P@1. Queries without any relevant document are left out, as trec_eval does.
 */
export type Qrels = Map<string, Set<string>>;
export type Run = Map<string, string[]>;

export interface RankingScores {
  queries: number;
  map5: number;
  map: number;
  mrr: number;
  p1: number;
}

export function averagePrecision(ranked: readonly string[], relevant: ReadonlySet<string>, depth = Infinity): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  const n = Math.min(ranked.length, depth);
  for (let i = 0; i < n; i++) {
    if (relevant.has(ranked[i]!)) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return sum / Math.min(relevant.size, depth);
}

export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const index = ranked.findIndex((id) => relevant.has(id));
  return index === -1 ? 0 : 1 / (index + 1);
}

/** The measures of a run against the qrels (queries the run lacks count as finding nothing). */
export function scoreRun(run: Run, qrels: Qrels): RankingScores {
  let map5 = 0;
  let map = 0;
  let mrr = 0;
  let p1 = 0;
  let queries = 0;
  for (const [queryId, relevant] of qrels) {
    if (relevant.size === 0) continue;
    const ranked = run.get(queryId) ?? [];
    queries++;
    map5 += averagePrecision(ranked, relevant, 5);
    map += averagePrecision(ranked, relevant);
    mrr += reciprocalRank(ranked, relevant);
    p1 += ranked.length > 0 && relevant.has(ranked[0]!) ? 1 : 0;
  }
  const mean = (sum: number) => (queries === 0 ? 0 : sum / queries);
  return { queries, map5: mean(map5), map: mean(map), mrr: mean(mrr), p1: mean(p1) };
}
