import type { Migration } from './types';

/**
 * Claim links ("Previously checked"): a claim marked as the same claim as an earlier check, either
 * another claim of the library or a reference fact-check (migration 6). The target has no foreign
 * key, since it points into one of two tables and may go: each link keeps a snapshot of what a
 * report prints about it (publisher, date, rating, url, statement), taken when it was linked. The
 * snapshot is published, so it is part of the claim's approval seal (main/repositories/approvals.ts).
 * `claim_links_by_target` answers "which claims link to this one" (the other side's list).
 */
export const migration008: Migration = {
  version: 8,
  name: 'claim_links',
  sql: `
    CREATE TABLE claim_links (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      target_kind TEXT NOT NULL CHECK (target_kind IN ('claim', 'reference')),
      target_id TEXT NOT NULL CHECK (target_id <> claim_id),
      publisher TEXT NOT NULL DEFAULT '',
      date TEXT NOT NULL DEFAULT '',
      rating TEXT NOT NULL DEFAULT '',
      url TEXT NOT NULL DEFAULT '',
      statement TEXT NOT NULL DEFAULT '',
      linked_by TEXT NOT NULL DEFAULT '',
      linked_at TEXT NOT NULL,
      UNIQUE (claim_id, target_id)
    ) STRICT;
    CREATE INDEX claim_links_by_target ON claim_links(target_id);
    CREATE INDEX claim_links_by_project ON claim_links(project_id);

    -- A link's project is its claim's, as for team notes and corrections (migration 4).
    CREATE TRIGGER claim_links_in_claim_project BEFORE INSERT ON claim_links
      WHEN EXISTS (SELECT 1 FROM claims c WHERE c.id = NEW.claim_id AND c.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That claim belongs to another project: a link must be in its claim’s project.');
    END;
  `,
};
