/**
 * Library backups (main/libraryBackups, main/library.ts): whole-file copies of library.sqlite in
 * DATA/backups made with VACUUM INTO, before a migration, daily and on request; kept 14 days (the
 * newest three always); restored through the API, also when the library is too damaged to open.
 * Everything here runs against real files; a full disk and a read-only folder are played by the
 * injected file calls (BackupIo) where the machine cannot produce them (tests may run as root).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APPLICATION_ID, openLibrary } from '../../../main/db/open';
import { migrate } from '../../../main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../main/db/migrations';
import { openLibraryApi, type Library } from '../../../main/library';
import type { AppError } from '../../../main/errors';
import {
  backupFileName,
  backupsFolderFor,
  listLibraryBackups,
  nodeBackupIo,
  parseBackupName,
  type BackupIo,
} from '../../../main/libraryBackups/backups';
import { LOCK_FILE_NAME } from '../../../main/db/libraryLock';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import type { EventChannel } from '../../../shared/api/channels';
import { failure } from '../../support/apiHelpers';
import { noDialogs, noPrinter, tempDir } from '../../support/library';

const open: Library[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

interface Opened {
  library: Library;
  api: ApiClient;
  dataDir: string;
  events: { channel: EventChannel; payload: unknown }[];
  logged: string[];
}

/** A library in dataDir with a typed client, the events it sends, what it logs, and the given file calls and clock. */
function openAt(dataDir: string, extra: { io?: BackupIo; now?: () => Date; keepDays?: number } = {}): Opened {
  const events: Opened['events'] = [];
  const logged: string[] = [];
  const library = openLibraryApi({
    dataDir,
    appVersion: 'test',
    dialogs: noDialogs,
    printer: noPrinter,
    validateResponses: true,
    log: (message, error) => logged.push(`${message}: ${error instanceof Error ? error.message : String(error)}`),
    events: { emit: (channel, payload) => events.push({ channel, payload }) },
    ...(extra.io ? { backupIo: extra.io } : {}),
    ...(extra.now ? { now: extra.now } : {}),
    ...(extra.keepDays !== undefined ? { backupKeepDays: extra.keepDays } : {}),
  });
  open.push(library);
  const api = createApiClient({
    invoke: (channel, request) => library.registry.dispatch(channel, request),
    subscribe: () => () => undefined,
  });
  return { library, api, dataDir, events, logged };
}

/** The file calls of a backup, each replaceable by a test. */
const mutableIo = (): BackupIo => ({ ...nodeBackupIo });
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');
const libraryFile = (dataDir: string) => path.join(dataDir, 'library.sqlite');
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const titles = async (api: ApiClient) => (await api.call('projects.list', {})).map((project) => project.title).sort();

/** Reads a (closed) SQLite file: its quick_check, versions and project titles. */
function inspect(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).join('\n');
    return {
      check,
      userVersion: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      titles: (db.prepare('SELECT title FROM projects ORDER BY title').pluck().all() as string[]),
    };
  } finally {
    db.close();
  }
}

/**
 * Scribbles over the middle half of a b-tree leaf page holding rows (page type 13, the one in the
 * middle of the file among those), as a bad sector or a stray write would; the header stays intact.
 */
function corruptAPage(file: string): number {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  const leaves: number[] = [];
  for (let page = 2; page <= pages; page++) {
    const start = (page - 1) * pageSize;
    if (bytes[start] === 13 && bytes.readUInt16BE(start + 3) >= 4) leaves.push(page);
  }
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const start = (page - 1) * pageSize;
  bytes.fill(0xff, start + pageSize / 4, start + (pageSize * 3) / 4);
  fs.writeFileSync(file, bytes);
  return page;
}

async function addProjects(api: ApiClient, prefix: string, count: number) {
  for (let i = 0; i < count; i++) await api.call('projects.create', { title: `${prefix} ${String(i).padStart(3, '0')}` });
}

