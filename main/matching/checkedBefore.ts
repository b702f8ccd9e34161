import type { EarlierCheck, EarlierClaim, EarlierReference } from '../../shared/api/contract.matching';
import { searchTerms } from '../search/analyzer';
import { notFound } from '../errors';
import type { RepoContext } from '../repositories/context';
import { idfOf } from './bm25Index';
import { profileOf } from './features';
import { reasonIdf, reasonMinIdf } from './matcher';
import { cleanQueryText } from './queryText';
import { rerank } from './rerank';
import { reasonsFor } from './why';

/**
 * "Checked before": the earlier checks most like a claim, from the library's search index
 * (migration 7): other claims of any project and reference fact-checks. FTS5's BM25 finds the
 * candidates, the matcher's re-ranker (./rerank.ts) orders them, the same as `npm run match`.
 */

/** How many of the index's best candidates the re-ranker looks at. */
const CANDIDATES = 100;
/**
 * Terms in more than this share of the index (and more than COMMON_MIN_DOCS records) are left out
 * of the search when rarer ones remain: they change the order little, and every row they match
 * must be scored.
 */
const COMMON_SHARE = 0.05;
const COMMON_MIN_DOCS = 500;
/** At least this many of the query's rarest terms are always searched. */
const MIN_SEARCH_TERMS = 4;
/** FTS5 column weights: main (statement, quote; claim text, title) over context. */
const BM25_WEIGHTS = '1.0, 0.2';

interface CandidateRow {
  kind: 'claim' | 'reference';
  recordId: string;
  rank: number;
}

