import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../main/db/migrations';
import { APPLICATION_ID, openLibrary } from '../../../main/db/open';
import { AppError } from '../../../main/errors';
import { ApiCallError } from '../../../shared/api/client';
import { openTestLibrary, tempDir } from '../../support/library';

const opened: { close(): void }[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

describe('openLibrary', () => {
  it('creates a new library with WAL, foreign keys, STRICT tables and the latest schema', () => {
    const file = path.join(tempDir(), 'nested', 'library.sqlite');
    const { db, schemaVersion, readOnly } = openLibrary(file);
    opened.push(db);
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(readOnly).toBe(false);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    // Ordinary tables only: an FTS5 table (the search index, migration 7) and its shadow tables are SQLite's own.
    const tables = db
      .prepare(`SELECT s.name, s.sql FROM sqlite_schema s JOIN pragma_table_list t ON t.name = s.name AND t.schema = 'main' WHERE s.type = 'table' AND t.type = 'table' AND s.name NOT LIKE 'sqlite_%'`)
      .all() as { name: string; sql: string }[];
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['projects', 'articles', 'claims', 'sources', 'verdicts', 'changes', 'settings']));
    for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT\s*$/);
  });

  it('reopens an existing library without migrating again', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    const first = openLibrary(file);
    first.db.prepare(`INSERT INTO settings (key, value) VALUES ('authorName', '"Ann"')`).run();
    first.db.close();
    const second = openLibrary(file);
    opened.push(second.db);
    expect(second.db.prepare(`SELECT value FROM settings`).get()).toEqual({ value: '"Ann"' });
  });

  it('refuses a library from a newer version and leaves the file byte-for-byte untouched', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    const future = new Database(file);
    future.pragma(`application_id = ${APPLICATION_ID}`);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.exec(`CREATE TABLE from_the_future (id TEXT) STRICT`);
    future.close();
    const before = fs.readFileSync(file);
    expect(() => openLibrary(file)).toThrowError(/newer version of Factcheck Workbench.*Update the app/);
    try {
      openLibrary(file);
    } catch (error) {
      expect((error as AppError).code).toBe('database_too_new');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database, untouched', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    fs.writeFileSync(file, 'PK\u0003\u0004 definitely a zip, not SQLite');
    const before = fs.readFileSync(file);
    expect(() => openLibrary(file)).toThrowError(/damaged or is not a Factcheck library/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database with a valid header but damaged pages', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    const { db } = openLibrary(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    // Keep the 100-byte header, scramble the schema page.
    for (let i = 100; i < Math.min(bytes.length, 4096); i++) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, bytes);
    expect(() => openLibrary(file)).toThrow(AppError);
    try {
      openLibrary(file);
    } catch (error) {
      expect((error as AppError).code).toBe('database_corrupt');
      expect((error as AppError).message).toContain(file);
    }
  });

  it('refuses another program’s SQLite database', () => {
    const file = path.join(tempDir(), 'library.sqlite');
    const other = new Database(file);
    other.pragma('user_version = 1');
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    other.close();
    expect(() => openLibrary(file)).toThrowError(/database of another program/);
  });

  it('opens a read-only library for reading and refuses writes with a clear message', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'library.sqlite');
    const setup = openTestLibrary(dataDir);
    const saved = await setup.api.call('projects.create', { title: 'Saved while writable' });
    setup.library.close();

    fs.chmodSync(file, 0o444);
    // Root ignores file permissions, so the kernel would answer "writable"; answer for this file
    // what it answers everyone else (EACCES). The app then opens the library read-only and SQLite
    // itself refuses the writes below with SQLITE_READONLY.
    const realAccess = fs.accessSync;
    const access = vi.spyOn(fs, 'accessSync').mockImplementation((target, mode) => {
      if (process.getuid?.() === 0 && path.resolve(String(target)) === file && ((mode ?? 0) & fs.constants.W_OK) !== 0) {
        throw Object.assign(new Error(`EACCES: permission denied, access '${file}'`), { code: 'EACCES' });
      }
      return realAccess(target, mode);
    });
    const before = fs.readFileSync(file);
    try {
      const { library, api } = openTestLibrary(dataDir);
      opened.push(library);
      expect(library.openError).toBeNull();
      expect(await api.call('projects.list', {})).toMatchObject([{ id: saved.id, title: 'Saved while writable' }]);

      const readOnly = 'The library is read-only (check the file permissions or the drive), so the change was not saved.';
      for (const write of [
        () => api.call('projects.create', { title: 'Not saved' }),
        () => api.call('projects.rename', { id: saved.id, title: 'Not renamed' }),
        () => api.call('settings.update', { authorName: 'Nobody' }),
      ]) {
        const error = await write().then(
          () => expect.fail('a write to a read-only library succeeded'),
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ApiCallError);
        expect(error).toMatchObject({ code: 'storage_read_only', message: readOnly });
      }
      expect(await api.call('projects.list', {})).toMatchObject([{ id: saved.id, title: 'Saved while writable' }]);
      expect(await api.call('settings.get', {})).toMatchObject({ authorName: '' });
    } finally {
      access.mockRestore();
      while (opened.length) opened.pop()!.close();
      fs.chmodSync(file, 0o644);
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('migrate', () => {
  it('runs each migration in a transaction and stops at the first failure, leaving the version unchanged', () => {
    const db = new Database(':memory:');
    opened.push(db);
    const migrations = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (id TEXT) STRICT;' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (id TEXT) STRICT; THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, migrations)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'b'`).get()).toBeUndefined();
  });

  it('refuses a gap in the numbering', () => {
    const db = new Database(':memory:');
    opened.push(db);
    expect(() => migrate(db, [{ version: 2, name: 'skips', sql: '' }])).toThrow(/does not follow/);
  });
});