describe('making a backup', () => {
  it('writes a checked, complete copy to DATA/backups/library-YYYYMMDD-HHMMSS-manual.sqlite and lists it', async () => {
    const { api, dataDir } = openAt(tempDir(), { now: () => new Date('2024-05-04T15:30:07.250Z') });
    await api.call('projects.create', { title: 'Kept in the backup' });
    const backup = await api.call('libraryBackups.create', {});
    expect(backup).toMatchObject({ id: 'library-20240504-153007-manual.sqlite', createdAt: '2024-05-04T15:30:07.000Z', reason: 'manual' });
    const file = path.join(backupsDir(dataDir), backup.id);
    expect(backup.bytes).toBe(fs.statSync(file).size);
    // A consistent snapshot, WAL included (the project was never checkpointed into the main file).
    expect(inspect(file)).toEqual({
      check: 'ok',
      userVersion: LATEST_SCHEMA_VERSION,
      applicationId: APPLICATION_ID,
      journalMode: 'delete',
      titles: ['Kept in the backup'],
    });
    // Nothing beside it: no temporary file, no journal.
    expect(filesIn(backupsDir(dataDir))).toEqual([backup.id]);

    // Two in the same second get distinct names; the list is newest first.
    const second = await api.call('libraryBackups.create', {});
    expect(second.id).toBe('library-20240504-153007-manual-2.sqlite');
    expect((await api.call('libraryBackups.list', {})).map((entry) => entry.id)).toEqual([second.id, backup.id]);
  });

  it('never shows a backup under its name before it is complete and checked', async () => {
    const io = mutableIo();
    const { api, library } = openAt(tempDir(), { io });
    let seenWhileWriting: string[] | null = null;
    io.snapshot = (db, file) => {
      nodeBackupIo.snapshot(db, file);
      expect(path.basename(file)).toMatch(/^\.library-.*\.tmp$/);
      seenWhileWriting = library.backups.list().map((backup) => backup.id);
    };
    const backup = await api.call('libraryBackups.create', {});
    expect(seenWhileWriting).toEqual([]);
    expect(library.backups.list()).toEqual([backup]);
  });

  it('names, parses and refuses names as the contract says', () => {
    expect(backupFileName(new Date('2024-12-31T23:59:59.999Z'), 'daily', () => false)).toBe('library-20241231-235959-daily.sqlite');
    expect(parseBackupName('library-20241231-235959-before-migration.sqlite')).toEqual({ createdAt: '2024-12-31T23:59:59.000Z', reason: 'before-migration' });
    expect(parseBackupName('library-20241231-235959.sqlite')).toEqual({ createdAt: '2024-12-31T23:59:59.000Z', reason: 'manual' });
    for (const name of ['library-20241332-000000-daily.sqlite', 'library.sqlite', 'replaced-library-20240101-000000.sqlite', '../library-20240101-000000-daily.sqlite', 'library-20240101-000000-daily.sqlite-wal']) {
      expect(parseBackupName(name), name).toBeNull();
    }
  });
});

