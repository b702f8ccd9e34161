/**
 * The hot queries read only what they need (issue 10, item 3). On a seeded library of 100,000
 * claims (main/seed/seedLibrary.ts), the app's own handlers run against a context whose stmt()
 * records every statement with its parameters: the project list, opening a project (projects.get:
 * the project, its article summaries, verdicts and counts by status; workbench.loadArticle), a
 * claim's history, counts by status and by verdict. Each recorded statement is then planned with
 * EXPLAIN QUERY PLAN, with the parameters it ran with, as a new library has it (no statistics)
 * and after ANALYZE. None may scan a whole table: `SEARCH` is a range of an index, `SCAN` of a
 * table or of an index is all of it. The only SCAN allowed is the project list's of `projects`
 * (it lists every project: the table is its answer).
 */
import fs from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/api/channels';
import { createHandlers } from '../../../main/api/handlers';
import { countByStatus } from '../../../main/api/projectQueries';
import { createRegistry, type ApiRegistry } from '../../../main/api/registry';
import { LATEST_SCHEMA_VERSION } from '../../../main/db/migrations';
import { openLibrary, type Db } from '../../../main/db/open';
import { libraryPath } from '../../../main/files/dataFolder';
import { createRepoContext, type RepoContext } from '../../../main/repositories/context';
import { CHANGES, type Row } from '../../../main/repositories/tables';
import { searchLibrary } from '../../../main/search/searchLibrary';
import { seedLibrary } from '../../../main/seed/seedLibrary';
import { claimHistory } from '../../../main/workbench/records';
import { noDialogs, noPrinter, tempDir } from '../../support/library';

const PROJECTS = 10;
const CLAIMS_PER_PROJECT = 10_000;
const CHANGES_PER_CLAIM = 2;

interface Issued {
  sql: string;
  params: unknown[];
}
interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

let dir: string;
let db: Db;
let ctx: RepoContext;
let registry: ApiRegistry;
/** Statements issued while recording; null when not recording. */
let issued: Issued[] | null = null;

