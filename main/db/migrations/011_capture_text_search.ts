import path from 'node:path';
import { fillCaptureSearchText } from '../../capture/captureSearchText';
import { registerSearchFunctions } from '../../search/indexFunction';
import { INDEX_LIVE, rebuildSearchIndex, reindexClaimSql } from '../../search/indexSql';
import type { Migration } from './types';

/**
 * Captured pages in the library search (issue 13, "the page's visible text is kept for search"):
 * a capture-text attachment keeps its text in `search_text` (at most 1M characters, written with
 * the row: main/capture/storeCapture.ts) and the analyser's terms of it in `search_terms`, and a
 * claim's index `context` now ends with the terms of its sources' captures (main/search/indexSql.ts
 * `claimContextWithCaptures`): a long page is analysed once, when stored, not on every edit.
 *
 * The claim triggers of migration 7 carry the old context in their SQL, so they are made again
 * here with the new one; attachments get triggers of their own. Existing captures get their text
 * from their stored files (beside the database file), and the index is rebuilt.
 */
const reindexSourceClaim = (sourceId: string) =>
  reindexClaimSql(`(SELECT claim_id FROM sources WHERE id = ${sourceId})`);

export const migration011: Migration = {
  version: 11,
  name: 'capture_text_search',
  sql: `
    ALTER TABLE attachments ADD COLUMN search_text TEXT NOT NULL DEFAULT '' CHECK (length(search_text) <= 1000000);
    -- fc_index_text(search_text), kept so a claim edit does not analyse a long page again.
    ALTER TABLE attachments ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';

    DROP TRIGGER search_claims_insert;
    DROP TRIGGER search_claims_update;
    DROP TRIGGER search_sources_insert;
    DROP TRIGGER search_sources_update;
    DROP TRIGGER search_sources_delete;
    DROP TRIGGER search_team_notes_insert;
    DROP TRIGGER search_team_notes_update;
    DROP TRIGGER search_team_notes_delete;

    CREATE TRIGGER search_claims_insert AFTER INSERT ON claims BEGIN
      INSERT INTO search_records (kind, record_id, project_id) VALUES ('claim', NEW.id, NEW.project_id);
      ${reindexClaimSql('NEW.id')}
    END;
    CREATE TRIGGER search_claims_update AFTER UPDATE OF statement, anchor_exact, rationale, claimant, tags, project_id ON claims BEGIN
      UPDATE search_records SET project_id = NEW.project_id WHERE record_id = NEW.id AND project_id IS NOT NEW.project_id;
      ${reindexClaimSql('NEW.id')}
    END;

    CREATE TRIGGER search_sources_insert AFTER INSERT ON sources WHEN ${INDEX_LIVE} BEGIN
      ${reindexClaimSql('NEW.claim_id')}
    END;
    CREATE TRIGGER search_sources_update AFTER UPDATE OF title, publisher, url, claim_id ON sources BEGIN
      ${reindexClaimSql('NEW.claim_id')}
      ${reindexClaimSql('OLD.claim_id')}
    END;
    CREATE TRIGGER search_sources_delete AFTER DELETE ON sources BEGIN
      ${reindexClaimSql('OLD.claim_id')}
    END;

    CREATE TRIGGER search_team_notes_insert AFTER INSERT ON team_notes WHEN ${INDEX_LIVE} BEGIN
      ${reindexClaimSql('NEW.claim_id')}
    END;
    CREATE TRIGGER search_team_notes_update AFTER UPDATE OF text, claim_id ON team_notes BEGIN
      ${reindexClaimSql('NEW.claim_id')}
      ${reindexClaimSql('OLD.claim_id')}
    END;
    CREATE TRIGGER search_team_notes_delete AFTER DELETE ON team_notes BEGIN
      ${reindexClaimSql('OLD.claim_id')}
    END;

    -- Only captured text is indexed: other evidence changes no claim's index row.
    CREATE TRIGGER search_attachments_insert AFTER INSERT ON attachments
      WHEN NEW.kind = 'capture-text' AND NEW.search_terms <> '' AND ${INDEX_LIVE}
    BEGIN
      ${reindexSourceClaim('NEW.source_id')}
    END;
    CREATE TRIGGER search_attachments_update AFTER UPDATE OF search_terms, source_id, kind ON attachments
      WHEN NEW.kind = 'capture-text' OR OLD.kind = 'capture-text'
    BEGIN
      ${reindexSourceClaim('NEW.source_id')}
      ${reindexSourceClaim('OLD.source_id')}
    END;
    -- When a source goes, its attachments go first (ON DELETE CASCADE) and the source's own trigger
    -- then indexes the claim; here the source may already be gone, and nothing is done.
    CREATE TRIGGER search_attachments_delete AFTER DELETE ON attachments
      WHEN OLD.kind = 'capture-text' AND OLD.search_terms <> ''
    BEGIN
      ${reindexSourceClaim('OLD.source_id')}
    END;
  `,
  run: (db) => {
    // openLibrary registered it already; a bare connection (a test's, a tool's) migrates too.
    registerSearchFunctions(db);
    // A library in a file keeps its evidence beside it; an in-memory one has no stored files.
    if (db.name !== ':memory:' && db.name !== '') fillCaptureSearchText(db, path.dirname(db.name));
    rebuildSearchIndex(db);
  },
};
