/**
 * `npm run bench -- search`: the library search index on a seeded library of 100,000 claims. The
 * index build (migration 7's rebuild, the analyzer over every claim) and query latency p50/p95 of
 * search.query (FTS5 + rows + marks), beside a bare FTS5 table of the same claims' raw text with
 * the stock tokenizer and no analysis, the raw limit; which queries were too common to rank (the
 * newest matches instead), and search.facets (what the filters offer). Prints figures; fails on none.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibrary } from '../main/db/open';
import { libraryPath } from '../main/files/dataFolder';
import { createRepoContext } from '../main/repositories/context';
import { rebuildSearchIndex } from '../main/search/indexSql';
import { searchFacets } from '../main/search/facets';
import { queryTerms, RANK_AT_MOST, searchLibrary } from '../main/search/searchLibrary';
import { seedLibrary } from '../main/seed/seedLibrary';
import { formatMs } from './timing';

const PROJECTS = 10;
const CLAIMS_PER_PROJECT = 10_000;
const QUERIES = ['minister', 'budget rose', 'north korea', 'сотрудничество', 'президент заявил', 'الحكومة', '북한', 'econ', 'the', 'troops border crossing'];
const ROUNDS = 5;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function benchSearch(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-search-'));
  try {
    const seedStarted = performance.now();
    const seeded = seedLibrary({ dataDir: dir, projects: PROJECTS, claimsPerProject: CLAIMS_PER_PROJECT, seed: 7 });
    console.log(`seed of ${seeded.claims.toLocaleString('en')} claims (index written once per project): ${formatMs(performance.now() - seedStarted)}`);
    const { db } = openLibrary(libraryPath(dir));
    const ctx = createRepoContext(db);

    const buildStarted = performance.now();
    db.transaction(() => rebuildSearchIndex(db))();
    const buildMs = performance.now() - buildStarted;

    const bare = new Database(':memory:');
    bare.exec(`CREATE VIRTUAL TABLE bare USING fts5(main, context, tokenize = 'unicode61 remove_diacritics 2')`);
    const rows = db
      .prepare(
        `SELECT c.rowid AS id, c.statement || ' ' || c.anchor_exact AS main, c.rationale || ' ' || c.claimant || ' ' || c.tags AS context FROM claims c`,
      )
      .all() as { id: number; main: string; context: string }[];
    const insert = bare.prepare(`INSERT INTO bare (rowid, main, context) VALUES (?, ?, ?)`);
    const bareStarted = performance.now();
    bare.transaction(() => rows.forEach((row) => insert.run(row.id, row.main, row.context)))();
    const bareMs = performance.now() - bareStarted;
    console.log(
      `index build, ${rows.length.toLocaleString('en')} claims: ${formatMs(buildMs)} (analyzer: fold, stem, bigrams; ${Math.round(rows.length / (buildMs / 1000)).toLocaleString('en')} claims/s)` +
        ` — bare FTS5 of the raw text: ${formatMs(bareMs)}`,
    );

    const ours: number[] = [];
    const raw: number[] = [];
    const bareQuery = bare.prepare(`SELECT rowid FROM bare WHERE bare MATCH ? ORDER BY bm25(bare, 5.0, 1.0) LIMIT 50`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of QUERIES) {
        let started = performance.now();
        searchLibrary(ctx, { text, limit: 50 });
        ours.push(performance.now() - started);
        const terms = text.split(/\s+/).map((word) => `"${word}"`);
        terms[terms.length - 1] += '*';
        started = performance.now();
        bareQuery.all(terms.join(' AND '));
        raw.push(performance.now() - started);
      }
    }
    ours.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    console.log(
      `search.query, ${QUERIES.length} queries × ${ROUNDS} (top 50, marks included): p50 ${formatMs(percentile(ours, 0.5))}, p95 ${formatMs(percentile(ours, 0.95))}` +
        ` — bare FTS5 (rowids only): p50 ${formatMs(percentile(raw, 0.5))}, p95 ${formatMs(percentile(raw, 0.95))}`,
    );
    const worst = QUERIES.map((text) => {
      const started = performance.now();
      const result = searchLibrary(ctx, { text, limit: 50 });
      return { text, ms: performance.now() - started, terms: queryTerms(text).length, truncated: result.truncated };
    }).sort((a, b) => b.ms - a.ms)[0]!;
    console.log(`slowest query: “${worst.text}” ${formatMs(worst.ms)}`);
    const unranked = QUERIES.filter((text) => searchLibrary(ctx, { text, limit: 50 }).newestOnly);
    console.log(`newest matches instead of ranked (rarest word in over ${RANK_AT_MOST.toLocaleString('en')} records): ${unranked.map((text) => `“${text}”`).join(', ') || 'none'}`);
    const facetTimes: number[] = [];
    let facets = searchFacets(ctx);
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      facets = searchFacets(ctx);
      facetTimes.push(performance.now() - started);
    }
    facetTimes.sort((a, b) => a - b);
    console.log(
      `search.facets (${facets.verdicts.length} labels, ${facets.languages.length} languages, ${facets.tags.length} tags): p50 ${formatMs(percentile(facetTimes, 0.5))}`,
    );
    bare.close();
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
