import type { LibraryBackup, LibraryRestoreResult } from '../../shared/api/contract.libraryBackups';
import type { LibraryBackupHandlers } from '../api/handlerTypes';
import { AppError } from '../errors';

/**
 * What the library-backup channels act on. main/library.ts provides it: it owns the connection,
 * the lock and the registry, all three of which a restore replaces.
 */
export interface LibraryBackupsControl {
  /** Newest first. */
  list(): LibraryBackup[];
  /** A backup of the open library now. */
  create(): LibraryBackup;
  /** Replaces the library with the backup `id` (see main/library.ts). */
  restore(id: string): LibraryRestoreResult;
}

/**
 * Handlers of the library-backup channels (shared/api/contract.libraryBackups.ts). The same
 * handlers answer in the registry of a library that could not be opened.
 */
export function createLibraryBackupHandlers(deps: { libraryBackups?: LibraryBackupsControl | undefined }): LibraryBackupHandlers {
  const control = (): LibraryBackupsControl => {
    if (!deps.libraryBackups) throw new AppError('internal', 'Library backups are not available here.');
    return deps.libraryBackups;
  };
  return {
    'libraryBackups.list': () => control().list(),
    'libraryBackups.create': () => control().create(),
    'libraryBackups.restore': ({ id }) => control().restore(id),
  };
}
