import type { Migration } from './types';

/**
 * The changes that have not left the library yet (no project file carried them out). Only these
 * may be coalesced: consecutive saves of one field by the same author become one change instead of
 * one per autosave. Every change that exists before this migration counts as exported, and so do
 * changes that came in from a project file: other copies may know them by id.
 */
export const migration005: Migration = {
  version: 5,
  name: 'history_coalescing',
  sql: `
    CREATE TABLE unexported_changes (
      change_id TEXT PRIMARY KEY REFERENCES changes(id) ON DELETE CASCADE,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX unexported_changes_by_project ON unexported_changes(project_id);
  `,
};
