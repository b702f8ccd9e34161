/**
 * Migration 004 (main/db/migrations/004_indexes_integrity.ts): the project rules held by SQLite
 * itself (a raw INSERT or UPDATE that crosses projects fails), the derived columns
 * (`changes.claim_id`, `articles.text_length`) as every writer leaves them, and the backfill of
 * both from a version-3 library.
 */
import { LATEST_SCHEMA_VERSION } from '../../../main/db/migrations';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnchor } from '../../../shared/anchoring';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { openLibrary, type Db } from '../../../main/db/open';
import { toAppError } from '../../../main/errors';
import { libraryPath } from '../../../main/files/dataFolder';
import { createArticle, listArticleSummaries, updateArticle } from '../../../main/repositories/articles';
import { createClaim, updateClaim } from '../../../main/repositories/claims';
import { createRepoContext, type RepoContext } from '../../../main/repositories/context';
import { addCorrection, addTeamNote } from '../../../main/repositories/editorial';
import { createProject } from '../../../main/repositories/projects';
import { createSource, deleteSource, updateSource } from '../../../main/repositories/sources';
import { listVerdicts } from '../../../main/repositories/verdicts';
import { claimHistory } from '../../../main/workbench/records';
import { tempDir } from '../../support/library';

let dir: string;
let db: Db;
let ctx: RepoContext;
beforeEach(() => {
  dir = tempDir('factcheck-integrity-');
  db = openLibrary(libraryPath(dir)).db;
  ctx = createRepoContext(db, { author: () => 'Tester' });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TEXT = 'The minister said the budget rose by 12% in 2024. Critics disagreed.';
const META = {
  title: 'A',
  outlet: '',
  author: '',
  url: '',
  publishedDate: '',
  language: 'en',
  direction: 'ltr',
} as const;

/** Two projects, each with an article, its verdict scale and a claim. */
function twoProjects() {
  const make = (title: string) => {
    const project = createProject(ctx, { title });
    const article = createArticle(ctx, project.id, { ...META, text: TEXT });
    const verdicts = listVerdicts(ctx, project.id);
    const claim = createClaim(ctx, {
      projectId: project.id,
      articleId: article.id,
      anchor: createAnchor(TEXT, 4, 12),
    });
    return { project, article, verdict: verdicts[0]!, claim };
  };
  return { a: make('A'), b: make('B') };
}

/** The error a statement fails with (it must fail). */
function failureOf(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the statement to fail');
}

const RAW_CLAIM = `INSERT INTO claims (id, project_id, article_id, anchor_start, anchor_end, anchor_exact, verdict_id, number, created_at, updated_at)
  VALUES (?, ?, ?, 0, 3, 'The', ?, ?, 't', 't')`;

describe('the schema keeps a claim, its article, verdict, notes and corrections in one project', () => {
  it('refuses a raw INSERT that crosses projects, with a constraint error', () => {
    const { a, b } = twoProjects();
    const article = failureOf(() => db.prepare(RAW_CLAIM).run('c1', a.project.id, b.article.id, null, 90));
    expect(article.code).toBe('SQLITE_CONSTRAINT_TRIGGER');
    expect(article.message).toBe(
      'That article belongs to another project: a claim and its article must be in the same project.',
    );
    const verdict = failureOf(() =>
      db.prepare(RAW_CLAIM).run('c2', a.project.id, a.article.id, b.verdict.id, 91),
    );
    expect(verdict).toMatchObject({
      code: 'SQLITE_CONSTRAINT_TRIGGER',
      message: 'That verdict is not on this project’s scale.',
    });
    // In the same project both go in.
    db.prepare(RAW_CLAIM).run('c3', a.project.id, a.article.id, a.verdict.id, 92);

    const note = failureOf(() =>
      db
        .prepare(
          `INSERT INTO team_notes (id, project_id, claim_id, author, text, created_at) VALUES ('n1', ?, ?, 'x', 'y', 't')`,
        )
        .run(b.project.id, a.claim.id),
    );
    expect(note).toMatchObject({
      code: 'SQLITE_CONSTRAINT_TRIGGER',
      message: expect.stringContaining('a team note must be in its claim’s project'),
    });
    const correction = failureOf(() =>
      db
        .prepare(
          `INSERT INTO corrections (id, project_id, claim_id, kind, text, author, created_at) VALUES ('k1', ?, ?, 'update', 'y', 'x', 't')`,
        )
        .run(b.project.id, a.claim.id),
    );
    expect(correction).toMatchObject({
      code: 'SQLITE_CONSTRAINT_TRIGGER',
      message: expect.stringContaining('a correction must be in its claim’s project'),
    });
    // A missing parent is still the foreign key's to refuse.
    expect(
      failureOf(() => db.prepare(RAW_CLAIM).run('c4', a.project.id, 'no-such-article', null, 93)).code,
    ).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });

  it('refuses a raw UPDATE that crosses projects, and lets other updates through', () => {
    const { a, b } = twoProjects();
    const note = addTeamNote(ctx, a.claim.id, 'Check the budget figures.');
    const correction = addCorrection(ctx, a.claim.id, 'update', 'Figures updated.');
    const fails = (sql: string, ...params: unknown[]) => {
      const error = failureOf(() => db.prepare(sql).run(...params));
      expect(error.code, sql).toBe('SQLITE_CONSTRAINT_TRIGGER');
      return error.message;
    };
    expect(fails(`UPDATE claims SET verdict_id = ? WHERE id = ?`, b.verdict.id, a.claim.id)).toMatch(
      /not on this project’s scale/,
    );
    expect(fails(`UPDATE claims SET article_id = ? WHERE id = ?`, b.article.id, a.claim.id)).toMatch(
      /article belongs to another project/,
    );
    expect(
      fails(
        `UPDATE claims SET project_id = ?, article_id = ? WHERE id = ?`,
        b.project.id,
        b.article.id,
        a.claim.id,
      ),
    ).toMatch(/team notes or corrections/);
    expect(fails(`UPDATE articles SET project_id = ? WHERE id = ?`, b.project.id, a.article.id)).toMatch(
      /article has claims/,
    );
    db.prepare(`UPDATE claims SET verdict_id = ? WHERE id = ?`).run(a.verdict.id, a.claim.id);
    expect(fails(`UPDATE verdicts SET project_id = ? WHERE id = ?`, b.project.id, a.verdict.id)).toMatch(
      /verdict is in use/,
    );
    expect(fails(`UPDATE team_notes SET project_id = ? WHERE id = ?`, b.project.id, note.id)).toMatch(
      /team note/,
    );
    expect(fails(`UPDATE team_notes SET claim_id = ? WHERE id = ?`, b.claim.id, note.id)).toMatch(
      /team note/,
    );
    expect(fails(`UPDATE corrections SET project_id = ? WHERE id = ?`, b.project.id, correction.id)).toMatch(
      /correction/,
    );

    // Within the project, and updates that do not touch the project columns, go through.
    db.prepare(`UPDATE claims SET verdict_id = ?, rationale = 'ok' WHERE id = ?`).run(
      a.verdict.id,
      a.claim.id,
    );
    updateClaim(ctx, a.claim.id, { verdictId: listVerdicts(ctx, a.project.id)[1]!.id, statement: 'Edited' });
    // A claim with nothing pointing at it moves with its article's project, verdict cleared.
    db.prepare(
      `UPDATE claims SET project_id = ?, article_id = ?, verdict_id = NULL, number = 99 WHERE id = ?`,
    ).run(a.project.id, a.article.id, b.claim.id);
  });

  it('maps the refusal to a message a person can act on', () => {
    const { a, b } = twoProjects();
    // The repositories check the verdict themselves; createClaim trusts its caller with the article.
    const error = failureOf(() =>
      createClaim(ctx, {
        projectId: a.project.id,
        articleId: b.article.id,
        anchor: createAnchor(TEXT, 4, 12),
      }),
    );
    const appError = toAppError(error);
    expect(appError.code).toBe('invalid_request');
    expect(appError.message).toBe(
      'That article belongs to another project: a claim and its article must be in the same project.',
    );
    // Nothing of the refused claim was written.
    expect(db.prepare(`SELECT COUNT(*) AS n FROM claims`).get()).toEqual({ n: 2 });
  });
});

describe('the derived columns', () => {
  it('give every claim and source row of the history its claim', () => {
    const { a } = twoProjects();
    const first = createSource(ctx, a.claim.id, { url: 'https://example.org/1' });
    const second = createSource(ctx, a.claim.id, { url: 'https://example.org/2' });
    updateSource(ctx, first.id, { note: 'Checked' });
    deleteSource(ctx, first.id); // moves the second one up: an update of it
    updateClaim(ctx, a.claim.id, { statement: 'Edited' });
    const rows = db
      .prepare(`SELECT entity_type, entity_id, op, claim_id FROM changes ORDER BY seq`)
      .all() as {
      entity_type: string;
      entity_id: string;
      op: string;
      claim_id: string | null;
    }[];
    for (const row of rows) {
      // Every source here is on a's claim; each claim's rows name the claim itself.
      const expected =
        row.entity_type === 'claim' ? row.entity_id : row.entity_type === 'source' ? a.claim.id : null;
      expect(row.claim_id, `${row.entity_type} ${row.op}`).toBe(expected);
    }
    const history = claimHistory(ctx, a.claim.id);
    // Claim: create, update; first source: create, update, delete; second: create, update (position).
    const name = (id: string) =>
      id === a.claim.id ? 'claim' : id === first.id ? 'first' : id === second.id ? 'second' : id;
    expect(history.map((change) => `${name(change.entityId)} ${change.op}`)).toEqual([
      'claim update',
      'second update',
      'first delete',
      'first update',
      'second create',
      'first create',
      'claim create',
    ]);
    expect(claimHistory(ctx, a.claim.id, 2)).toHaveLength(2);
  });

  it('keep each article’s text length, for the summaries', () => {
    const { a } = twoProjects();
    const length = (id: string) =>
      (db.prepare(`SELECT text_length FROM articles WHERE id = ?`).get(id) as { text_length: number })
        .text_length;
    expect(length(a.article.id)).toBe(TEXT.length);
    updateArticle(ctx, a.article.id, { text: 'Shorter text.' });
    expect(length(a.article.id)).toBe('Shorter text.'.length);
    expect(listArticleSummaries(ctx, a.project.id)).toMatchObject([
      { id: a.article.id, textLength: 13, claimCount: 1 },
    ]);
    // Raw writers that leave it out: the triggers set it.
    db.prepare(
      `INSERT INTO articles (id, project_id, title, text, created_at, updated_at) VALUES ('raw', ?, 'R', 'four', 't', 't')`,
    ).run(a.project.id);
    expect(length('raw')).toBe(4);
    db.prepare(`UPDATE articles SET text = 'seven!!' WHERE id = 'raw'`).run();
    expect(length('raw')).toBe(7);
    db.prepare(`UPDATE articles SET text_length = 1 WHERE id = 'raw'`).run();
    expect(length('raw')).toBe(7);
  });
});

describe('migration 004 on a version-3 library', () => {
  it('fills claim_id and text_length from the rows there, and sets notes to their claim’s project', () => {
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 3));
    const insert = (sql: string, ...params: unknown[]) => old.prepare(sql).run(...params);
    insert(
      `INSERT INTO projects (id, title, created_at, updated_at) VALUES ('p', 'P', 't', 't'), ('q', 'Q', 't', 't')`,
    );
    // Characters, as SQL length() counts them: the emoji is one (two UTF-16 units).
    insert(
      `INSERT INTO articles (id, project_id, title, text, created_at, updated_at) VALUES ('a', 'p', 'A', 'Budget 📈 rose.', 't', 't')`,
    );
    insert(
      `INSERT INTO claims (id, project_id, article_id, number, anchor_start, anchor_end, anchor_exact, created_at, updated_at) VALUES ('c', 'p', 'a', 1, 0, 6, 'Budget', 't', 't')`,
    );
    insert(
      `INSERT INTO sources (id, claim_id, position, created_at, updated_at) VALUES ('s1', 'c', 0, 't', 't')`,
    );
    insert(
      `INSERT INTO team_notes (id, project_id, claim_id, author, text, created_at) VALUES ('n', 'q', 'c', 'x', 'y', 't')`,
    );
    const change = old.prepare(
      `INSERT INTO changes (id, project_id, entity_type, entity_id, op, fields, author, at) VALUES (?, 'p', ?, ?, ?, ?, '', ?)`,
    );
    const rows: [id: string, type: string, entity: string, op: string, fields: object][] = [
      ['h1', 'project', 'p', 'create', { title: { after: 'P' } }],
      ['h2', 'article', 'a', 'create', { title: { after: 'A' } }],
      ['h3', 'claim', 'c', 'create', { statement: { after: 'Budget' } }],
      ['h4', 'source', 's1', 'create', { claimId: { after: 'c' }, url: { after: '' } }],
      ['h5', 'source', 's1', 'update', { url: { before: '', after: 'https://example.org' } }],
      // A source deleted since: its update names no claim, its create and delete rows do.
      ['h6', 'source', 's2', 'create', { claimId: { after: 'c' } }],
      ['h7', 'source', 's2', 'update', { note: { before: '', after: 'x' } }],
      ['h8', 'source', 's2', 'delete', { claimId: { before: 'c' } }],
      ['h9', 'claim', 'c', 'update', { rationale: { before: '', after: 'Because.' } }],
      // The history of a source whose create row is not there (and no longer in the table): no claim.
      ['h10', 'source', 's3', 'update', { note: { before: '', after: 'y' } }],
    ];
    rows.forEach(([id, type, entity, op, fields], i) =>
      change.run(id, type, entity, op, JSON.stringify(fields), `2024-01-01T00:00:0${i}Z`),
    );
    old.close();

    db.close();
    db = openLibrary(file).db;
    ctx = createRepoContext(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(
      Object.fromEntries(
        (
          db.prepare(`SELECT id, claim_id FROM changes`).all() as { id: string; claim_id: string | null }[]
        ).map((r) => [r.id, r.claim_id]),
      ),
    ).toEqual({
      h1: null,
      h2: null,
      h3: 'c',
      h4: 'c',
      h5: 'c',
      h6: 'c',
      h7: 'c',
      h8: 'c',
      h9: 'c',
      h10: null,
    });
    expect(claimHistory(ctx, 'c').map((c) => c.id)).toEqual(['h9', 'h8', 'h7', 'h6', 'h5', 'h4', 'h3']);
    expect(db.prepare(`SELECT text_length FROM articles WHERE id = 'a'`).get()).toEqual({
      text_length: 'Budget 📈 rose.'.length - 1,
    });
    expect(db.prepare(`SELECT project_id FROM team_notes WHERE id = 'n'`).get()).toEqual({ project_id: 'p' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});
