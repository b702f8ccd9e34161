/**
 * The file work of restoring a library backup. The connection is closed by the caller
 * (main/library.ts) between staging and swapping; it also makes the "before-restore" backup first.
 *
 * 1. stageBackup: the backup is copied beside the library under a hidden temporary name, flushed
 *    and checked (quick_check, our id, a version this app knows). Nothing else has changed yet, so
 *    a failure here (a full disk, a damaged backup) leaves the library open and working.
 * 2. setAsideLibrary (only for a library that could not be backed up, e.g. a damaged one): the
 *    current file and its -wal move to `backups/replaced-library-<time>.sqlite`, so nothing is lost.
 * 3. swapInStaged: the old -wal and -shm are removed (a stale WAL beside the new file would be
 *    replayed into it) and the staged copy is renamed over library.sqlite, then the folder is flushed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LIBRARY_BACKUP_NAME, type LibraryBackup } from '../../shared/api/contract.libraryBackups';
import { AppError } from '../errors';
import { syncFolder, tempPathFor } from '../files/atomicWrite';
import {
  backupsFolderFor,
  describeBackupError,
  listLibraryBackups,
  nodeBackupIo,
  removeQuietly,
  verifyLibraryFile,
  type BackupConfig,
} from './backups';

/** The SQLite files that travel with a library file. */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Copies the backup `id` beside the library and checks it; returns the staged copy. */
export function stageBackup(config: BackupConfig, id: string): { staged: string; backup: LibraryBackup } {
  if (!LIBRARY_BACKUP_NAME.test(id) || path.basename(id) !== id) {
    throw new AppError('invalid_request', 'That is not the name of a library backup.', 'id');
  }
  const backup = listLibraryBackups(config).find((candidate) => candidate.id === id);
  if (!backup) throw new AppError('not_found', 'That backup no longer exists. It may have been removed as too old.');
  const io = config.io ?? nodeBackupIo;
  const source = path.join(backupsFolderFor(config.libraryFile), id);
  const staged = tempPathFor(config.libraryFile);
  // Counted as created from the start: a copy cut short (a full disk) leaves part of a file.
  let created = true;
  try {
    io.copy(source, staged);
    io.fsync(staged);
    verifyLibraryFile(staged, config, `The backup ${id}`);
    created = false;
    return { staged, backup };
  } catch (error) {
    const described = describeBackupError(error, path.dirname(config.libraryFile), 'restore');
    throw described.code === 'database_corrupt' || described.code === 'database_too_new'
      ? new AppError(described.code, `${described.message} It was not restored; choose another backup.`)
      : described;
  } finally {
    if (created) removeQuietly(io, staged);
  }
}

/** Throws away a staged copy that will not be used. */
export function discardStaged(config: BackupConfig, staged: string): void {
  removeQuietly(config.io ?? nodeBackupIo, staged);
}

/**
 * Moves the library file (and its -wal) into the backups folder as `replaced-library-<time>.sqlite`,
 * for a library that cannot be backed up the usual way. Returns where it went (null: no file).
 */
export function setAsideLibrary(config: BackupConfig): string | null {
  const io = config.io ?? nodeBackupIo;
  if (!fs.existsSync(config.libraryFile)) return null;
  const dir = backupsFolderFor(config.libraryFile);
  const stamp = (config.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  try {
    io.mkdir(dir);
    let target = path.join(dir, `replaced-library-${stamp}.sqlite`);
    for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `replaced-library-${stamp}-${n}.sqlite`);
    // The -wal first: a main file without its WAL loses only what the WAL held, never the reverse.
    if (fs.existsSync(`${config.libraryFile}-wal`)) io.rename(`${config.libraryFile}-wal`, `${target}-wal`);
    io.rename(config.libraryFile, target);
    syncFolder(dir);
    return target;
  } catch (error) {
    throw describeBackupError(error, dir, 'restore');
  }
}

/** Undoes setAsideLibrary when the swap that should follow it failed, so no empty library takes its place. */
export function putBackSetAside(config: BackupConfig, setAside: string): void {
  const io = config.io ?? nodeBackupIo;
  if (fs.existsSync(`${setAside}-wal`)) io.rename(`${setAside}-wal`, `${config.libraryFile}-wal`);
  io.rename(setAside, config.libraryFile);
}

/** Puts the staged copy in place of the library file (whose connection is closed). */
export function swapInStaged(config: BackupConfig, staged: string): void {
  const io = config.io ?? nodeBackupIo;
  try {
    for (const suffix of SIDE_FILES) io.remove(`${config.libraryFile}${suffix}`);
    io.rename(staged, config.libraryFile);
  } catch (error) {
    removeQuietly(io, staged);
    throw describeBackupError(error, path.dirname(config.libraryFile), 'restore');
  }
  syncFolder(path.dirname(config.libraryFile));
}
