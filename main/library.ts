import fs from 'node:fs';
import { LIBRARY_BACKUP_CHANNELS } from '../shared/api/channels.libraryBackups';
import type { LibraryRestoreResult } from '../shared/api/contract.libraryBackups';
import { createHandlers } from './api/handlers';
import { createRegistry, type ApiRegistry, type Handlers, type RegistryOptions } from './api/registry';
import { acquireLibraryLock, type LibraryLock } from './db/libraryLock';
import { openLibrary, type Db } from './db/open';
import { AppError, toAppError } from './errors';
import { libraryPath } from './files/dataFolder';
import {
  createLibraryBackup,
  dailyBackupDue,
  listLibraryBackups,
  type BackupConfig,
  type BackupIo,
} from './libraryBackups/backups';
import { createLibraryBackupHandlers, type LibraryBackupsControl } from './libraryBackups/handlers';
import { discardStaged, putBackSetAside, setAsideLibrary, stageBackup, swapInStaged } from './libraryBackups/restore';
import { createRepoContext, type RepoContext } from './repositories/context';
import type { FileDialogs } from './services/dialogs';
import type { FileShell } from './services/fileShell';
import type { EventSink } from './services/events';
import type { PageCapture } from './services/pageCapture';
import type { PdfPrinter } from './services/pdfPrinter';
import { createCancelFlags, type CancelFlags } from './tasks/tasks';

export interface Library {
  /** The same object for the life of the window, whichever library file is open behind it. */
  registry: ApiRegistry;
  /** The file, whether or not it could be opened. */
  path: string;
  /** Set when the library could not be opened: every call but the backup channels answers with this error. */
  readonly openError: AppError | null;
  /** Present when open: for services that work beside the API (import/export, reports, CLIs). A restore replaces it. */
  readonly ctx: RepoContext | null;
  readonly db: Db | null;
  /** The library's backups (main/libraryBackups), also when the library could not be opened. */
  backups: LibraryBackupsControl;
  /** Checks every `intervalMs` (an hour) whether a daily backup is due; close() stops it. For the app and the harness. */
  startDailyBackups(intervalMs?: number): void;
  close(): void;
}

export interface LibraryOptions extends RegistryOptions {
  dataDir: string;
  appVersion: string;
  dialogs: FileDialogs;
  printer: PdfPrinter;
  /** "Show in folder" and "Open" for exported files (main/files/handlers.ts). */
  shell?: FileShell | undefined;
  /** "Capture page" (main/services/pageCapture.ts), answered by the host's browser. */
  pageCapture?: PageCapture | undefined;
  events?: EventSink;
  /** The Electron build of better-sqlite3 (the app); tests and the harness use Node's. */
  nativeBinding?: string | undefined;
  /** Days library backups are kept (default 14; the newest three always are). */
  backupKeepDays?: number;
  /**
   * Which long calls were cancelled (main/tasks). The library worker passes flags shared with its
   * host thread (main/worker/), so a cancel reaches a synchronous import; default: in memory.
   */
  cancelFlags?: CancelFlags;
  /** For tests: the file calls backups make, and the clock that names them. */
  backupIo?: BackupIo;
  now?: () => Date;
}

export const DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000;

type LibraryState =
  | { kind: 'open'; db: Db; ctx: RepoContext; registry: ApiRegistry }
  | { kind: 'failed'; error: AppError; registry: ApiRegistry };

/**
 * Opens the library in dataDir and builds the API over it. A library that cannot be opened still
 * yields a registry, one that answers every call with the reason (so the window can show it), except
 * the library-backup channels, which answer so that a backup can be restored.
 *
 * The library folder is locked first (`main/db/libraryLock.ts`): a library that another window or
 * program has open is one of the reasons; close() releases the lock.
 *
 * What is open can change: restoring a backup closes the connection, swaps the file and opens it
 * again through the same path (migrations included). So the Library keeps the current state in one
 * variable, and its registry, ctx and db read it on every use; handlers are built anew for each
 * connection and never outlive it.
 */
