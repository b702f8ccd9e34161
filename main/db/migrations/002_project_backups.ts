import type { Migration } from './types';

/**
 * Backups of a project taken before an import merges into it (and before a backup is restored),
 * so "Restore version before import" can undo it. The payload is the project.json of a project
 * file (main/projectFiles/format.ts) of format_version, raw-deflate compressed (JSON shrinks
 * tenfold); a backup goes with its project.
 */
export const migration002: Migration = {
  version: 2,
  name: 'project_backups',
  sql: `
    CREATE TABLE project_backups (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      reason TEXT NOT NULL,
      -- For the list, so it need not parse every payload.
      title TEXT NOT NULL,
      claim_count INTEGER NOT NULL,
      format_version INTEGER NOT NULL,
      payload BLOB NOT NULL
    ) STRICT;
    CREATE INDEX project_backups_by_project ON project_backups(project_id, created_at);
  `,
};
