/**
 * What the library search index holds for each kind of record, as SQL over the tables (migration
 * 7 builds its triggers from these; a rebuild uses them too). Every column is the analyzer's terms
 * joined by spaces: `fc_index_text(...)` (./indexFunction.ts), or terms it gave when a captured
 * page was stored (`attachments.search_terms`).
 *
 * - claim: main = statement + quote; context = rationale, claimant, tags, team notes, sources'
 *   titles, publishers and URLs, and (from migration 11) the visible text of the sources' page
 *   captures (`attachments.search_terms`, the analysed `search_text`). `claimContext` is the
 *   context as migration 7 built it, kept so that migration stays as released;
 *   `claimContextWithCaptures` is today's.
 * - reference (reference_checks, migration 6): main = claim text + title; context = claimant,
 *   publisher, rating.
 * - article: main = title; context = outlet, author.
 */
import type Database from 'better-sqlite3';

export const claimMain = (c: string) => `fc_index_text(${c}.statement || char(10) || ${c}.anchor_exact)`;
export const claimContext = (c: string) => `fc_index_text(
  ${c}.rationale || char(10) || ${c}.claimant || char(10) || ${c}.tags || char(10) ||
  COALESCE((SELECT group_concat(n.text, char(10)) FROM team_notes n WHERE n.claim_id = ${c}.id), '') || char(10) ||
  COALESCE((SELECT group_concat(s.title || ' ' || s.publisher || ' ' || s.url, char(10)) FROM sources s WHERE s.claim_id = ${c}.id), ''))`;

/**
 * Today's claim context: migration 7's, then the captured pages' terms (capture-text rows,
 * migration 11), analysed once when the text was stored (`search_terms`), not on every edit.
 */
export const claimContextWithCaptures = (c: string) => `${claimContext(c)} || ' ' ||
  COALESCE((SELECT group_concat(a.search_terms, ' ') FROM sources s JOIN attachments a ON a.source_id = s.id
            WHERE s.claim_id = ${c}.id AND a.kind = 'capture-text'), '')`;

/**
 * The claim context this library's schema has: before migration 11 (while migration 7 indexes a
 * library, or an older file is read) there is no captured text to index.
 */
function claimContextOf(db: Database.Database): (c: string) => string {
  const hasCaptureText = db.prepare(`SELECT 1 FROM pragma_table_info('attachments') WHERE name = 'search_terms'`).get() !== undefined;
  return hasCaptureText ? claimContextWithCaptures : claimContext;
}

/** Writes a claim's index row again from what the tables hold now (nothing when the claim is gone); trigger SQL. */
export const reindexClaimSql = (claimId: string) => `
  DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_records WHERE record_id = ${claimId}) AND ${INDEX_LIVE};
  INSERT INTO search_index (rowid, main, context)
    SELECT r.rowid, ${claimMain('c')}, ${claimContextWithCaptures('c')}
    FROM claims c JOIN search_records r ON r.record_id = c.id
    WHERE c.id = ${claimId} AND ${INDEX_LIVE};`;

export const referenceMain = (x: string) => `fc_index_text(${x}.claim_text || char(10) || ${x}.title)`;
export const referenceContext = (x: string) =>
  `fc_index_text(${x}.claimant || char(10) || ${x}.publisher || char(10) || ${x}.rating)`;

export const articleMain = (a: string) => `fc_index_text(${a}.title)`;
export const articleContext = (a: string) => `fc_index_text(${a}.outlet || char(10) || ${a}.author)`;

/** True while a bulk write defers the index (./bulkWrites.ts); the triggers then only note records. */
export const INDEX_LIVE = `NOT EXISTS (SELECT 1 FROM search_index_paused)`;

/**
 * Writes the index rows of every record from `fromRowid` on (records whose index row is missing:
 * all of them after a rebuild, the new ones after a bulk write).
 */
export function indexRecordsFrom(db: Database.Database, fromRowid: number): void {
  const from = Math.max(0, Math.floor(fromRowid));
  const claimContextNow = claimContextOf(db);
  db.exec(`
    INSERT INTO search_index (rowid, main, context)
      SELECT r.rowid, ${articleMain('a')}, ${articleContext('a')}
      FROM search_records r JOIN articles a ON a.id = r.record_id WHERE r.rowid >= ${from} AND r.kind = 'article';
    INSERT INTO search_index (rowid, main, context)
      SELECT r.rowid, ${claimMain('c')}, ${claimContextNow('c')}
      FROM search_records r JOIN claims c ON c.id = r.record_id WHERE r.rowid >= ${from} AND r.kind = 'claim';
    INSERT INTO search_index (rowid, main, context)
      SELECT r.rowid, ${referenceMain('x')}, ${referenceContext('x')}
      FROM search_records r JOIN reference_checks x ON x.id = r.record_id WHERE r.rowid >= ${from} AND r.kind = 'reference';
  `);
}

/** Indexes the whole library again from its tables (migration 7 does, for existing libraries). */
export function rebuildSearchIndex(db: Database.Database): void {
  db.exec(`
    INSERT INTO search_index (search_index) VALUES ('delete-all');
    DELETE FROM search_records;
    INSERT INTO search_records (kind, record_id, project_id) SELECT 'article', id, project_id FROM articles;
    INSERT INTO search_records (kind, record_id, project_id) SELECT 'claim', id, project_id FROM claims;
    INSERT INTO search_records (kind, record_id, collection_id) SELECT 'reference', id, collection_id FROM reference_checks;
  `);
  indexRecordsFrom(db, 0);
}
