import type { Statement } from 'better-sqlite3';
import type { ReferenceCollection } from '../../shared/api/contract.references';
import type { ReferenceFormat, ReferenceItem } from '../../shared/references/types';
import type { RepoContext } from '../repositories/context';

/** The reference_collections and reference_checks tables (migration 6). */

interface CollectionRow {
  id: string;
  name: string;
  format: ReferenceFormat;
  source_file: string;
  imported_at: string;
  item_count: number;
}

const toCollection = (row: CollectionRow): ReferenceCollection => ({
  id: row.id,
  name: row.name,
  format: row.format,
  sourceFile: row.source_file,
  importedAt: row.imported_at,
  itemCount: row.item_count,
});

export function listCollections(ctx: RepoContext): ReferenceCollection[] {
  const rows = ctx.stmt(`SELECT * FROM reference_collections ORDER BY imported_at DESC, name`).all() as CollectionRow[];
  return rows.map(toCollection);
}

/** The collection of that name (the one import adds to), created when there is none. */
export function collectionNamed(ctx: RepoContext, name: string, format: ReferenceFormat, sourceFile: string): { id: string; created: boolean } {
  const existing = ctx.stmt(`SELECT id FROM reference_collections WHERE name = ?`).get(name) as { id: string } | undefined;
  if (existing) return { id: existing.id, created: false };
  const id = ctx.newId();
  ctx
    .stmt(`INSERT INTO reference_collections (id, name, format, source_file, imported_at, item_count) VALUES (?, ?, ?, ?, ?, 0)`)
    .run(id, name, format, sourceFile, ctx.now());
  return { id, created: true };
}

/** After an import: the stored count, the file and the time of the latest import. */
export function finishCollection(ctx: RepoContext, id: string, sourceFile: string): void {
  ctx
    .stmt(
      `UPDATE reference_collections
         SET item_count = (SELECT count(*) FROM reference_checks WHERE collection_id = @id), source_file = @sourceFile, imported_at = @now
       WHERE id = @id`,
    )
    .run({ id, sourceFile, now: ctx.now() });
}

/** Deletes the collection and (ON DELETE CASCADE) its checks. False when there was none. */
export function deleteCollection(ctx: RepoContext, id: string): boolean {
  return ctx.tx(() => ctx.stmt(`DELETE FROM reference_collections WHERE id = ?`).run(id).changes > 0);
}

/**
 * Writes the checks of one collection. A check whose URL or id is already in the collection is
 * the same fact-check again: the later one updates the earlier (a field it leaves empty keeps the
 * earlier value). When its URL matches one check and its id another, those two were one check all
 * along: the one found by id goes, its place taken by the one found by URL.
 */
export class ReferenceWriter {
  private readonly byUrl: Statement;
  private readonly byExternalId: Statement;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly remove: Statement;

  constructor(
    private readonly ctx: RepoContext,
    private readonly collectionId: string,
  ) {
    const { db } = ctx;
    // `<> ''` lets SQLite use the partial unique indexes.
    this.byUrl = db.prepare(`SELECT id FROM reference_checks WHERE collection_id = ? AND url = ? AND url <> ''`).pluck();
    this.byExternalId = db.prepare(`SELECT id FROM reference_checks WHERE collection_id = ? AND external_id = ? AND external_id <> ''`).pluck();
    this.insert = db.prepare(
      `INSERT INTO reference_checks (id, collection_id, external_id, url, claim_text, title, claimant, claim_date, publisher, rating, review_date, language)
       VALUES (@id, @collectionId, @externalId, @url, @claimText, @title, @claimant, @claimDate, @publisher, @rating, @reviewDate, @language)`,
    );
    const keep = (column: string, field: string) => `${column} = CASE WHEN @${field} <> '' THEN @${field} ELSE ${column} END`;
    this.update = db.prepare(
      `UPDATE reference_checks SET claim_text = @claimText, ${[
        keep('external_id', 'externalId'),
        keep('url', 'url'),
        keep('title', 'title'),
        keep('claimant', 'claimant'),
        keep('claim_date', 'claimDate'),
        keep('publisher', 'publisher'),
        keep('rating', 'rating'),
        keep('review_date', 'reviewDate'),
        keep('language', 'language'),
      ].join(', ')}
       WHERE id = @id`,
    );
    this.remove = db.prepare(`DELETE FROM reference_checks WHERE id = ?`);
  }

  /** Adds the check, or merges it into the one it repeats. */
  write(item: ReferenceItem): 'added' | 'merged' {
    const byUrl = item.url ? (this.byUrl.get(this.collectionId, item.url) as string | undefined) : undefined;
    const byId = item.externalId ? (this.byExternalId.get(this.collectionId, item.externalId) as string | undefined) : undefined;
    if (byUrl === undefined && byId === undefined) {
      this.insert.run({ ...item, id: this.ctx.newId(), collectionId: this.collectionId });
      return 'added';
    }
    if (byUrl !== undefined && byId !== undefined && byUrl !== byId) this.remove.run(byId);
    this.update.run({ ...item, id: byUrl ?? byId });
    return 'merged';
  }
}
