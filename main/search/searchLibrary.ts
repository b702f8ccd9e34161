/**
 * "Search library": the query over the index of migration 7. What a person types is analysed like
 * the indexed text (./analyzer.ts) and each term is quoted as an FTS5 string, so nothing typed is
 * FTS5 syntax: quotes, stars, NEAR(, OR, brackets are words or nothing. Every term must match; the
 * last one also as a prefix, since the person may still be typing it. Best first by BM25, the
 * statement and quote (`main`) weighing more than everything else written about a claim — unless
 * even the rarest word is in very many records: BM25 scores every match before the first can be
 * shown, so then the newest matches are taken by rowid, as FTS5 reads them, and the result says so.
 */
import {
  SEARCH_QUERY_CHARS,
  SEARCH_RESULT_LIMIT,
  type ClaimHit,
  type MarkedText,
  type ProjectHits,
  type ReferenceHit,
  type SearchFilters,
  type SearchResult,
} from '../../shared/api/contract.search';
import type { ClaimStatus } from '../../shared/domain';
import type { RepoContext } from '../repositories/context';
import { searchTerms } from './analyzer';
import { capturedPageExcerpt } from './capturedPageExcerpt';
import { labelKey } from './facets';
import { marker, type Marker } from './marks';

/** More terms than this are dropped: a pasted page would otherwise make one enormous query. */
const MAX_TERMS = 32;
const DEFAULT_LIMIT = 50;
/** `main` (statement + quote) against `context` (rationale, notes, sources…). */
const BM25 = 'bm25(search_index, 5.0, 1.0)';
/**
 * Records the rarest term may be in and still be ranked. BM25 over 100,000 matches takes ~0.4 s
 * (bench/search.ts); over this many, a few milliseconds.
 */
export const RANK_AT_MOST = 10_000;

export interface SearchRequest {
  text: string;
  filters?: SearchFilters | undefined;
  limit?: number | undefined;
  /** RANK_AT_MOST, unless a test needs a small library to count as a large one. */
  rankAtMost?: number | undefined;
}

/** The FTS5 expression for the terms, or null when nothing searchable was typed. */
export function matchExpression(terms: readonly string[]): string | null {
  if (terms.length === 0) return null;
  const quoted = terms.map((term) => `"${term.replace(/"/g, '""')}"`);
  quoted[quoted.length - 1] += '*';
  return quoted.join(' AND ');
}

/** The terms of what was typed, cut to what is searched. */
export function queryTerms(text: string): string[] {
  const terms = searchTerms(text.slice(0, SEARCH_QUERY_CHARS));
  // The same term twice adds nothing to an AND; the last one stays last (it is the prefix).
  const unique = [...new Set(terms.slice(0, -1))].filter((term) => term !== terms[terms.length - 1]);
  if (terms.length > 0) unique.push(terms[terms.length - 1]!);
  return unique.slice(-MAX_TERMS);
}

export function searchLibrary(ctx: RepoContext, request: SearchRequest): SearchResult {
  const terms = queryTerms(request.text);
  const match = matchExpression(terms);
  const limit = Math.min(Math.max(1, request.limit ?? DEFAULT_LIMIT), SEARCH_RESULT_LIMIT);
  const filters = request.filters ?? {};
  if (!match) return { terms, projects: [], references: [], truncated: false, newestOnly: false };
  const mark = marker(terms);
  ensureVocabulary(ctx);
  // One snapshot for both queries; a read, so deferred (no write lock taken).
  return ctx.db.transaction(() => {
    const newestOnly = rarestTermDocs(ctx, terms, request.rankAtMost ?? RANK_AT_MOST) > (request.rankAtMost ?? RANK_AT_MOST);
    // Newest first is the order FTS5 reads in: it stops at the limit, scoring nothing. Only the
    // index's own column may be in that ORDER BY, or SQLite sorts every match itself.
    const newest = 'search_index.rowid DESC';
    const claims = filters.referencesOnly ? { rows: [], truncated: false } : findClaims(ctx, match, filters, limit, newestOnly ? newest : `${BM25}, c.number`);
    const references = claimOnlyFilters(filters) ? { rows: [], truncated: false } : findReferences(ctx, match, filters, limit, newestOnly ? newest : BM25);
    return {
      terms,
      projects: groupByProject(ctx, claims.rows, mark),
      references: references.rows.map((row) => referenceHit(row, mark)),
      truncated: claims.truncated || references.truncated,
      newestOnly,
    };
  }).deferred();
}

