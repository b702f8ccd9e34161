import type { Migration } from './types';

/** The first schema: projects and everything in them, the change history, settings. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    PRAGMA application_id = 1178823499;

    CREATE TABLE projects (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE verdicts (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      colour TEXT NOT NULL,
      rating_value REAL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX verdicts_by_project ON verdicts(project_id, position);

    CREATE TABLE articles (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      outlet TEXT NOT NULL DEFAULT '',
      author TEXT NOT NULL DEFAULT '',
      url TEXT NOT NULL DEFAULT '',
      published_date TEXT NOT NULL DEFAULT '',
      language TEXT NOT NULL DEFAULT '',
      direction TEXT NOT NULL DEFAULT 'ltr' CHECK (direction IN ('ltr', 'rtl')),
      text TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX articles_by_project ON articles(project_id, created_at);

    CREATE TABLE claims (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      anchor_start INTEGER NOT NULL CHECK (anchor_start >= 0),
      anchor_end INTEGER NOT NULL CHECK (anchor_end >= anchor_start),
      anchor_exact TEXT NOT NULL,
      anchor_prefix TEXT NOT NULL DEFAULT '',
      anchor_suffix TEXT NOT NULL DEFAULT '',
      anchor_state TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor_state IN ('anchored', 'orphaned')),
      statement TEXT NOT NULL DEFAULT '',
      claimant TEXT NOT NULL DEFAULT '',
      claim_date TEXT NOT NULL DEFAULT '',
      -- The app asks for a replacement before a verdict in use is deleted; SET NULL is the backstop.
      verdict_id TEXT REFERENCES verdicts(id) ON DELETE SET NULL,
      rationale TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'unchecked' CHECK (status IN ('unchecked', 'researching', 'in_review', 'approved')),
      tags TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX claims_by_article ON claims(article_id, anchor_start);
    CREATE INDEX claims_by_project ON claims(project_id);
    CREATE INDEX claims_by_verdict ON claims(verdict_id);

    CREATE TABLE sources (
      id TEXT PRIMARY KEY,
      claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      url TEXT NOT NULL DEFAULT '',
      title TEXT NOT NULL DEFAULT '',
      publisher TEXT NOT NULL DEFAULT '',
      published_date TEXT NOT NULL DEFAULT '',
      accessed_date TEXT NOT NULL DEFAULT '',
      archived_url TEXT NOT NULL DEFAULT '',
      excerpt TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sources_by_claim ON sources(claim_id, position);

    -- The history: one row per change, with its own UUID so copies of a project can find the
    -- changes they share (the merge base). No foreign key to the entity: a deleted claim keeps
    -- its history.
    CREATE TABLE changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      entity_type TEXT NOT NULL CHECK (entity_type IN ('project', 'article', 'claim', 'source', 'verdict')),
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
      fields TEXT NOT NULL,
      author TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX changes_by_entity ON changes(entity_id, seq);
    CREATE INDEX changes_by_project ON changes(project_id, seq);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