beforeAll(() => {
  dir = tempDir('factcheck-plans-');
  const seeded = seedLibrary({
    dataDir: dir,
    projects: PROJECTS,
    claimsPerProject: CLAIMS_PER_PROJECT,
    changesPerClaim: CHANGES_PER_CLAIM,
    seed: 5,
  });
  expect(seeded.claims).toBeGreaterThanOrEqual(100_000);
  db = openLibrary(libraryPath(dir)).db;
  const base = createRepoContext(db);
  // The app's context, but stmt() hands out statements that note what they run, and with what.
  ctx = { ...base, stmt: (sql) => recording(base.stmt(sql), sql) };
  registry = createRegistry(
    createHandlers({
      ctx,
      appVersion: 'test',
      dataPath: dir,
      schemaVersion: LATEST_SCHEMA_VERSION,
      dialogs: noDialogs,
      printer: noPrinter,
    }),
    { log: () => undefined },
  );
}, 240_000);
afterAll(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function recording(statement: Statement, sql: string): Statement {
  return new Proxy(statement, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'all' || property === 'get' || property === 'run' || property === 'iterate') {
        return (...params: unknown[]) => {
          issued?.push({ sql, params });
          return (value as (...args: unknown[]) => unknown).apply(target, params);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}

/** The statements fn issues (each distinct SQL text once, with the parameters of its first run). */
async function statementsOf(fn: () => unknown): Promise<Issued[]> {
  issued = [];
  try {
    await fn();
    const seen = new Map<string, Issued>();
    for (const statement of issued) if (!seen.has(statement.sql)) seen.set(statement.sql, statement);
    return [...seen.values()];
  } finally {
    issued = null;
  }
}

async function call(channel: Channel, request: unknown): Promise<unknown> {
  const result = await registry.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

const planOf = (statement: Issued): PlanRow[] =>
  db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as PlanRow[];

/**
 * The plan's scans of whole tables (or of whole indexes, which is the same read). Not counted:
 * a subquery's own rows (CO-ROUTINE/MATERIALIZE, planned on lines of their own, checked too),
 * a table-valued function over one row's value (json_each: VIRTUAL TABLE), a constant row.
 */
function fullScans(plan: PlanRow[], allowed: readonly string[] = []): string[] {
  const subqueries = new Set(
    plan.flatMap((row) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(row.detail)?.[1] ?? []),
  );
  return plan
    .map((row) => row.detail)
    .filter((detail) => {
      const scanned = /^SCAN (\S+)/.exec(detail)?.[1];
      if (scanned === undefined || detail === 'SCAN CONSTANT ROW') return false;
      if (/ VIRTUAL TABLE /.test(detail) || subqueries.has(scanned)) return false;
      return !allowed.includes(scanned);
    });
}

interface HotQuery {
  label: string;
  statements: Issued[];
  /** SCANs this query may make, by the name the plan gives (an alias). */
  allowed?: readonly string[];
}

let hot: HotQuery[] = [];
let projectId = '';
let claimId = '';

describe('the hot queries', () => {
  beforeAll(async () => {
    const projects = (await call('projects.list', {})) as { id: string; claimCount: number }[];
    expect(projects).toHaveLength(PROJECTS);
    projectId = projects[3]!.id;
    const opened = (await call('projects.get', { id: projectId })) as { articles: { id: string }[] };
    const loaded = (await call('workbench.loadArticle', { id: opened.articles[1]!.id })) as {
      claims: { id: string }[];
    };
    claimId = loaded.claims[Math.floor(loaded.claims.length / 2)]!.id;

    hot = [
      {
        label: 'project list',
        statements: await statementsOf(() => call('projects.list', {})),
        allowed: ['p'],
      },
      {
        label: 'project overview (projects.get)',
        statements: await statementsOf(() => call('projects.get', { id: projectId })),
      },
      {
        label: 'workbench.loadArticle',
        statements: await statementsOf(() => call('workbench.loadArticle', { id: opened.articles[1]!.id })),
      },
      {
        label: 'claim history',
        statements: await statementsOf(() => call('workbench.claimHistory', { claimId })),
      },
      {
        label: 'counts by status, every project',
        statements: await statementsOf(() => projects.forEach((project) => countByStatus(ctx, project.id))),
      },
      {
        label: 'counts by verdict',
        statements: await statementsOf(() => call('workbench.verdictUsage', { projectId })),
      },
      {
        // The library search (main/search): the FTS5 lookup (a VIRTUAL TABLE step), then rows by key.
        label: 'search library',
        statements: await statementsOf(async () => {
          await call('search.query', { text: 'minister said', limit: 50 });
          await call('search.query', {
            text: 'budget',
            filters: { statuses: ['approved'], claimant: 'a', tag: 'x', from: '2020-01-01', to: '2030-01-01', language: 'en' },
          });
          await call('search.query', { text: 'minister', filters: { verdictLabels: ['False', 'Mostly false'] } });
        }),
        // A verdict label is turned into the ids of every scale's verdicts with it: the verdicts
        // table is read whole, a scale of a handful of rows per project.
        allowed: ['verdicts'],
      },
      {
        // A word too common to rank: the newest matches, read from FTS5 in rowid order.
        label: 'search library, newest matches',
        statements: await statementsOf(() => searchLibrary(ctx, { text: 'minister', limit: 50, rankAtMost: 1 })),
      },
      {
        // What the filters offer. verdicts (v) is read whole: a scale of a handful of rows per
        // project. projects (p) and reference collections (k) are read whole too, one row each per
        // project or import; claims and articles are reached through index ranges from them.
        label: 'search facets',
        statements: await statementsOf(() => call('search.facets', {})),
        allowed: ['v', 'p', 'k'],
      },
    ];
    for (const query of hot) expect(query.statements.length, query.label).toBeGreaterThan(0);
  }, 60_000);

  const check = () => {
    const problems: string[] = [];
    for (const query of hot) {
      for (const statement of query.statements) {
        const plan = planOf(statement);
        const scans = fullScans(plan, query.allowed);
        if (scans.length > 0) {
          problems.push(
            `${query.label}: ${statement.sql.replace(/\s+/g, ' ')}\n    ${plan.map((row) => row.detail).join('\n    ')}`,
          );
        }
      }
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
  };

  /** The plan of the one statement of `label` whose SQL matches. */
  const planFor = (label: string, sql: RegExp) => {
    const statement = hot.find((query) => query.label === label)!.statements.find((s) => sql.test(s.sql));
    expect(statement, `${label}: ${sql}`).toBeDefined();
    return planOf(statement!)
      .map((row) => row.detail)
      .join(' | ');
  };

  const checkIndexes = () => {
    // Read from the indexes alone: no table row is read for these.
    expect(planFor('claim history', /FROM changes/)).toMatch(
      /^SEARCH changes USING INDEX changes_by_claim \(claim_id=\?\)$/,
    );
    expect(planFor('counts by status, every project', /GROUP BY status/)).toMatch(
      /USING COVERING INDEX claims_by_status \(project_id=\?\)/,
    );
    expect(planFor('counts by verdict', /GROUP BY verdict_id/)).toMatch(
      /USING COVERING INDEX claims_by_verdict_in_project \(project_id=\?/,
    );
    const summaries = planFor('project overview (projects.get)', /text_length/);
    expect(summaries).toMatch(/SEARCH a USING COVERING INDEX articles_summaries \(project_id=\?\)/);
    expect(summaries).toMatch(/SEARCH c USING COVERING INDEX claims_by_article \(article_id=\?\)/);
    expect(summaries).not.toMatch(/TEMP B-TREE/);
    expect(planFor('workbench.loadArticle', /DISTINCT claimant/)).toMatch(
      /USING COVERING INDEX claims_by_claimant/,
    );
    expect(planFor('workbench.loadArticle', /json_each/)).toMatch(/USING COVERING INDEX claims_by_tags/);
    // The search starts from the FTS5 index and reaches each row by its key, never by a scan.
    const search = planFor('search library', /r\.kind = 'claim'/);
    expect(search).toMatch(/^SCAN search_index VIRTUAL TABLE INDEX/);
    expect(search).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    const newest = planFor('search library, newest matches', /r\.kind = 'claim'/);
    expect(newest).toMatch(/^SCAN search_index VIRTUAL TABLE INDEX/);
    // FTS5 hands the rows over newest first: nothing sorts every match.
    expect(newest).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    // Claims are counted per verdict and tags read per project from indexes, never row by row.
    expect(planFor('search facets', /FROM verdicts v/)).toMatch(/SEARCH c USING COVERING INDEX claims_by_verdict \(verdict_id=\?\)/);
    expect(planFor('search facets', /json_each\(sets\.tags\)/)).toMatch(/SEARCH c USING COVERING INDEX claims_by_tags \(project_id=\?\)/);
    const languages = planFor('search facets', /a\.language AS language/);
    expect(languages).toMatch(/SEARCH a USING COVERING INDEX articles_summaries \(project_id=\?\)/);
    expect(languages).toMatch(/SEARCH x USING INDEX reference_checks_by_collection \(collection_id=\?\)/);
  };

  it('never scan a whole table, in a library without statistics (as the app has it)', () => {
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()).toBeUndefined();
    check();
    checkIndexes();
  });

  it('never scan a whole table after ANALYZE either', () => {
    db.exec('ANALYZE');
    check();
    checkIndexes();
  });

  it('answer the same history as reading the sources’ claim out of every row did', () => {
    const claims = db
      .prepare(`SELECT id FROM claims WHERE project_id = ? ORDER BY number LIMIT 5`)
      .all(projectId) as { id: string }[];
    for (const { id } of [...claims, { id: claimId }]) {
      const before = (
        db
          .prepare(
            `SELECT ${CHANGES.columns()} FROM changes
             WHERE entity_id = @id
                OR entity_id IN (
                  SELECT entity_id FROM changes
                  WHERE entity_type = 'source' AND op IN ('create', 'delete')
                    AND (json_extract(fields, '$.claimId.after') = @id OR json_extract(fields, '$.claimId.before') = @id))
             ORDER BY seq DESC`,
          )
          .all({ id }) as Row[]
      ).map(CHANGES.fromRow);
      expect(before.length).toBeGreaterThan(CHANGES_PER_CLAIM);
      expect(claimHistory(ctx, id)).toEqual(before);
    }
  });

  it('are caught when they do scan (the check itself)', () => {
    const plan = planOf({ sql: `SELECT COUNT(*) FROM claims WHERE rationale LIKE ?`, params: ['%budget%'] });
    expect(fullScans(plan)).toEqual([expect.stringMatching(/^SCAN claims/)]);
    // All of an index is all of the table's rows too.
    const indexScan = planOf({ sql: `SELECT COUNT(*) FROM claims`, params: [] });
    expect(fullScans(indexScan)).toEqual([expect.stringMatching(/^SCAN claims USING COVERING INDEX/)]);
  });
});