/** The index's vocabulary with document counts: a temp table, so nothing is written to the library. */
function ensureVocabulary(ctx: RepoContext): void {
  ctx.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, 'search_index', 'row')`);
}

/**
 * How many records the rarest term is in, counting no further than `enough` (past it the answer
 * is the same). The last term is a prefix: its count is that of every term it begins, which can
 * only be an overcount of the records (a record with two of them counts twice) — fine for a bound.
 */
function rarestTermDocs(ctx: RepoContext, terms: readonly string[], enough: number): number {
  let rarest = Infinity;
  const exact = ctx.stmt(`SELECT doc FROM temp.search_vocabulary WHERE term = ?`);
  for (const term of terms.slice(0, -1)) {
    rarest = Math.min(rarest, (exact.get(term) as { doc: number } | undefined)?.doc ?? 0);
    if (rarest <= enough) return rarest;
  }
  const prefix = terms[terms.length - 1]!;
  let docs = 0;
  // Terms compare as UTF-8 bytes: U+10FFFF sorts after every term beginning with the prefix.
  const range = ctx.stmt(`SELECT doc FROM temp.search_vocabulary WHERE term >= ? AND term < ?`);
  for (const row of range.iterate(prefix, `${prefix}\u{10FFFF}`) as Iterable<{ doc: number }>) {
    docs += row.doc;
    if (docs > rarest || docs > enough) break;
  }
  return Math.min(rarest, docs);
}

/** Filters only claims have: with one set, references are not searched. */
const claimOnlyFilters = (filters: SearchFilters) =>
  (filters.verdictLabels?.length ?? 0) > 0 || (filters.statuses?.length ?? 0) > 0 || Boolean(filters.tag?.trim());

/**
 * The ids of the verdicts with any of these labels, in any project and any case. The verdicts
 * table is a scale of a handful of rows per project, read whole; claims are then matched by id.
 */
function verdictIdsLabelled(ctx: RepoContext, labels: readonly string[]): string[] {
  const wanted = new Set(labels.map(labelKey));
  const verdicts = ctx.stmt(`SELECT id, label FROM verdicts`).all() as { id: string; label: string }[];
  return verdicts.filter((verdict) => wanted.has(labelKey(verdict.label))).map((verdict) => verdict.id);
}

interface ClaimRow {
  id: string;
  project_id: string;
  project_title: string;
  article_id: string;
  number: number;
  statement: string;
  anchor_exact: string;
  rationale: string;
  claimant: string;
  tags: string;
  claim_date: string;
  status: ClaimStatus;
  verdict_id: string | null;
  verdict_label: string | null;
  verdict_colour: string | null;
}

function findClaims(ctx: RepoContext, match: string, filters: SearchFilters, limit: number, order: string): { rows: ClaimRow[]; truncated: boolean } {
  const where: string[] = [];
  const params: unknown[] = [match];
  const verdictLabels = filters.verdictLabels ?? [];
  if (verdictLabels.length > 0) {
    const verdictIds = verdictIdsLabelled(ctx, verdictLabels);
    // No scale has the label: nothing can match (an empty IN list is not SQL).
    if (verdictIds.length === 0) return { rows: [], truncated: false };
    where.push(`c.verdict_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(verdictIds));
  }
  const statuses = filters.statuses ?? [];
  if (statuses.length > 0) {
    where.push(`c.status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  const claimant = filters.claimant?.trim();
  if (claimant) {
    where.push(`instr(lower(c.claimant), lower(?)) > 0`);
    params.push(claimant);
  }
  const tag = filters.tag?.trim();
  if (tag) {
    where.push(`EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE lower(t.value) = lower(?))`);
    params.push(tag);
  }
  addDateRange(where, params, 'c.claim_date', filters);
  const language = filters.language?.trim();
  if (language) {
    where.push(`EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id AND ${languageIs('a.language')})`);
    params.push(language, language);
  }
  params.push(limit + 1);
  const rows = ctx
    .stmt(
      `SELECT c.id, c.project_id, p.title AS project_title, c.article_id, c.number, c.statement, c.anchor_exact,
              c.rationale, c.claimant, c.tags, c.claim_date, c.status, c.verdict_id,
              v.label AS verdict_label, v.colour AS verdict_colour
       FROM search_index
       JOIN search_records r ON r.rowid = search_index.rowid
       JOIN claims c ON c.id = r.record_id
       JOIN projects p ON p.id = c.project_id
       LEFT JOIN verdicts v ON v.id = c.verdict_id
       WHERE search_index MATCH ? AND r.kind = 'claim'${where.map((clause) => ` AND ${clause}`).join('')}
       ORDER BY ${order}
       LIMIT ?`,
    )
    .all(...params) as ClaimRow[];
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}

interface ReferenceRow {
  id: string;
  collection_id: string;
  url: string;
  claim_text: string;
  title: string;
  claimant: string;
  claim_date: string;
  publisher: string;
  rating: string;
  review_date: string;
}

function findReferences(ctx: RepoContext, match: string, filters: SearchFilters, limit: number, order: string): { rows: ReferenceRow[]; truncated: boolean } {
  const where: string[] = [];
  const params: unknown[] = [match];
  const claimant = filters.claimant?.trim();
  if (claimant) {
    where.push(`instr(lower(x.claimant), lower(?)) > 0`);
    params.push(claimant);
  }
  addDateRange(where, params, `COALESCE(NULLIF(x.claim_date, ''), x.review_date)`, filters);
  const language = filters.language?.trim();
  if (language) {
    where.push(languageIs('x.language'));
    params.push(language, language);
  }
  params.push(limit + 1);
  const rows = ctx
    .stmt(
      `SELECT x.id, x.collection_id, x.url, x.claim_text, x.title, x.claimant, x.claim_date, x.publisher, x.rating, x.review_date
       FROM search_index
       JOIN search_records r ON r.rowid = search_index.rowid
       JOIN reference_checks x ON x.id = r.record_id
       WHERE search_index MATCH ? AND r.kind = 'reference'${where.map((clause) => ` AND ${clause}`).join('')}
       ORDER BY ${order}
       LIMIT ?`,
    )
    .all(...params) as ReferenceRow[];
  return { rows: rows.slice(0, limit), truncated: rows.length > limit };
}

/** "en" finds "en" and "en-GB"; any case. Takes the language twice as parameters. */
const languageIs = (column: string) => `(lower(${column}) = lower(?) OR lower(${column}) LIKE lower(?) || '-%')`;

/** Dates are ISO text, maybe only a year or a month: compared as text, empty dates excluded. */
function addDateRange(where: string[], params: unknown[], column: string, filters: SearchFilters): void {
  if (filters.from) {
    where.push(`${column} <> '' AND ${column} >= ?`);
    params.push(filters.from);
  }
  if (filters.to) {
    where.push(`${column} <> '' AND substr(${column}, 1, 10) <= ?`);
    params.push(filters.to);
  }
}

function groupByProject(ctx: RepoContext, rows: ClaimRow[], mark: Marker): ProjectHits[] {
  const groups = new Map<string, ProjectHits>();
  for (const row of rows) {
    let group = groups.get(row.project_id);
    if (!group) {
      group = { projectId: row.project_id, title: row.project_title, claims: [] };
      groups.set(row.project_id, group);
    }
    group.claims.push(claimHit(ctx, row, mark));
  }
  return [...groups.values()];
}

function claimHit(ctx: RepoContext, row: ClaimRow, mark: Marker): ClaimHit {
  const statement = mark.text(row.statement);
  const quote = mark.text(row.anchor_exact);
  const seen = new Set([...mark.termsIn(row.statement), ...mark.termsIn(row.anchor_exact)]);
  return {
    id: row.id,
    articleId: row.article_id,
    number: row.number,
    statement,
    quote,
    context: mark.allSeen(seen) ? null : contextOf(ctx, row, mark, seen),
    verdict: row.verdict_id ? { id: row.verdict_id, label: row.verdict_label ?? '', colour: row.verdict_colour ?? '' } : null,
    status: row.status,
    claimDate: row.claim_date,
    claimant: row.claimant,
  };
}

/** The first other field holding a word the statement and quote lack, as a short excerpt. */
function contextOf(ctx: RepoContext, row: ClaimRow, mark: Marker, seen: Set<string>): ClaimHit['context'] {
  const fields: Array<[string, () => string[]]> = [
    ['Rationale', () => [row.rationale]],
    ['Claimant', () => [row.claimant]],
    ['Tags', () => [tagsOf(row.tags).join(', ')]],
    [
      'Team note',
      () => (ctx.stmt(`SELECT text FROM team_notes WHERE claim_id = ? ORDER BY created_at`).all(row.id) as { text: string }[]).map((n) => n.text),
    ],
    [
      'Source',
      () =>
        (
          ctx.stmt(`SELECT title, publisher, url FROM sources WHERE claim_id = ? ORDER BY position`).all(row.id) as {
            title: string;
            publisher: string;
            url: string;
          }[]
        ).map((s) => [s.title, s.publisher, s.url].filter(Boolean).join(' · ')),
    ],
  ];
  for (const [field, texts] of fields) {
    for (const text of texts()) {
      const found = mark.termsIn(text);
      if ([...found].some((term) => !seen.has(term))) return { field, excerpt: mark.excerpt(text) };
    }
  }
  // Last, the sources' captured pages (migration 11): long texts, read a piece at a time.
  const pages = ctx
    .stmt(
      `SELECT a.search_text FROM sources s JOIN attachments a ON a.source_id = s.id
       WHERE s.claim_id = ? AND a.kind = 'capture-text' AND a.search_text <> '' ORDER BY s.position, a.added_at, a.id`,
    )
    .all(row.id) as { search_text: string }[];
  for (const page of pages) {
    const excerpt = capturedPageExcerpt(page.search_text, mark, seen);
    if (excerpt) return { field: 'Captured page', excerpt };
  }
  return null;
}

function tagsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

function referenceHit(row: ReferenceRow, mark: Marker): ReferenceHit {
  const claimText: MarkedText = mark.text(row.claim_text);
  return {
    id: row.id,
    collectionId: row.collection_id,
    claimText,
    title: row.title,
    claimant: row.claimant,
    publisher: row.publisher,
    rating: row.rating,
    url: row.url,
    claimDate: row.claim_date,
    reviewDate: row.review_date,
  };
}