describe('before a migration', () => {
  /** A library of data version 2 (before migration 3), as an older app left it, with a project. */
  function olderLibrary(): string {
    const dataDir = tempDir();
    const db = new Database(libraryFile(dataDir));
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.filter((migration) => migration.version <= 2));
    db.prepare(`INSERT INTO projects (id, title, description, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'From the old app', '', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`).run();
    db.close();
    return dataDir;
  }

  it('backs the library up, as it was, before migrate() writes', async () => {
    const dataDir = olderLibrary();
    const { library, api } = openAt(dataDir, { now: () => new Date('2024-06-01T08:00:00Z') });
    expect(library.openError).toBeNull();
    expect(await titles(api)).toEqual(['From the old app']);
    expect(library.db!.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    // The daily backup on open is not due: the migration's backup is a day younger than that.
    expect(filesIn(backupsDir(dataDir))).toEqual(['library-20240601-080000-before-migration.sqlite']);
    expect(inspect(path.join(backupsDir(dataDir), 'library-20240601-080000-before-migration.sqlite'))).toMatchObject({
      check: 'ok',
      userVersion: 2,
      titles: ['From the old app'],
    });
  });

  it('does not migrate when that backup cannot be made (disk full), and says why', () => {
    const dataDir = olderLibrary();
    const io = mutableIo();
    io.snapshot = (_db, file) => {
      fs.writeFileSync(file, Buffer.alloc(4096, 7));
      throw fsError('ENOSPC');
    };
    expect(() => openLibrary(libraryFile(dataDir), { backups: { io } })).toThrowError(
      /upgrades the library and backs it up first, but the backup could not be made in .*backups: the disk is full\. Free some space, then try again\. The library was not upgraded or changed/,
    );
    try {
      openLibrary(libraryFile(dataDir), { backups: { io } });
    } catch (error) {
      expect((error as AppError).code).toBe('storage_full');
    }
    expect(filesIn(backupsDir(dataDir))).toEqual([]);
    expect(inspect(libraryFile(dataDir))).toMatchObject({ check: 'ok', userVersion: 2 });
  });

  it('makes no backup of a new library or one that is up to date', () => {
    const dataDir = tempDir();
    openLibrary(libraryFile(dataDir)).db.close();
    openLibrary(libraryFile(dataDir)).db.close();
    expect(fs.existsSync(backupsDir(dataDir))).toBe(false);
  });
});

describe('daily backups', () => {
  it('backs up on open when the newest backup is a day old, not for a new library, and then every hour when due', async () => {
    let clock = new Date('2024-05-04T09:00:00Z');
    const now = () => clock;
    const dataDir = tempDir();
    const first = openAt(dataDir, { now });
    await first.api.call('projects.create', { title: 'Day one' });
    expect(fs.existsSync(backupsDir(dataDir))).toBe(false); // Created just now: nothing to keep yet.
    first.library.close();

    clock = new Date('2024-05-04T10:00:00Z');
    const second = openAt(dataDir, { now });
    expect(second.library.backups.list()).toMatchObject([{ id: 'library-20240504-100000-daily.sqlite', reason: 'daily' }]);
    second.library.close();

    clock = new Date('2024-05-05T09:59:00Z'); // 23 h 59 min later: not yet.
    const third = openAt(dataDir, { now });
    expect(third.library.backups.list()).toHaveLength(1);

    third.library.startDailyBackups(15);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(third.library.backups.list()).toHaveLength(1);
    clock = new Date('2024-05-05T10:00:00Z');
    await vi.waitFor(() => expect(third.library.backups.list()[0]).toMatchObject({ id: 'library-20240505-100000-daily.sqlite' }));
    await vi.waitFor(() => expect(third.library.backups.list()).toHaveLength(2));
    third.library.close();
    clock = new Date('2024-05-09T10:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(filesIn(backupsDir(dataDir))).toHaveLength(2); // close() stopped the timer.
  });

  it('keeps backups for 14 days, and the newest three whatever their age; removes leftovers of a crash', async () => {
    let clock = new Date('2024-05-01T12:00:00Z');
    const dataDir = tempDir();
    const { api, library } = openAt(dataDir, { now: () => clock });
    await api.call('projects.create', { title: 'Kept' });
    const made = [];
    for (const day of ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-04-20', '2024-04-25']) {
      clock = new Date(`${day}T12:00:00Z`);
      made.push((await api.call('libraryBackups.create', {})).id);
    }
    const leftover = path.join(backupsDir(dataDir), '.library-20240301-120000-manual.sqlite.0123456789ab.tmp');
    fs.writeFileSync(leftover, 'half a backup');
    fs.utimesSync(leftover, new Date('2024-04-01'), new Date('2024-04-01'));
    const fresh = path.join(backupsDir(dataDir), '.library-20240601-000000-manual.sqlite.ba9876543210.tmp');
    fs.writeFileSync(fresh, 'being written right now');
    const unrelated = path.join(backupsDir(dataDir), 'notes.txt');
    fs.writeFileSync(unrelated, 'mine');

    clock = new Date('2024-05-06T12:00:00Z');
    const latest = await api.call('libraryBackups.create', {});
    // Kept: within 14 days (04-25, 05-06) and the newest three (04-20 too); March is gone.
    expect(library.backups.list().map((backup) => backup.id)).toEqual([latest.id, made[5], made[4]]);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(unrelated)).toBe(true);

    // With only old backups, the newest three stay (keepDays 1 here).
    const { library: again } = openAt(tempDir(), { now: () => clock, keepDays: 1 });
    for (const day of ['01', '02', '03', '04', '05']) {
      clock = new Date(`2024-01-${day}T00:00:00Z`);
      again.backups.create();
    }
    expect(again.backups.list()).toHaveLength(3);
    clock = new Date('2025-01-01T00:00:00Z');
    again.backups.create();
    expect(again.backups.list().map((backup) => backup.createdAt.slice(0, 10))).toEqual(['2025-01-01', '2024-01-05', '2024-01-04']);
  });
});

