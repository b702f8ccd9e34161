import type { Migration } from './types';

/**
 * Queries that read only what they need, and the project rules in the schema.
 *
 * - `changes.claim_id`: the claim a change belongs to (a claim's own rows, and its sources' rows:
 *   the claim named in a source's create/delete fields, else the source's row, else another row
 *   of the same source), so a claim's history is one index range instead of a scan of the whole
 *   history. Filled from now on by the table description (main/repositories/tables.ts), through
 *   which every writer of the history goes; a raw INSERT must set it itself (bench/ does). No
 *   trigger backs it up: an AFTER INSERT trigger on the history made every history row a
 *   statement that may write twice, and a 10,000-claim import a third slower. Project, article
 *   and verdict rows have none (NULL).
 * - `articles.text_length`: the stored length of the text (characters, as SQL `length()`), kept by
 *   the table description on every write and by a trigger for any other writer. A plain column
 *   and not a generated one: a STORED generated column cannot be added by ALTER TABLE (it would
 *   take a rebuild of the table, every article's text copied), and SQLite treats a query that reads
 *   a VIRTUAL generated column as reading every column it is computed from, the text included, so
 *   no index could cover the summaries. With the column in a covering index, the summaries of a
 *   project are read from the index alone: the text, and the overflow pages it spills into (which
 *   SQLite walks to reach the columns stored after it), are never read.
 * - Covering indexes for what opening a project and the project list count and list: claims by
 *   status and by verdict per project, the claimants and the tag lists of a project.
 *   `claims_by_project` goes: `claims_by_status` starts with the same column.
 * - Triggers: a claim's article and verdict are in the claim's project; a team note's and a
 *   correction's project is their claim's. Rows that already cross projects (the app never wrote
 *   any: it checks the same in code) are left as they are; the triggers refuse every new write
 *   that would cross, and an update that does not touch the columns concerned still goes through.
 *   Each RAISE message is phrased for a person (main/errors.ts shows it as it is).
 */