/** Document frequencies from the index's own vocabulary (a temp table: nothing is written to the library). */
function documentFrequencies(ctx: RepoContext, terms: readonly string[]): Map<string, number> {
  ctx.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.matching_vocabulary USING fts5vocab(main, 'search_index', 'row')`);
  const statement = ctx.stmt('SELECT doc FROM temp.matching_vocabulary WHERE term = ?');
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (statement.get(term) as { doc: number } | undefined)?.doc ?? 0);
  return frequencies;
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

export function checkedBefore(ctx: RepoContext, claimId: string, limit = 5): EarlierCheck[] {
  const claim = ctx.stmt('SELECT statement, anchor_exact AS quote FROM claims WHERE id = ?').get(claimId) as
    | { statement: string; quote: string }
    | undefined;
  if (!claim) throw notFound('claim');
  const queryText = cleanQueryText(`${claim.statement}\n${claim.quote}`);
  const terms = [...new Set(searchTerms(queryText))];
  if (terms.length === 0) return [];

  const documents = (ctx.stmt('SELECT count(*) AS n FROM search_records').get() as { n: number }).n;
  const frequencies = documentFrequencies(ctx, terms);
  const idf = (term: string) => idfOf(frequencies.get(term) ?? 0, documents);
  // A term in one record only is in the claim itself (its quote or statement): nothing to find.
  const shared = terms.filter((term) => (frequencies.get(term) ?? 0) > 1).sort((a, b) => frequencies.get(a)! - frequencies.get(b)!);
  if (shared.length === 0) return [];
  const commonAbove = Math.max(COMMON_MIN_DOCS, COMMON_SHARE * documents);
  const searched = shared.filter((term, i) => i < MIN_SEARCH_TERMS || frequencies.get(term)! <= commonAbove);

  const candidates = ctx
    .stmt(
      `SELECT r.kind AS kind, r.record_id AS recordId, bm25(search_index, ${BM25_WEIGHTS}) AS rank
       FROM search_index JOIN search_records r ON r.rowid = search_index.rowid
       WHERE search_index MATCH ? AND r.kind IN ('claim', 'reference') AND r.record_id <> ?
       ORDER BY rank LIMIT ${CANDIDATES}`,
    )
    .all(searched.map(quoted).join(' OR '), claimId) as CandidateRow[];
  if (candidates.length === 0) return [];

  const loaded = candidates.map((candidate) => ({ candidate, record: loadRecord(ctx, candidate) })).filter((entry) => entry.record !== null);
  // A claim has no signature line: its body is the whole of it.
  const queryProfile = profileOf(queryText);
  const ranked = rerank(
    { whole: queryProfile, body: queryProfile },
    loaded.map(({ candidate, record }) => ({
      item: record!,
      main: profileOf(record!.mainText),
      extra: profileOf(record!.extraText),
      // FTS5's bm25() is lower for better matches.
      firstStage: -candidate.rank,
    })),
    idf,
  );
  const queryTerms = new Set(terms);
  const minIdf = reasonMinIdf();
  const idfForReasons = (term: string) => reasonIdf(frequencies.get(term) ?? 0, documents);
  const results: EarlierCheck[] = [];
  for (const { item, score } of ranked) {
    const documentTerms = new Set([...searchTerms(item.mainText), ...searchTerms(item.extraText)]);
    const why = reasonsFor([item.mainText, item.extraText], queryTerms, documentTerms, idfForReasons, minIdf);
    // Sharing only everyday words is no match.
    if (why.length === 0) continue;
    const { check } = item;
    results.push(check.kind === 'claim' ? { ...check, why, score } : { ...check, why, score });
    if (results.length === limit) break;
  }
  return results;
}

interface LoadedRecord {
  mainText: string;
  extraText: string;
  check: Omit<EarlierClaim, 'why' | 'score'> | Omit<EarlierReference, 'why' | 'score'>;
}

interface ClaimRow {
  projectId: string;
  projectTitle: string;
  number: number;
  statement: string;
  quote: string;
  verdictLabel: string | null;
  verdictColour: string | null;
  status: 'unchecked' | 'researching' | 'in_review' | 'approved';
  approvedAt: string;
  updatedAt: string;
}

interface ReferenceRow {
  collectionName: string;
  claimText: string;
  title: string;
  publisher: string;
  rating: string;
  url: string;
  reviewDate: string;
  language: string;
}

function loadRecord(ctx: RepoContext, candidate: CandidateRow): LoadedRecord | null {
  if (candidate.kind === 'claim') {
    const row = ctx
      .stmt(
        `SELECT c.project_id AS projectId, p.title AS projectTitle, c.number AS number, c.statement AS statement,
                c.anchor_exact AS quote, v.label AS verdictLabel, v.colour AS verdictColour, c.status AS status,
                c.approved_at AS approvedAt, c.updated_at AS updatedAt
         FROM claims c JOIN projects p ON p.id = c.project_id LEFT JOIN verdicts v ON v.id = c.verdict_id
         WHERE c.id = ?`,
      )
      .get(candidate.recordId) as ClaimRow | undefined;
    // Claims not yet numbered (number 0) cannot be named to the person; they are left out.
    if (!row || row.number < 1) return null;
    return {
      mainText: row.statement || row.quote,
      extraText: row.statement ? row.quote : '',
      check: {
        kind: 'claim',
        claimId: candidate.recordId,
        projectId: row.projectId,
        projectTitle: row.projectTitle,
        number: row.number,
        statement: row.statement || row.quote,
        verdict: row.verdictLabel === null ? null : { label: row.verdictLabel, color: row.verdictColour ?? '' },
        status: row.status,
        date: row.status === 'approved' && row.approvedAt ? row.approvedAt : row.updatedAt,
      },
    };
  }
  const row = ctx
    .stmt(
      `SELECT k.name AS collectionName, x.claim_text AS claimText, x.title AS title, x.publisher AS publisher,
              x.rating AS rating, x.url AS url, x.review_date AS reviewDate, x.language AS language
       FROM reference_checks x JOIN reference_collections k ON k.id = x.collection_id
       WHERE x.id = ?`,
    )
    .get(candidate.recordId) as ReferenceRow | undefined;
  if (!row) return null;
  return {
    mainText: row.claimText,
    extraText: row.title,
    check: {
      kind: 'reference',
      referenceId: candidate.recordId,
      collectionName: row.collectionName,
      claimText: row.claimText,
      title: row.title,
      publisher: row.publisher,
      rating: row.rating,
      url: /^https?:\/\//i.test(row.url) ? row.url : '',
      reviewDate: row.reviewDate,
      language: row.language,
    },
  };
}
