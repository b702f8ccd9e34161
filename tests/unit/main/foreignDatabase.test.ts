import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openLibrary } from '../../../main/db/open';
import { openTestLibrary, tempDir } from '../../support/library';

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const listing = (dir: string) => fs.readdirSync(dir).sort();
const FOREIGN = /is a database of another program, not a Factcheck library\. It was not changed\./;

/** Another program's database in a folder of its own, made by SQLite as that program would. */
function foreignDatabase(setup: (db: Database.Database) => void): { dir: string; file: string } {
  const dir = tempDir('factcheck-foreign-');
  const file = path.join(dir, 'library.sqlite');
  const db = new Database(file);
  setup(db);
  db.close();
  return { dir, file };
}

/** Opens the file as the app and the CLIs do and checks that nothing about it changed. */
async function expectRefusedUntouched({ dir, file }: { dir: string; file: string }): Promise<void> {
  const hash = sha256(file);
  const files = listing(dir);
  expect(() => openLibrary(file)).toThrowError(FOREIGN);
  expect(() => openLibrary(file, { readOnly: true })).toThrowError(FOREIGN);

  const { library, api } = openTestLibrary(dir);
  try {
    expect(library.openError).toMatchObject({
      code: 'database_corrupt',
      message: expect.stringMatching(FOREIGN),
    });
    await expect(api.call('projects.list', {})).rejects.toThrowError(FOREIGN);
  } finally {
    library.close();
  }
  expect(sha256(file)).toBe(hash);
  // No -wal or -shm beside it, and the lock of the refused open is gone again.
  expect(listing(dir)).toEqual(files);
}

describe('a SQLite file that is not a library', () => {
  it('is refused untouched when it has tables of its own and no application id', async () => {
    const foreign = foreignDatabase((db) => {
      db.exec(
        `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('shopping list')`,
      );
    });
    await expectRefusedUntouched(foreign);
    const check = new Database(foreign.file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.prepare(`SELECT name FROM sqlite_schema`).pluck().all()).toEqual(['notes']);
    check.close();
  });

  it('is refused untouched when it carries another program’s application id', async () => {
    await expectRefusedUntouched(
      foreignDatabase((db) => {
        db.pragma('application_id = 1347571539');
        db.exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY)`);
      }),
    );
    // Even with nothing in it: the id says whose it is.
    await expectRefusedUntouched(foreignDatabase((db) => db.pragma('application_id = 42')));
  });

  it('is refused untouched when it is in WAL mode (SQLite itself would leave -wal and -shm files)', async () => {
    await expectRefusedUntouched(
      foreignDatabase((db) => {
        db.pragma('journal_mode = WAL');
        db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY)`);
      }),
    );
  });

  it('is refused when it has a user version but not our id', async () => {
    await expectRefusedUntouched(foreignDatabase((db) => db.pragma('user_version = 7')));
  });

  it('becomes the library when it is an empty database', () => {
    const { dir, file } = foreignDatabase((db) => {
      db.exec(`CREATE TABLE scratch (x); DROP TABLE scratch`);
    });
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const { db } = openLibrary(path.join(dir, 'library.sqlite'));
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('still opens a library of ours whose latest changes wait in the -wal file', () => {
    const dir = tempDir('factcheck-foreign-');
    const file = path.join(dir, 'library.sqlite');
    // Copy the files of a library that is open, as a crash would leave them: the header in the
    // main file may not have the id yet, the WAL does.
    const live = openLibrary(file);
    live.db.pragma('wal_autocheckpoint = 0');
    live.db.prepare(`INSERT INTO settings (key, value) VALUES ('authorName', '"Ann"')`).run();
    const copy = tempDir('factcheck-foreign-');
    for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(copy, name));
    live.db.close();
    expect(fs.statSync(path.join(copy, 'library.sqlite-wal')).size).toBeGreaterThan(0);
    const reopened = openLibrary(path.join(copy, 'library.sqlite'));
    expect(reopened.db.prepare(`SELECT value FROM settings WHERE key = 'authorName'`).pluck().get()).toBe(
      '"Ann"',
    );
    reopened.db.close();
  });
});
