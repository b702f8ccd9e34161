import { createHandlers } from './api/handlers';
import { createRegistry, type ApiRegistry, type RegistryOptions } from './api/registry';
import { acquireLibraryLock, type LibraryLock } from './db/libraryLock';
import { openLibrary, type Db } from './db/open';
import type { AppError} from './errors';
import { toAppError } from './errors';
import { libraryPath } from './files/dataFolder';
import { createRepoContext, type RepoContext } from './repositories/context';
import type { FileDialogs } from './services/dialogs';
import type { EventSink } from './services/events';
import type { PdfPrinter } from './services/pdfPrinter';

export interface Library {
  registry: ApiRegistry;
  /** The file, whether or not it could be opened. */
  path: string;
  /** Set when the library could not be opened: every call answers with this error. */
  openError: AppError | null;
  /** Present when open: for services that work beside the API (import/export, reports, CLIs). */
  ctx: RepoContext | null;
  db: Db | null;
  close(): void;
}

export interface LibraryOptions extends RegistryOptions {
  dataDir: string;
  appVersion: string;
  dialogs: FileDialogs;
  printer: PdfPrinter;
  events?: EventSink;
  /** The Electron build of better-sqlite3 (the app); tests and the harness use Node's. */
  nativeBinding?: string | undefined;
}

/**
 * Opens the library in dataDir and builds the API over it. A library that cannot be opened still
 * yields a registry, one that answers every call with the reason, so the window can show it.
 * The library folder is locked first (`main/db/libraryLock.ts`): a library that another window or
 * program has open is one of the reasons; close() releases the lock.
 */
export function openLibraryApi(options: LibraryOptions): Library {
  const filePath = libraryPath(options.dataDir);
  let lock: LibraryLock | null = null;
  let db: Db | null = null;
  try {
    lock = acquireLibraryLock(options.dataDir);
    const opened = openLibrary(filePath, { nativeBinding: options.nativeBinding });
    db = opened.db;
    const heldLock = lock;
    const ctx = createRepoContext(opened.db);
    const handlers = createHandlers({
      ctx,
      appVersion: options.appVersion,
      dataPath: filePath,
      schemaVersion: opened.schemaVersion,
      dialogs: options.dialogs,
      printer: options.printer,
      ...(options.events ? { events: options.events } : {}),
    });
    return {
      registry: createRegistry(handlers, options),
      path: filePath,
      openError: null,
      ctx,
      db: opened.db,
      close: () => {
        try {
          if (opened.db.open) opened.db.close();
        } finally {
          heldLock.release();
        }
      },
    };
  } catch (error) {
    if (db?.open) db.close();
    lock?.release();
    const openError = toAppError(error);
    return {
      registry: {
        channels: [],
        dispatch: async () => ({ ok: false, error: openError.toApiError() }),
      },
      path: filePath,
      openError,
      ctx: null,
      db: null,
      close: () => undefined,
    };
  }
}