describe('a backup that cannot be written', () => {
  it.each([
    ['ENOSPC', 'storage_full', /the disk is full\. Free some space, then try again\. Your library was not changed and keeps working\./],
    ['SQLITE_FULL', 'storage_full', /the disk is full/],
  ])('a full disk (%s) mid-copy: a clear message, no partial file, the library keeps working', async (code, expected, message) => {
    const io = mutableIo();
    const { api, dataDir } = openAt(tempDir(), { io });
    await api.call('projects.create', { title: 'Before' });
    io.snapshot = (db, file) => {
      // Part of the copy reaches the disk, then it is full.
      fs.writeFileSync(file, Buffer.alloc(12_288, 1));
      throw fsError(code);
    };
    const error = await failure(api.call('libraryBackups.create', {}));
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(backupsDir(dataDir));
    expect(filesIn(backupsDir(dataDir))).toEqual([]);
    await api.call('projects.create', { title: 'After' });
    expect(await titles(api)).toEqual(['After', 'Before']);

    io.snapshot = nodeBackupIo.snapshot;
    expect((await api.call('libraryBackups.create', {})).reason).toBe('manual');
  });

  it.each(['EACCES', 'EROFS'])('a read-only backup folder (%s): a clear message, the library keeps working', async (code) => {
    const io = mutableIo();
    const dataDir = tempDir();
    const { api } = openAt(dataDir, { io });
    await api.call('projects.create', { title: 'Safe' });
    fs.mkdirSync(backupsDir(dataDir));
    fs.chmodSync(backupsDir(dataDir), 0o555);
    // Root may write anywhere: play the refusal the folder gives everyone else.
    if (process.getuid?.() === 0 || code === 'EROFS') {
      io.createEmpty = () => {
        throw fsError(code);
      };
    }
    try {
      const error = await failure(api.call('libraryBackups.create', {}));
      expect(error.code).toBe('storage_read_only');
      expect(error.message).toBe(
        `The library backup could not be made in ${backupsDir(dataDir)}: the folder is read-only or you do not have permission to write there. Make it writable, then try again. Your library was not changed and keeps working.`,
      );
      expect(filesIn(backupsDir(dataDir))).toEqual([]);
      await api.call('projects.create', { title: 'Still saving' });
      expect(await titles(api)).toEqual(['Safe', 'Still saving']);
    } finally {
      fs.chmodSync(backupsDir(dataDir), 0o755);
    }
  });

  it('a daily backup that fails is logged; the library opens and works', async () => {
    const dataDir = tempDir();
    const first = openAt(dataDir);
    await first.api.call('projects.create', { title: 'Old work' });
    first.library.close();
    const io = mutableIo();
    io.createEmpty = () => {
      throw fsError('ENOSPC');
    };
    const { library, api, logged } = openAt(dataDir, { io });
    expect(library.openError).toBeNull();
    expect(logged).toEqual([expect.stringMatching(/^The daily library backup could not be made: The library backup could not be made in .*: the disk is full/)]);
    expect(await titles(api)).toEqual(['Old work']);
  });
});

