import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../../shared/domain';
import { openLibrary, type Db } from '../../../main/db/open';
import { libraryPath } from '../../../main/files/dataFolder';
import { createRepoContext, type RepoContext } from '../../../main/repositories/context';
import { CHANGES, CLAIMS, defineTable, TABLES } from '../../../main/repositories/tables';

let dir: string;
let db: Db;
let ctx: RepoContext;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-tables-'));
  db = openLibrary(libraryPath(dir)).db;
  ctx = createRepoContext(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CLAIM: Claim = {
  id: '00000000-0000-4000-8000-000000000003',
  projectId: '00000000-0000-4000-8000-000000000001',
  articleId: '00000000-0000-4000-8000-000000000002',
  number: 1,
  anchor: { start: 4, end: 9, exact: 'quote', prefix: 'the ', suffix: ' end' },
  anchorState: 'anchored',
  statement: 'A “quote”',
  claimant: 'Someone',
  claimDate: '2024-10-21',
  verdictId: null,
  rationale: 'Because.',
  status: 'in_review',
  tags: ['kremlin', 'dprk'],
  claimantType: '',
  assignee: '',
  quoteChangedFrom: '',
  approval: { by: '', at: '', seal: '' },
  createdAt: '2024-10-21T10:00:00.000Z',
  updatedAt: '2024-10-21T11:00:00.000Z',
};

describe('table descriptions', () => {
  it('name every column of each table, and only those', () => {
    for (const table of TABLES) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table.name) as { name: string }[])
        .map((column) => column.name)
        .filter((name) => !(table === CHANGES && name === 'seq'));
      expect([...table.columnNames].sort(), table.name).toEqual(columns.sort());
    }
  });

  it('map a record to its row and back, nested fields and JSON included, keys in field order', () => {
    const row = CLAIMS.toRow(CLAIM);
    expect(row).toMatchObject({ anchor_start: 4, anchor_exact: 'quote', claim_date: '2024-10-21', tags: '["kremlin","dprk"]' });
    const back = CLAIMS.fromRow(row);
    expect(back).toEqual(CLAIM);
    expect(Object.keys(back)).toEqual(Object.keys(CLAIM));
    expect(Object.keys(back.anchor)).toEqual(Object.keys(CLAIM.anchor));
    expect(CLAIMS.jsonText(row)).toBe(JSON.stringify(CLAIM));
  });

  it('insert and update through SQLite; update leaves the id and the parents alone', () => {
    db.prepare(`INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, 'P', '', '')`).run(CLAIM.projectId);
    db.prepare(`INSERT INTO articles (id, project_id, title, text, created_at, updated_at) VALUES (?, ?, 'A', 'x', '', '')`).run(
      CLAIM.articleId,
      CLAIM.projectId,
    );
    CLAIMS.insert(ctx, CLAIM);
    const read = () => CLAIMS.fromRow(db.prepare(`SELECT ${CLAIMS.columns()} FROM claims WHERE id = ?`).get(CLAIM.id) as never);
    expect(read()).toEqual(CLAIM);
    CLAIMS.update(ctx, { ...CLAIM, articleId: 'elsewhere', tags: [], anchor: { ...CLAIM.anchor, start: 5 } });
    expect(read()).toEqual({ ...CLAIM, tags: [], anchor: { ...CLAIM.anchor, start: 5 } });
    expect(CLAIMS.columns('c', ['tags'])).toMatch(/^c\.id, c\.project_id, .*c\.status, c\.claimant_type, .*c\.approval_seal, c\.created_at, c\.updated_at$/);
  });

  it('store booleans as 0/1', () => {
    const flags = defineTable<{ id: string; done: boolean }>('flags', [
      ['id', 'id', 'fixed'],
      ['done', 'done', 'boolean'],
    ]);
    expect(flags.toRow({ id: 'a', done: true })).toEqual({ id: 'a', done: 1 });
    expect(flags.fromRow({ id: 'a', done: 0 })).toEqual({ id: 'a', done: false });
    expect(flags.jsonText({ id: 'a', done: 1 })).toBe('{"id":"a","done":true}');
  });
});
