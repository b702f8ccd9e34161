import type Database from 'better-sqlite3';
import { indexText } from './analyzer';

/** The SQL name of the analyzer, as the search index's triggers (migration 7) call it. */
export const INDEX_TEXT_FUNCTION = 'fc_index_text';

/**
 * Registers `fc_index_text(text)` on a connection: the terms of a text as the search index stores
 * them (./analyzer.ts). Every connection the app opens registers it before migrations run, since
 * the triggers that keep the index in step call it on every write of an indexed column. A
 * read-only connection never fires them; registering there is harmless and keeps all alike.
 */
export function registerSearchFunctions(db: Database.Database): void {
  db.function(INDEX_TEXT_FUNCTION, { deterministic: true }, (text: unknown) =>
    typeof text === 'string' && text !== '' ? indexText(text) : '',
  );
}
