/**
 * Whole-file backups of the library: `DATA/backups/library-YYYYMMDD-HHMMSS-<reason>.sqlite`.
 *
 * A backup is made with `VACUUM INTO` on the library's own connection: SQLite writes a consistent
 * snapshot of the database as that connection sees it (the WAL included) into a new file, in one
 * synchronous statement, so the same code serves the open path (before a migration, where nothing
 * may be async) and the API. The copy goes to a hidden temporary name in the backups folder, is
 * checked (`PRAGMA quick_check`, our application id, a data version this app knows), flushed to
 * disk, and only then renamed to its name: a backup that is listed is whole and sound. Any failure
 * removes the temporary file and answers with a message a person can act on; the library itself
 * is only read.
 *
 * Backups are kept for `keepDays` days (14 by default), and the newest three always.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
  LIBRARY_BACKUP_NAME,
  LIBRARY_BACKUP_REASONS,
  type LibraryBackup,
  type LibraryBackupReason,
} from '../../shared/api/contract.libraryBackups';
import { APPLICATION_ID, quickCheck, summariseProblems } from '../db/check';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { fsyncFile, nodeAtomicWriteFs, syncFolder, tempPathFor } from '../files/atomicWrite';
import { registerSearchFunctions } from '../search/indexFunction';

export const BACKUPS_FOLDER_NAME = 'backups';
export const DEFAULT_KEEP_DAYS = 14;
/** However old they are, this many of the newest backups are kept. */
export const KEEP_AT_LEAST = 3;
/** A daily backup is due when the newest backup is this old. */
export const DAILY_BACKUP_AGE_MS = 24 * 60 * 60 * 1000;
/** Temporary files older than this in the backups folder are leftovers of a crash, and removed. */
const STALE_TEMP_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The file-system calls a backup makes, so tests can make any of them fail (a full disk, a read-only folder). */
export interface BackupIo {
  mkdir(dir: string): void;
  /** Creates the empty file a snapshot is written into; fails as the folder would (EACCES, EROFS, ENOSPC). */
  createEmpty(file: string): void;
  /** Writes a consistent copy of the open database into `file` (an empty file). */
  snapshot(db: Db, file: string): void;
  /** Copies a closed backup file (restore); the target must not exist. */
  copy(from: string, to: string): void;
  fsync(file: string): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
}

export const nodeBackupIo: BackupIo = {
  mkdir: (dir) => fs.mkdirSync(dir, { recursive: true }),
  createEmpty: (file) => fs.closeSync(fs.openSync(file, 'wx', 0o600)),
  snapshot: (db, file) => {
    db.prepare('VACUUM INTO ?').run(file);
  },
  copy: (from, to) => fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL),
  fsync: fsyncFile,
  rename: nodeAtomicWriteFs.rename,
  remove: nodeAtomicWriteFs.remove,
};

export interface BackupConfig {
  /** The library file; its backups live in the `backups` folder beside it. */
  libraryFile: string;
  /** The Electron build of better-sqlite3, for the connection that checks a copy. */
  nativeBinding?: string | undefined;
  /** Days a backup is kept (default 14); the newest three are kept whatever their age. */
  keepDays?: number;
  io?: BackupIo;
  now?: () => Date;
}

export function backupsFolderFor(libraryFile: string): string {
  return path.join(path.dirname(libraryFile), BACKUPS_FOLDER_NAME);
}

/** The backups, newest first. A missing folder has none; files that are not backups are ignored. */
export function listLibraryBackups(config: BackupConfig): LibraryBackup[] {
  const dir = backupsFolderFor(config.libraryFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw describeBackupError(error, dir, 'list');
  }
  const found: (LibraryBackup & { mtimeMs: number })[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    found.push({ id: name, ...parsed, bytes: stat.size, mtimeMs: stat.mtimeMs });
  }
  found.sort((a, b) => (a.createdAt === b.createdAt ? b.mtimeMs - a.mtimeMs : a.createdAt < b.createdAt ? 1 : -1));
  return found.map(({ mtimeMs: _mtime, ...backup }) => backup);
}

/** When a backup name was made and why; null for any other name. */
export function parseBackupName(name: string): { createdAt: string; reason: LibraryBackupReason } | null {
  const match = LIBRARY_BACKUP_NAME.exec(name);
  if (!match) return null;
  const [, day, time, reason] = match as unknown as [string, string, string, string | undefined];
  const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.000Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== iso) return null;
  return { createdAt: iso, reason: (reason as LibraryBackupReason | undefined) ?? 'manual' };
}

/** `library-YYYYMMDD-HHMMSS-<reason>.sqlite` in UTC, with `-2`… when that name is taken. */
export function backupFileName(date: Date, reason: LibraryBackupReason, taken: (name: string) => boolean): string {
  if (!LIBRARY_BACKUP_REASONS.includes(reason)) throw new Error(`Unknown backup reason ${reason}.`);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  const base = `library-${stamp}-${reason}`;
  if (!taken(`${base}.sqlite`)) return `${base}.sqlite`;
  for (let n = 2; n < 10_000; n++) if (!taken(`${base}-${n}.sqlite`)) return `${base}-${n}.sqlite`;
  throw new AppError('conflict', 'Too many library backups were made this second. Try again in a moment.');
}

/**
 * Backs up the open library `db` now. Returns the new backup; throws an AppError (and leaves no
 * file behind) when it cannot be made. Old backups are pruned afterwards.
 */
