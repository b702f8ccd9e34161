import type { Migration } from './types';

/**
 * Reference fact-checks: published fact-checks from other outlets or data sets, imported as named
 * collections (main/references/). The search index (migration 7) indexes `reference_checks`
 * through triggers, so these columns are a contract: columns may be added, never renamed or dropped.
 * A check is the same check again when its URL or its id in the file repeats within a collection
 * (the partial unique indexes); an import merges such repeats instead of adding them twice.
 */
export const migration006: Migration = {
  version: 6,
  name: 'reference_checks',
  sql: `
    CREATE TABLE reference_collections (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      format TEXT NOT NULL,
      source_file TEXT NOT NULL DEFAULT '',
      imported_at TEXT NOT NULL,
      item_count INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE reference_checks (
      id TEXT PRIMARY KEY,
      collection_id TEXT NOT NULL REFERENCES reference_collections(id) ON DELETE CASCADE,
      external_id TEXT NOT NULL DEFAULT '',
      url TEXT NOT NULL DEFAULT '',
      claim_text TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      claimant TEXT NOT NULL DEFAULT '',
      claim_date TEXT NOT NULL DEFAULT '',
      publisher TEXT NOT NULL DEFAULT '',
      rating TEXT NOT NULL DEFAULT '',
      review_date TEXT NOT NULL DEFAULT '',
      language TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX reference_checks_by_collection ON reference_checks(collection_id);
    CREATE UNIQUE INDEX reference_checks_by_url ON reference_checks(collection_id, url) WHERE url <> '';
    CREATE UNIQUE INDEX reference_checks_by_external_id ON reference_checks(collection_id, external_id) WHERE external_id <> '';
  `,
};
