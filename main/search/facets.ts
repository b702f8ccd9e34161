/**
 * What the "Search library" filters offer, library-wide (search.facets): the verdict labels of
 * every project's scale, the languages present, the most used tags. Each read starts from a small
 * table (verdicts, projects, reference collections) and reaches claims only through an index range.
 */
import { FACET_TAG_LIMIT, type SearchFacets } from '../../shared/api/contract.search';
import type { RepoContext } from '../repositories/context';

/** How labels are told apart: any case is the same label ("False", "FALSE"). */
export const labelKey = (label: string) => label.trim().toLocaleLowerCase();

export function searchFacets(ctx: RepoContext): SearchFacets {
  return ctx.db.transaction(() => ({ verdicts: verdictLabels(ctx), languages: languages(ctx), tags: topTags(ctx) })).deferred();
}

interface VerdictRow {
  label: string;
  colour: string;
  uses: number;
}

/**
 * Every verdict of every scale, with how many claims carry it. The verdicts table is read whole:
 * it is a scale of a handful of rows per project. The claims are counted per verdict on the index
 * claims_by_verdict (verdict_id=?), never by reading the claims.
 */
function verdictLabels(ctx: RepoContext): SearchFacets['verdicts'] {
  const rows = ctx
    .stmt(
      `SELECT v.label, v.colour, (SELECT count(*) FROM claims c INDEXED BY claims_by_verdict WHERE c.verdict_id = v.id) AS uses
       FROM verdicts v`,
    )
    .all() as VerdictRow[];
  const byLabel = new Map<string, { label: string; colour: string; uses: number; best: number }>();
  for (const row of rows) {
    const key = labelKey(row.label);
    if (!key) continue;
    const entry = byLabel.get(key);
    if (!entry) byLabel.set(key, { label: row.label.trim(), colour: row.colour, uses: row.uses, best: row.uses });
    else {
      entry.uses += row.uses;
      // The spelling and colour shown are those of the scale that uses the label most.
      if (row.uses > entry.best) Object.assign(entry, { label: row.label.trim(), colour: row.colour, best: row.uses });
    }
  }
  return [...byLabel.values()]
    .sort((a, b) => b.uses - a.uses || a.label.localeCompare(b.label))
    .map(({ label, colour }) => ({ label, colour }));
}

/**
 * Languages of articles (per project, from the covering index articles_summaries) and of reference
 * fact-checks (per collection on reference_checks_by_collection: the rows are read, as no index
 * holds their language; a collection is read once per dialog opening, not per keystroke).
 */
function languages(ctx: RepoContext): string[] {
  const rows = ctx
    .stmt(
      `SELECT a.language AS language FROM projects p CROSS JOIN articles a INDEXED BY articles_summaries ON a.project_id = p.id
       WHERE a.language <> ''
       UNION
       SELECT x.language FROM reference_collections k CROSS JOIN reference_checks x INDEXED BY reference_checks_by_collection ON x.collection_id = k.id
       WHERE x.language <> ''`,
    )
    .all() as { language: string }[];
  const seen = new Map<string, string>();
  for (const { language } of rows) {
    const code = language.trim();
    if (code && !seen.has(code.toLowerCase())) seen.set(code.toLowerCase(), code);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * The most used tags. Claims hold their tags as a JSON array; the distinct arrays of each project
 * come from the covering index claims_by_tags (project_id=?) and only those few are unpacked, each
 * counted as often as claims carry it.
 */
function topTags(ctx: RepoContext): string[] {
  const rows = ctx
    .stmt(
      `WITH sets AS (
         SELECT c.tags AS tags, count(*) AS n FROM projects p CROSS JOIN claims c INDEXED BY claims_by_tags ON c.project_id = p.id
         WHERE c.tags <> '[]' GROUP BY c.tags
       )
       SELECT t.value AS tag, sum(sets.n) AS uses FROM sets, json_each(sets.tags) t
       WHERE t.type = 'text' AND trim(t.value) <> ''
       GROUP BY t.value
       ORDER BY uses DESC, t.value
       LIMIT ?`,
    )
    .all(FACET_TAG_LIMIT * 2) as { tag: string; uses: number }[];
  // Tags differing only in case are one tag to the filter (it matches any case).
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const { tag } of rows) {
    const key = labelKey(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag.trim());
    if (tags.length === FACET_TAG_LIMIT) break;
  }
  return tags;
}