export function createLibraryBackup(db: Db, config: BackupConfig, reason: LibraryBackupReason): LibraryBackup {
  const io = config.io ?? nodeBackupIo;
  const dir = backupsFolderFor(config.libraryFile);
  let target: string;
  try {
    io.mkdir(dir);
    const name = backupFileName(now(config), reason, (candidate) => fs.existsSync(path.join(dir, candidate)));
    target = path.join(dir, name);
    const temp = tempPathFor(target);
    let created = false;
    try {
      io.createEmpty(temp);
      created = true;
      io.snapshot(db, temp);
      verifyLibraryFile(temp, config, `The backup just written to ${dir}`);
      io.fsync(temp);
      io.rename(temp, target);
      created = false;
    } finally {
      if (created) removeQuietly(io, temp);
    }
    syncFolder(dir);
  } catch (error) {
    throw describeBackupError(error, dir, reason === 'before-migration' ? 'migrate' : 'create');
  }
  try {
    pruneLibraryBackups(config);
  } catch {
    // Pruning is housekeeping: the backup is made either way, and the next one prunes again.
  }
  const stat = fs.statSync(target);
  return { id: path.basename(target), ...parseBackupName(path.basename(target))!, bytes: stat.size };
}

/**
 * Removes backups older than keepDays (keeping the newest KEEP_AT_LEAST whatever their age) and
 * temporary files a crash left behind. Returns the names removed.
 */
export function pruneLibraryBackups(config: BackupConfig): string[] {
  const io = config.io ?? nodeBackupIo;
  const dir = backupsFolderFor(config.libraryFile);
  const nowMs = now(config).getTime();
  const cutoff = nowMs - (config.keepDays ?? DEFAULT_KEEP_DAYS) * DAY_MS;
  const removed: string[] = [];
  for (const backup of listLibraryBackups(config).slice(KEEP_AT_LEAST)) {
    if (Date.parse(backup.createdAt) >= cutoff) continue;
    io.remove(path.join(dir, backup.id));
    removed.push(backup.id);
  }
  for (const name of fs.readdirSync(dir)) {
    if (!/^\.library-.*\.tmp(-journal)?$/.test(name)) continue;
    const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (stat && nowMs - stat.mtimeMs > STALE_TEMP_MS) {
      io.remove(path.join(dir, name));
      removed.push(name);
    }
  }
  return removed;
}

/** True when there is no backup yet, or the newest one is a day old. */
export function dailyBackupDue(config: BackupConfig): boolean {
  const newest = listLibraryBackups(config)[0];
  return !newest || now(config).getTime() - Date.parse(newest.createdAt) >= DAILY_BACKUP_AGE_MS;
}

/**
 * Checks that a (closed) file is a sound library this app can open: our application id, a data
 * version it knows, and no problem `PRAGMA quick_check` can find. Throws an AppError naming `what`.
 * Opened read-only; a file in rollback-journal mode (as every backup is) gets nothing written beside it.
 */
export function verifyLibraryFile(file: string, config: Pick<BackupConfig, 'nativeBinding'>, what: string): { schemaVersion: number } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    });
    // Like every connection of the app (main/db/open.ts); this one only reads.
    registerSearchFunctions(db);
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID || schemaVersion < 1) {
      throw new AppError('database_corrupt', `${what} is not a Factcheck library.`);
    }
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'database_too_new',
        `${what} was made by a newer version of Factcheck Workbench (data version ${schemaVersion}). Update the app to use it.`,
      );
    }
    const problems = quickCheck(db);
    if (problems.length > 0) {
      throw new AppError('database_corrupt', `${what} is damaged (${summariseProblems(problems)}).`);
    }
    return { schemaVersion };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = errorCode(error);
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new AppError('database_corrupt', `${what} is damaged or is not a Factcheck library.`);
    }
    throw error;
  } finally {
    db?.close();
  }
}

/** What the person was doing when a backup operation failed: the messages say so. */
export type BackupAction = 'create' | 'migrate' | 'list' | 'restore';

/**
 * A failed backup operation as a message a person can act on. The library itself is never at
 * stake in these: each message says it is unchanged.
 */
export function describeBackupError(error: unknown, dir: string, action: BackupAction): AppError {
  const code = errorCode(error);
  const unchanged =
    action === 'migrate'
      ? 'The library was not upgraded or changed; it opens once the backup can be made.'
      : action === 'create' || action === 'list'
        ? 'Your library was not changed and keeps working.'
        : 'Your library was not changed.';
  const doing =
    action === 'create'
      ? `The library backup could not be made in ${dir}`
      : action === 'migrate'
        ? `This version of Factcheck Workbench upgrades the library and backs it up first, but the backup could not be made in ${dir}`
        : action === 'list'
          ? `The library backups in ${dir} cannot be read`
          : 'The backup could not be restored';
  // Our own messages (a damaged copy, a name that is not a backup) already say what happened.
  if (error instanceof AppError) return error;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new AppError('storage_full', `${doing}: the disk is full. Free some space, then try again. ${unchanged}`);
  }
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN')
  ) {
    return new AppError(
      'storage_read_only',
      `${doing}: the folder is read-only or you do not have permission to write there. Make it writable, then try again. ${unchanged}`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError(
      'database_corrupt',
      action === 'create' || action === 'migrate'
        ? 'The library could not be backed up because it is damaged. Restore an earlier backup.'
        : 'That backup is damaged and was not restored. Choose another backup.',
    );
  }
  return new AppError('internal', `${doing}${code ? ` (${code})` : ''}. ${unchanged}`);
}

export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function now(config: Pick<BackupConfig, 'now'>): Date {
  return config.now?.() ?? new Date();
}

/** Removes a temporary file and whatever SQLite may have left beside it. */
export function removeQuietly(io: BackupIo, file: string): void {
  for (const candidate of [file, `${file}-journal`]) {
    try {
      io.remove(candidate);
    } catch {
      // Nothing more can be done; a leftover temporary file is pruned later.
    }
  }
}
