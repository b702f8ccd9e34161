import { registerSearchFunctions } from '../../search/indexFunction';
import {
  articleContext,
  articleMain,
  claimContext,
  claimMain,
  INDEX_LIVE,
  rebuildSearchIndex,
  referenceContext,
  referenceMain,
} from '../../search/indexSql';
import type { Migration } from './types';

/**
 * One search index for the whole library ("Search library", `npm run search`, and the matcher of
 * reference fact-checks): an FTS5 table that holds no text of its own (contentless, with deletes),
 * whose two columns are the analyzer's terms (main/search/analyzer.ts, through the SQL function
 * `fc_index_text` that main/search/indexFunction.ts registers on every connection), and
 * `search_records`, which says what each index row stands for.
 *
 * What each kind of record puts in `main` and `context` is in main/search/indexSql.ts.
 *
 * Triggers keep it in step, so every write path (edits, deletes, undo, project-file import and
 * merge, backup restore) is covered without the repositories knowing. A bulk insert (the seed)
 * may defer the index inside its transaction (`search_index_paused`, main/search/bulkWrites.ts):
 * the triggers then only note new records, and their rows are written once at the end. A claim's
 * row is always computed again whole (delete + insert of the same rowid): its context gathers
 * other tables, and an FTS5 row cannot be patched one column at a time. Existing libraries are
 * indexed here, inside the migration.
 */

/** Removes the index row of a record (its rowid is the record's in search_records). */
const unindex = (recordId: string) =>
  `DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_records WHERE record_id = ${recordId});`;
/** The same, but only while the index is live (a paused bulk write indexes its new records at the end). */
const unindexLive = (recordId: string) =>
  `DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_records WHERE record_id = ${recordId}) AND ${INDEX_LIVE};`;

/** Writes a claim's index row again from what the tables hold now (nothing when the claim is gone). */
const reindexClaim = (claimId: string) => `
  ${unindexLive(claimId)}
  INSERT INTO search_index (rowid, main, context)
    SELECT r.rowid, ${claimMain('c')}, ${claimContext('c')}
    FROM claims c JOIN search_records r ON r.record_id = c.id
    WHERE c.id = ${claimId} AND ${INDEX_LIVE};`;

const reindexReference = (id: string) => `
  ${unindexLive(id)}
  INSERT INTO search_index (rowid, main, context)
    SELECT r.rowid, ${referenceMain('x')}, ${referenceContext('x')}
    FROM reference_checks x JOIN search_records r ON r.record_id = x.id
    WHERE x.id = ${id} AND ${INDEX_LIVE};`;

const reindexArticle = (id: string) => `
  ${unindexLive(id)}
  INSERT INTO search_index (rowid, main, context)
    SELECT r.rowid, ${articleMain('a')}, ${articleContext('a')}
    FROM articles a JOIN search_records r ON r.record_id = a.id
    WHERE a.id = ${id} AND ${INDEX_LIVE};`;

const forget = (recordId: string) => `
  ${unindex(recordId)}
  DELETE FROM search_records WHERE record_id = ${recordId};`;

export const migration007: Migration = {
  version: 7,
  name: 'search_index',
  sql: `
    CREATE TABLE search_records (
      rowid INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('claim', 'reference', 'article')),
      record_id TEXT NOT NULL UNIQUE,
      project_id TEXT,
      collection_id TEXT
    ) STRICT;
    CREATE INDEX search_records_by_project ON search_records(project_id);
    -- A row while a bulk write defers the index: the first search_records rowid it added.
    CREATE TABLE search_index_paused (from_rowid INTEGER NOT NULL) STRICT;
    CREATE VIRTUAL TABLE search_index USING fts5(
      main,
      context,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 0'
    );

    CREATE TRIGGER search_claims_insert AFTER INSERT ON claims BEGIN
      INSERT INTO search_records (kind, record_id, project_id) VALUES ('claim', NEW.id, NEW.project_id);
      ${reindexClaim('NEW.id')}
    END;
    CREATE TRIGGER search_claims_update AFTER UPDATE OF statement, anchor_exact, rationale, claimant, tags, project_id ON claims BEGIN
      UPDATE search_records SET project_id = NEW.project_id WHERE record_id = NEW.id AND project_id IS NOT NEW.project_id;
      ${reindexClaim('NEW.id')}
    END;
    CREATE TRIGGER search_claims_delete AFTER DELETE ON claims BEGIN
      ${forget('OLD.id')}
    END;

    CREATE TRIGGER search_sources_insert AFTER INSERT ON sources WHEN ${INDEX_LIVE} BEGIN
      ${reindexClaim('NEW.claim_id')}
    END;
    CREATE TRIGGER search_sources_update AFTER UPDATE OF title, publisher, url, claim_id ON sources BEGIN
      ${reindexClaim('NEW.claim_id')}
      ${reindexClaim('OLD.claim_id')}
    END;
    CREATE TRIGGER search_sources_delete AFTER DELETE ON sources BEGIN
      ${reindexClaim('OLD.claim_id')}
    END;

    CREATE TRIGGER search_team_notes_insert AFTER INSERT ON team_notes WHEN ${INDEX_LIVE} BEGIN
      ${reindexClaim('NEW.claim_id')}
    END;
    CREATE TRIGGER search_team_notes_update AFTER UPDATE OF text, claim_id ON team_notes BEGIN
      ${reindexClaim('NEW.claim_id')}
      ${reindexClaim('OLD.claim_id')}
    END;
    CREATE TRIGGER search_team_notes_delete AFTER DELETE ON team_notes BEGIN
      ${reindexClaim('OLD.claim_id')}
    END;

    CREATE TRIGGER search_articles_insert AFTER INSERT ON articles BEGIN
      INSERT INTO search_records (kind, record_id, project_id) VALUES ('article', NEW.id, NEW.project_id);
      ${reindexArticle('NEW.id')}
    END;
    CREATE TRIGGER search_articles_update AFTER UPDATE OF title, outlet, author, project_id ON articles BEGIN
      UPDATE search_records SET project_id = NEW.project_id WHERE record_id = NEW.id AND project_id IS NOT NEW.project_id;
      ${reindexArticle('NEW.id')}
    END;
    CREATE TRIGGER search_articles_delete AFTER DELETE ON articles BEGIN
      ${forget('OLD.id')}
    END;

    CREATE TRIGGER search_references_insert AFTER INSERT ON reference_checks BEGIN
      INSERT INTO search_records (kind, record_id, collection_id) VALUES ('reference', NEW.id, NEW.collection_id);
      ${reindexReference('NEW.id')}
    END;
    CREATE TRIGGER search_references_update AFTER UPDATE OF claim_text, title, claimant, publisher, rating, collection_id ON reference_checks BEGIN
      UPDATE search_records SET collection_id = NEW.collection_id WHERE record_id = NEW.id AND collection_id IS NOT NEW.collection_id;
      ${reindexReference('NEW.id')}
    END;
    CREATE TRIGGER search_references_delete AFTER DELETE ON reference_checks BEGIN
      ${forget('OLD.id')}
    END;
  `,
  run: (db) => {
    // openLibrary registered it already; a bare connection (a test's, a tool's) migrates too.
    registerSearchFunctions(db);
    rebuildSearchIndex(db);
  },
};