export const migration004: Migration = {
  version: 4,
  name: 'indexes and integrity',
  sql: `
    -- A claim's history, its sources' rows included.
    ALTER TABLE changes ADD COLUMN claim_id TEXT;
    UPDATE changes SET claim_id = CASE entity_type
        WHEN 'claim' THEN entity_id
        ELSE COALESCE(
          json_extract(fields, '$.claimId.after'),
          json_extract(fields, '$.claimId.before'),
          (SELECT s.claim_id FROM sources s WHERE s.id = changes.entity_id))
      END
      WHERE entity_type IN ('claim', 'source');
    -- A deleted source's updates: the claim named by another row of the same source.
    UPDATE changes SET claim_id = (
        SELECT k.claim_id FROM changes k
        WHERE k.entity_id = changes.entity_id AND k.claim_id IS NOT NULL ORDER BY k.seq LIMIT 1)
      WHERE entity_type = 'source' AND claim_id IS NULL;
    CREATE INDEX changes_by_claim ON changes(claim_id, seq) WHERE claim_id IS NOT NULL;

    -- Article summaries without the text.
    ALTER TABLE articles ADD COLUMN text_length INTEGER NOT NULL DEFAULT 0 CHECK (text_length >= 0);
    UPDATE articles SET text_length = length(text);
    DROP INDEX articles_by_project;
    CREATE INDEX articles_summaries ON articles(project_id, created_at, id, title, outlet, author, url,
      published_date, language, direction, text_length, updated_at);
    CREATE TRIGGER articles_text_length_insert AFTER INSERT ON articles
      WHEN NEW.text_length IS NOT length(NEW.text)
    BEGIN
      UPDATE articles SET text_length = length(NEW.text) WHERE id = NEW.id;
    END;
    CREATE TRIGGER articles_text_length_update AFTER UPDATE OF text, text_length ON articles
      WHEN NEW.text_length IS NOT length(NEW.text)
    BEGIN
      UPDATE articles SET text_length = length(NEW.text) WHERE id = NEW.id;
    END;

    -- Counts and lists per project, from indexes alone.
    CREATE INDEX claims_by_claimant ON claims(project_id, claimant);
    CREATE INDEX claims_by_tags ON claims(project_id, tags);
    CREATE INDEX claims_by_verdict_in_project ON claims(project_id, verdict_id);
    DROP INDEX claims_by_project;
    CREATE INDEX claims_by_status ON claims(project_id, status);

    -- A claim's article and verdict are in its project.
    CREATE TRIGGER claims_article_in_project BEFORE INSERT ON claims
      WHEN EXISTS (SELECT 1 FROM articles a WHERE a.id = NEW.article_id AND a.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That article belongs to another project: a claim and its article must be in the same project.');
    END;
    CREATE TRIGGER claims_article_in_project_update BEFORE UPDATE OF project_id, article_id ON claims
      WHEN (NEW.article_id IS NOT OLD.article_id OR NEW.project_id IS NOT OLD.project_id)
        AND EXISTS (SELECT 1 FROM articles a WHERE a.id = NEW.article_id AND a.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That article belongs to another project: a claim and its article must be in the same project.');
    END;
    CREATE TRIGGER claims_verdict_in_project BEFORE INSERT ON claims
      WHEN NEW.verdict_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM verdicts v WHERE v.id = NEW.verdict_id AND v.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That verdict is not on this project’s scale.');
    END;
    CREATE TRIGGER claims_verdict_in_project_update BEFORE UPDATE OF project_id, verdict_id ON claims
      WHEN NEW.verdict_id IS NOT NULL
        AND (NEW.verdict_id IS NOT OLD.verdict_id OR NEW.project_id IS NOT OLD.project_id)
        AND EXISTS (SELECT 1 FROM verdicts v WHERE v.id = NEW.verdict_id AND v.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That verdict is not on this project’s scale.');
    END;
    -- …and stay there: what points at an article, a verdict or a claim keeps it in its project.
    CREATE TRIGGER articles_keep_project BEFORE UPDATE OF project_id ON articles
      WHEN NEW.project_id IS NOT OLD.project_id AND EXISTS (SELECT 1 FROM claims c WHERE c.article_id = NEW.id)
    BEGIN
      SELECT RAISE(ABORT, 'This article has claims, so it cannot move to another project.');
    END;
    CREATE TRIGGER verdicts_keep_project BEFORE UPDATE OF project_id ON verdicts
      WHEN NEW.project_id IS NOT OLD.project_id AND EXISTS (SELECT 1 FROM claims c WHERE c.verdict_id = NEW.id)
    BEGIN
      SELECT RAISE(ABORT, 'This verdict is in use, so it cannot move to another project.');
    END;
    CREATE TRIGGER claims_keep_notes_project BEFORE UPDATE OF project_id ON claims
      WHEN NEW.project_id IS NOT OLD.project_id
        AND (EXISTS (SELECT 1 FROM team_notes n WHERE n.claim_id = NEW.id)
          OR EXISTS (SELECT 1 FROM corrections k WHERE k.claim_id = NEW.id))
    BEGIN
      SELECT RAISE(ABORT, 'This claim has team notes or corrections, so it cannot move to another project.');
    END;

    -- A team note's and a correction's project is their claim's.
    CREATE TRIGGER team_notes_in_claim_project BEFORE INSERT ON team_notes
      WHEN EXISTS (SELECT 1 FROM claims c WHERE c.id = NEW.claim_id AND c.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That claim belongs to another project: a team note must be in its claim’s project.');
    END;
    CREATE TRIGGER team_notes_in_claim_project_update BEFORE UPDATE OF project_id, claim_id ON team_notes
      WHEN (NEW.claim_id IS NOT OLD.claim_id OR NEW.project_id IS NOT OLD.project_id)
        AND EXISTS (SELECT 1 FROM claims c WHERE c.id = NEW.claim_id AND c.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That claim belongs to another project: a team note must be in its claim’s project.');
    END;
    CREATE TRIGGER corrections_in_claim_project BEFORE INSERT ON corrections
      WHEN EXISTS (SELECT 1 FROM claims c WHERE c.id = NEW.claim_id AND c.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That claim belongs to another project: a correction must be in its claim’s project.');
    END;
    CREATE TRIGGER corrections_in_claim_project_update BEFORE UPDATE OF project_id, claim_id ON corrections
      WHEN (NEW.claim_id IS NOT OLD.claim_id OR NEW.project_id IS NOT OLD.project_id)
        AND EXISTS (SELECT 1 FROM claims c WHERE c.id = NEW.claim_id AND c.project_id IS NOT NEW.project_id)
    BEGIN
      SELECT RAISE(ABORT, 'That claim belongs to another project: a correction must be in its claim’s project.');
    END;
    -- Their project column only repeats the claim's: set it from the claim where it differs.
    UPDATE team_notes SET project_id = (SELECT c.project_id FROM claims c WHERE c.id = team_notes.claim_id)
      WHERE project_id IS NOT (SELECT c.project_id FROM claims c WHERE c.id = team_notes.claim_id);
    UPDATE corrections SET project_id = (SELECT c.project_id FROM claims c WHERE c.id = corrections.claim_id)
      WHERE project_id IS NOT (SELECT c.project_id FROM claims c WHERE c.id = corrections.claim_id);
  `,
};
