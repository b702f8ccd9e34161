import type { Migration } from './types';

/**
 * Evidence attachments on sources (issue 13): the files live content-addressed in
 * DATA/attachments/<sha256> (main/attachments/store.ts); a row says which source holds which file,
 * under what name and type, and for a page capture where and when it was taken. The same content
 * twice on one source is one row (UNIQUE); on two sources it is two rows and one file. Evidence is
 * published, so it is part of the claim's approval seal (main/repositories/approvals.ts).
 */
export const migration009: Migration = {
  version: 9,
  name: 'attachments',
  sql: `
    CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      name TEXT NOT NULL,
      media_type TEXT NOT NULL,
      size INTEGER NOT NULL CHECK (size > 0 AND size <= 209715200),
      origin_url TEXT NOT NULL DEFAULT '',
      kind TEXT NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'capture-mhtml', 'capture-pdf', 'capture-screenshot', 'capture-text')),
      captured_at TEXT NOT NULL DEFAULT '',
      http_status INTEGER,
      added_by TEXT NOT NULL DEFAULT '',
      added_at TEXT NOT NULL,
      UNIQUE (source_id, sha256)
    ) STRICT;
    CREATE INDEX attachments_by_source ON attachments(source_id);
    CREATE INDEX attachments_by_sha ON attachments(sha256);
    CREATE INDEX attachments_by_project ON attachments(project_id);

    -- An attachment's project is its source's claim's, as for team notes and links (migrations 4, 8).
    CREATE TRIGGER attachments_in_source_project BEFORE INSERT ON attachments
      WHEN EXISTS (
        SELECT 1 FROM sources s JOIN claims c ON c.id = s.claim_id
        WHERE s.id = NEW.source_id AND c.project_id IS NOT NEW.project_id
      )
    BEGIN
      SELECT RAISE(ABORT, 'That source belongs to another project: evidence must be in its source’s project.');
    END;
  `,
};
