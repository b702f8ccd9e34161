import type { Migration } from './types';
import { sealLegacyApprovals } from '../../editorial/seal';

/**
 * Editorial integrity: stable claim numbers, who approved what (sealed), claimant types, assignees,
 * quotes changed by a text edit, team notes, corrections and the publication log.
 *
 * Existing claims are numbered per project by creation time (ties by id); approvals made before
 * this version are sealed as they stand, since they were given on the content they have now.
 */
export const migration003: Migration = {
  version: 3,
  name: 'editorial',
  sql: `
    ALTER TABLE projects ADD COLUMN next_claim_number INTEGER NOT NULL DEFAULT 1 CHECK (next_claim_number >= 1);
    ALTER TABLE projects ADD COLUMN second_pair_of_eyes INTEGER NOT NULL DEFAULT 0 CHECK (second_pair_of_eyes IN (0, 1));

    ALTER TABLE claims ADD COLUMN number INTEGER NOT NULL DEFAULT 0 CHECK (number >= 0);
    ALTER TABLE claims ADD COLUMN claimant_type TEXT NOT NULL DEFAULT '' CHECK (claimant_type IN ('', 'Person', 'Organization'));
    ALTER TABLE claims ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
    ALTER TABLE claims ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE claims ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';
    ALTER TABLE claims ADD COLUMN approval_seal TEXT NOT NULL DEFAULT '';
    -- The quote as it was before a text edit changed characters inside it; '' when nothing to review.
    ALTER TABLE claims ADD COLUMN quote_changed_from TEXT NOT NULL DEFAULT '';

    WITH numbered AS (
      SELECT id, ROW_NUMBER() OVER (PARTITION BY project_id ORDER BY created_at, id) AS n FROM claims
    )
    UPDATE claims SET number = numbered.n FROM numbered WHERE numbered.id = claims.id;
    UPDATE projects SET next_claim_number =
      COALESCE((SELECT MAX(number) FROM claims WHERE claims.project_id = projects.id), 0) + 1;
    CREATE UNIQUE INDEX claims_by_number ON claims(project_id, number);

    CREATE TABLE team_notes (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX team_notes_by_claim ON team_notes(claim_id, created_at);
    CREATE INDEX team_notes_by_project ON team_notes(project_id);

    CREATE TABLE corrections (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
      text TEXT NOT NULL,
      author TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX corrections_by_claim ON corrections(claim_id, created_at);
    CREATE INDEX corrections_by_project ON corrections(project_id);

    -- A report marked as published: what went out, byte for byte (SHA-256 per file) and claim by claim.
    CREATE TABLE publications (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      published_at TEXT NOT NULL,
      published_by TEXT NOT NULL,
      formats TEXT NOT NULL,
      files TEXT NOT NULL,
      claims TEXT NOT NULL
    ) STRICT;
    CREATE INDEX publications_by_project ON publications(project_id, published_at);

    -- The claimant type last chosen for a claimant name, offered when the name comes up again.
    CREATE TABLE claimant_types (
      name TEXT PRIMARY KEY,
      type TEXT NOT NULL CHECK (type IN ('Person', 'Organization'))
    ) STRICT;
  `,
  run: sealLegacyApprovals,
};