describe('restoring a backup', () => {
  it('replaces the library, backs up the current one first, tells the window, and can be undone with that backup', async () => {
    let clock = new Date('2024-05-04T10:00:00Z');
    const { api, library, dataDir, events } = openAt(tempDir(), { now: () => clock });
    await api.call('projects.create', { title: 'Alpha' });
    const backup = await api.call('libraryBackups.create', {});
    await api.call('projects.create', { title: 'Beta' });
    const registry = library.registry;
    const ctx = library.ctx;

    clock = new Date('2024-05-04T11:00:00Z');
    const result = await api.call('libraryBackups.restore', { id: backup.id });
    expect(result).toEqual({
      restored: backup,
      safetyBackup: expect.objectContaining({ id: 'library-20240504-110000-before-restore.sqlite', reason: 'before-restore' }),
      setAside: null,
    });
    expect(await titles(api)).toEqual(['Alpha']);
    expect(events).toEqual([{ channel: 'library.changed', payload: { projectId: null } }]);
    // Same registry for the window; a new connection behind it.
    expect(library.registry).toBe(registry);
    expect(library.ctx).not.toBe(ctx);
    expect(library.db!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(filesIn(dataDir).filter((name) => name.startsWith('.'))).toEqual([]);
    // Writing works on the restored library, and the backup file itself was only copied.
    await api.call('projects.create', { title: 'Gamma' });
    expect(inspect(path.join(backupsDir(dataDir), backup.id)).titles).toEqual(['Alpha']);

    // Restoring the "before-restore" backup brings back what the restore replaced.
    await api.call('libraryBackups.restore', { id: result.safetyBackup!.id });
    expect(await titles(api)).toEqual(['Alpha', 'Beta']);
  });

  it('runs the restored library through the open path: an older backup is migrated (and backed up first)', async () => {
    const dataDir = tempDir();
    const { api, library } = openAt(dataDir, { now: () => new Date('2024-05-04T10:00:00Z') });
    await api.call('projects.create', { title: 'Current' });
    // A backup an older app made: data version 2.
    const old = new Database(path.join(tempDir(), 'old.sqlite'));
    migrate(old, MIGRATIONS.filter((migration) => migration.version <= 2));
    old.close();
    fs.mkdirSync(backupsDir(dataDir), { recursive: true });
    fs.copyFileSync(old.name, path.join(backupsDir(dataDir), 'library-20240101-000000-daily.sqlite'));

    await api.call('libraryBackups.restore', { id: 'library-20240101-000000-daily.sqlite' });
    expect(library.db!.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(await titles(api)).toEqual([]);
    // The restored file was backed up before it was migrated (in the same second, so after the other).
    expect(library.backups.list().map((backup) => backup.reason)).toEqual(['before-migration', 'before-restore', 'daily']);
    expect(inspect(path.join(backupsDir(dataDir), library.backups.list()[0]!.id)).userVersion).toBe(2);
  });

  it('refuses a missing backup, a name that is not one, and a damaged backup; the library stays as it was', async () => {
    const io = mutableIo();
    const { api, dataDir } = openAt(tempDir(), { io });
    await api.call('projects.create', { title: 'Untouched' });
    const good = await api.call('libraryBackups.create', {});

    expect((await failure(api.call('libraryBackups.restore', { id: 'library-20000101-000000-daily.sqlite' }))).code).toBe('not_found');
    for (const id of ['../library.sqlite', 'library.sqlite', `backups/${good.id}`, 'library-20000101-000000-daily.sqlite/..']) {
      const error = await failure(api.call('libraryBackups.restore', { id }));
      expect(error, id).toMatchObject({ code: 'invalid_request', message: 'That is not the name of a library backup.' });
    }

    const damaged = 'library-20240101-000000-manual.sqlite';
    fs.copyFileSync(path.join(backupsDir(dataDir), good.id), path.join(backupsDir(dataDir), damaged));
    corruptAPage(path.join(backupsDir(dataDir), damaged));
    const error = await failure(api.call('libraryBackups.restore', { id: damaged }));
    expect(error.code).toBe('database_corrupt');
    expect(error.message).toMatch(/^The backup library-20240101-000000-manual\.sqlite is damaged \(.+\)\. It was not restored; choose another backup\.$/);

    // A full disk while the backup is copied into place.
    io.copy = (from, to) => {
      fs.writeFileSync(to, fs.readFileSync(from).subarray(0, 8192));
      throw fsError('ENOSPC');
    };
    const full = await failure(api.call('libraryBackups.restore', { id: good.id }));
    expect(full).toMatchObject({ code: 'storage_full', message: 'The backup could not be restored: the disk is full. Free some space, then try again. Your library was not changed.' });

    expect(filesIn(dataDir).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(await titles(api)).toEqual(['Untouched']);
    await api.call('projects.create', { title: 'Still works' });
    // Nothing was backed up "before-restore" for restores that never started.
    expect((await api.call('libraryBackups.list', {})).map((backup) => backup.reason)).toEqual(['manual', 'manual']);
  });

  it('does not restore when the current library cannot be backed up first (disk full)', async () => {
    const io = mutableIo();
    const { api } = openAt(tempDir(), { io });
    await api.call('projects.create', { title: 'Old' });
    const backup = await api.call('libraryBackups.create', {});
    await api.call('projects.create', { title: 'New' });
    io.snapshot = () => {
      throw fsError('ENOSPC');
    };
    const error = await failure(api.call('libraryBackups.restore', { id: backup.id }));
    expect(error.code).toBe('storage_full');
    expect(await titles(api)).toEqual(['New', 'Old']);
  });

  it('is refused while another program has the library open', async () => {
    const dataDir = tempDir();
    const owner = openAt(dataDir);
    const backup = await owner.api.call('libraryBackups.create', {});
    const second = openAt(dataDir);
    expect(second.library.openError?.code).toBe('conflict');
    expect(await second.api.call('libraryBackups.list', {})).toEqual([backup]);
    const error = await failure(second.api.call('libraryBackups.restore', { id: backup.id }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/open in another window or program/);
    await owner.api.call('projects.create', { title: 'Owner still works' });
  });
});

describe('a damaged library', () => {
  it('fails quick_check on open with a clear message, lists its backups, and a restore brings it back', async () => {
    const dataDir = tempDir();
    const file = libraryFile(dataDir);
    let clock = new Date('2024-05-04T10:00:00Z');
    const first = openAt(dataDir, { now: () => clock });
    await addProjects(first.api, 'Project', 60);
    const backup = await first.api.call('libraryBackups.create', {});
    await first.api.call('projects.create', { title: 'After the backup' });
    first.library.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    corruptAPage(file);
    const damagedBytes = fs.readFileSync(file);

    clock = new Date('2024-05-04T12:00:00Z');
    const { library, api, events } = openAt(dataDir, { now: () => clock });
    expect(library.openError?.code).toBe('database_corrupt');
    expect(library.openError?.message).toMatch(
      new RegExp(`^The library file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(.+\\)\\. Nothing was written to it\\. Restore a library backup to continue; the app keeps them in .*backups\\.$`),
    );
    expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);
    // Every other call answers the reason; the backup channels answer.
    const refused = await failure(api.call('projects.list', {}));
    expect(refused).toMatchObject({ code: 'database_corrupt', message: library.openError!.message });
    expect(await api.call('libraryBackups.list', {})).toEqual([backup]);
    const noBackup = await failure(api.call('libraryBackups.create', {}));
    expect(noBackup.message).toMatch(/^The library could not be opened, so it cannot be backed up\. The library file .* is damaged/);
    // Not holding the lock while it cannot be used.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);

    const result = await api.call('libraryBackups.restore', { id: backup.id });
    expect(result.safetyBackup).toBeNull();
    expect(result.setAside).toBe(path.join(backupsDir(dataDir), 'replaced-library-20240504-120000.sqlite'));
    expect(fs.readFileSync(result.setAside!).equals(damagedBytes)).toBe(true);
    expect(library.openError).toBeNull();
    expect(events).toEqual([{ channel: 'library.changed', payload: { projectId: null } }]);
    const restored = await titles(api);
    expect(restored).toHaveLength(60);
    expect(restored).not.toContain('After the backup');
    await api.call('projects.create', { title: 'Working again' });
    expect(library.db!.pragma('quick_check', { simple: true })).toBe('ok');
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    // The set-aside file is not offered as a backup.
    expect(library.backups.list().map((entry) => entry.id)).toEqual([backup.id]);
  });

  it('when the swap itself fails, the damaged library is put back (never an empty one in its place)', async () => {
    const dataDir = tempDir();
    const file = libraryFile(dataDir);
    const first = openAt(dataDir);
    await addProjects(first.api, 'Project', 60);
    const backup = await first.api.call('libraryBackups.create', {});
    first.library.close();
    corruptAPage(file);
    const damagedBytes = fs.readFileSync(file);

    const io = mutableIo();
    io.rename = (from, to) => {
      if (to === file && path.basename(from).startsWith('.library.sqlite.')) throw fsError('EIO');
      nodeBackupIo.rename(from, to);
    };
    const { library, api } = openAt(dataDir, { io });
    const error = await failure(api.call('libraryBackups.restore', { id: backup.id }));
    expect(error.message).toBe('The backup could not be restored (EIO). Your library was not changed.');
    expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);
    expect(library.openError?.code).toBe('database_corrupt');
    expect(filesIn(dataDir)).toEqual(['backups', 'library.sqlite']);
    expect(filesIn(backupsDir(dataDir))).toEqual([backup.id]);

    io.rename = nodeBackupIo.rename;
    await api.call('libraryBackups.restore', { id: backup.id });
    expect(await titles(api)).toHaveLength(60);
  });

  it('a library found damaged while open is set aside whole, not backed up, when a backup is restored', async () => {
    const io = mutableIo();
    const { api, dataDir } = openAt(tempDir(), { io, now: () => new Date('2024-05-04T10:00:00Z') });
    await api.call('projects.create', { title: 'Good' });
    const backup = await api.call('libraryBackups.create', {});
    await api.call('projects.create', { title: 'Later' });
    // SQLite meets a bad page while it copies the library.
    io.snapshot = () => {
      throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    };
    const error = await failure(api.call('libraryBackups.create', {}));
    expect(error).toMatchObject({ code: 'database_corrupt', message: 'The library could not be backed up because it is damaged. Restore an earlier backup.' });

    const result = await api.call('libraryBackups.restore', { id: backup.id });
    expect(result.safetyBackup).toBeNull();
    expect(result.setAside).toBe(path.join(backupsDir(dataDir), 'replaced-library-20240504-100000.sqlite'));
    // Closed cleanly first, so the set-aside file holds everything, WAL included.
    expect(inspect(result.setAside!).titles).toEqual(['Good', 'Later']);
    expect(await titles(api)).toEqual(['Good']);
  });
});

it('backupsFolderFor names DATA/backups', () => {
  expect(backupsFolderFor(path.join('/data', 'library.sqlite'))).toBe(path.join('/data', 'backups'));
  expect(listLibraryBackups({ libraryFile: path.join(tempDir(), 'library.sqlite') })).toEqual([]);
});
