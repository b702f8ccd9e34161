import type Database from 'better-sqlite3';
import { indexRecordsFrom } from './indexSql';

/**
 * Runs a bulk insert of new records (the seed) with the search index deferred: the triggers only
 * note each new record, and the index rows of all of them are written once at the end, so a claim
 * is analysed once instead of once per source and note added to it. Must run inside a write
 * transaction, so a failure (or a kill) leaves neither the pause nor half an index behind. Only
 * for inserts: an update of an older record while paused would not be indexed again.
 */
export function withSearchIndexPaused<T>(db: Database.Database, fn: () => T): T {
  if (!db.inTransaction) throw new Error('withSearchIndexPaused must run inside a write transaction.');
  // Rowids of search_records only grow (max + 1), so the new records are those from here on.
  const { next } = db.prepare(`SELECT COALESCE(MAX(rowid), 0) + 1 AS next FROM search_records`).get() as { next: number };
  db.prepare(`INSERT INTO search_index_paused (from_rowid) VALUES (?)`).run(next);
  const result = fn();
  db.prepare(`DELETE FROM search_index_paused`).run();
  indexRecordsFrom(db, next);
  return result;
}