export function openLibraryApi(options: LibraryOptions): Library {
  const filePath = libraryPath(options.dataDir);
  const log = options.log ?? ((message: string, error: unknown) => console.error(message, error));
  const backupConfig: BackupConfig = {
    libraryFile: filePath,
    nativeBinding: options.nativeBinding,
    ...(options.backupKeepDays !== undefined ? { keepDays: options.backupKeepDays } : {}),
    ...(options.backupIo ? { io: options.backupIo } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  // One set of flags for the Library's life: handlers are rebuilt after a restore, the flags stay.
  const cancelFlags = options.cancelFlags ?? createCancelFlags();
  let lock: LibraryLock | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  const control: LibraryBackupsControl = {
    list: () => listLibraryBackups(backupConfig),
    create: () => {
      if (state.kind !== 'open') {
        throw new AppError(state.error.code, `The library could not be opened, so it cannot be backed up. ${state.error.message}`);
      }
      return createLibraryBackup(state.db, backupConfig, 'manual');
    },
    restore: (id) => restore(id),
  };

  const failed = (error: AppError): LibraryState => {
    // Only the backup channels are ever dispatched to this one; the others answer the reason.
    const backupRegistry = createRegistry(createLibraryBackupHandlers({ libraryBackups: control }) as Handlers, options);
    const backupChannels: readonly string[] = LIBRARY_BACKUP_CHANNELS;
    return {
      kind: 'failed',
      error,
      registry: {
        channels: LIBRARY_BACKUP_CHANNELS,
        dispatch: async (channel, request) =>
          typeof channel === 'string' && backupChannels.includes(channel)
            ? backupRegistry.dispatch(channel, request)
            : { ok: false, error: error.toApiError() },
      },
    };
  };

  const open = (): LibraryState => {
    let db: Db | null = null;
    try {
      lock ??= acquireLibraryLock(options.dataDir);
      const opened = openLibrary(filePath, {
        nativeBinding: options.nativeBinding,
        backups: { keepDays: backupConfig.keepDays, io: backupConfig.io, now: backupConfig.now },
      });
      db = opened.db;
      const ctx = createRepoContext(opened.db);
      const handlers = createHandlers({
        ctx,
        appVersion: options.appVersion,
        dataPath: filePath,
        schemaVersion: opened.schemaVersion,
        dialogs: options.dialogs,
        printer: options.printer,
        ...(options.shell ? { shell: options.shell } : {}),
        ...(options.pageCapture ? { pageCapture: options.pageCapture } : {}),
        libraryBackups: control,
        cancelFlags,
        ...(options.events ? { events: options.events } : {}),
      });
      return { kind: 'open', db: opened.db, ctx, registry: createRegistry(handlers, options) };
    } catch (error) {
      if (db?.open) db.close();
      lock?.release();
      lock = null;
      return failed(toAppError(error));
    }
  };

  const closeConnection = () => {
    if (state.kind === 'open' && state.db.open) state.db.close();
  };

  /**
   * Replaces the library with a backup. The backup is staged and checked, and the current library
   * backed up ("before-restore"), while everything still works: a failure there changes nothing.
   * Then the connection is closed, the files are swapped, and the library is opened again — the
   * restored one, or after a failure the old one. A library that could not be opened (or whose
   * backup finds it damaged) is moved into the backups folder instead of being backed up.
   */
  const restore = (id: string): LibraryRestoreResult => {
    if (closed) throw new AppError('conflict', 'The library is closing. Open it again to restore a backup.');
    // A library another program has open is never replaced under it: its lock is needed first.
    lock ??= acquireLibraryLock(options.dataDir);
    let staged: string | null = null;
    try {
      const stage = stageBackup(backupConfig, id);
      staged = stage.staged;
      let safetyBackup = null;
      if (state.kind === 'open') {
        try {
          safetyBackup = createLibraryBackup(state.db, backupConfig, 'before-restore');
        } catch (error) {
          // A damaged library cannot be copied by SQLite; it is set aside whole below instead.
          if (toAppError(error).code !== 'database_corrupt') throw error;
        }
      }
      let setAside: string | null = null;
      closeConnection();
      try {
        if (!safetyBackup) setAside = setAsideLibrary(backupConfig);
        try {
          swapInStaged(backupConfig, staged);
          staged = null;
        } catch (error) {
          // Reopening must find the library that was there, not create an empty one.
          if (setAside) putBackSetAside(backupConfig, setAside);
          throw error;
        }
      } finally {
        // The restored library, or (the swap failed) the one that was there.
        state = open();
      }
      if (state.kind !== 'open') {
        throw new AppError(state.error.code, `The backup was put in place but could not be opened: ${state.error.message}`);
      }
      options.events?.emit('library.changed', { projectId: null });
      return { restored: stage.backup, safetyBackup, setAside };
    } finally {
      if (staged) discardStaged(backupConfig, staged);
      if (state.kind !== 'open') {
        lock?.release();
        lock = null;
      }
    }
  };

  /** A daily backup when the newest is a day old; a failure is logged, never shown as an error of the call. */
  const backUpIfDue = () => {
    if (state.kind !== 'open' || closed) return;
    try {
      if (dailyBackupDue(backupConfig)) createLibraryBackup(state.db, backupConfig, 'daily');
    } catch (error) {
      log('The daily library backup could not be made', error);
    }
  };

  // A library created just now has nothing to back up yet; the hourly check takes it from there.
  const existed = hasContent(filePath);
  let state: LibraryState = open();
  if (existed) backUpIfDue();

  return {
    registry: {
      get channels() {
        return state.registry.channels;
      },
      dispatch: (channel, request) => state.registry.dispatch(channel, request),
    },
    path: filePath,
    get openError() {
      return state.kind === 'failed' ? state.error : null;
    },
    get ctx() {
      return state.kind === 'open' ? state.ctx : null;
    },
    get db() {
      return state.kind === 'open' ? state.db : null;
    },
    backups: control,
    startDailyBackups(intervalMs = DAILY_BACKUP_CHECK_MS) {
      if (timer || closed) return;
      timer = setInterval(backUpIfDue, intervalMs);
      timer.unref?.();
    },
    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      try {
        closeConnection();
      } finally {
        lock?.release();
        lock = null;
      }
    },
  };
}

function hasContent(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}
