import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, toAppError } from '../errors';
import { registerSearchFunctions } from '../search/indexFunction';
import { backupsFolderFor, createLibraryBackup, type BackupConfig } from '../libraryBackups/backups';
import { APPLICATION_ID, quickCheck, summariseProblems } from './check';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { migrate } from './migrate';

export type Db = Database.Database;

export { APPLICATION_ID };
const SQLITE_HEADER = 'SQLite format 3\u0000';
/** How long a connection waits for another one's write lock before answering "busy". */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenedLibrary {
  db: Db;
  path: string;
  readOnly: boolean;
  schemaVersion: number;
}

export interface OpenLibraryOptions {
  /** The Electron build of better-sqlite3 (the app); tests and the harness use Node's. */
  nativeBinding?: string | undefined;
  /**
   * Open for reading only (commands that only read, such as the report CLI): nothing is written,
   * not even the WAL switch or a migration, so it works while the app has the library open.
   */
  readOnly?: boolean;
  /** How the backup made before a migration is kept (main/libraryBackups), and, for tests, its file calls. */
  backups?: Pick<BackupConfig, 'keepDays' | 'io' | 'now'>;
}

/**
 * Opens (or creates) the library database. A file that is not ours, damaged, or from a newer
 * version of the app is refused before anything is written to it: it is first looked at through
 * its header and a read-only connection, and only a library of ours (or an empty file) is then
 * opened for writing. `PRAGMA quick_check` runs on every open, before the WAL switch; a library of
 * an older data version is backed up (`backups/library-…-before-migration.sqlite`) before it is
 * migrated, and is not migrated when that backup cannot be made.
 */
export function openLibrary(filePath: string, options: OpenLibraryOptions = {}): OpenedLibrary {
  const exists = fs.existsSync(filePath) && fs.statSync(filePath).size > 0;
  if (!exists && options.readOnly) {
    throw new AppError('not_found', `There is no library at ${filePath}.`);
  }
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (exists) inspectExistingFile(filePath, binding);
  else fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const readOnly = options.readOnly === true || (exists && !isWritable(filePath));

  let db: Db;
  try {
    // nativeBinding: inside Electron, the copy of better-sqlite3 built for Electron's ABI.
    // timeout: busy_timeout from the first statement on, the WAL switch and migrations included.
    db = new Database(filePath, {
      readonly: readOnly,
      fileMustExist: exists,
      timeout: BUSY_TIMEOUT_MS,
      ...binding,
    });
  } catch (error) {
    throw describeOpenError(filePath, error);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The search index's triggers (migration 7) call it on every write of an indexed column.
    registerSearchFunctions(db);
    // Checked again on this connection (before any pragma that writes), in case the file changed
    // since it was inspected; the schema itself was looked at there.
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    judge(filePath, { applicationId, userVersion: version, hasSchema: false });
    // Every page and b-tree well formed, before anything is written (even the WAL switch).
    const problems = quickCheck(db);
    if (problems.length > 0) {
      throw new AppError(
        'database_corrupt',
        `The library file ${filePath} is damaged (${summariseProblems(problems)}). Nothing was written to it. Restore a library backup to continue; the app keeps them in ${backupsFolderFor(filePath)}.`,
      );
    }
    // A library of an older data version is backed up (main/libraryBackups) before migrate() writes.
    if (!readOnly && exists && version >= 1 && version < LATEST_SCHEMA_VERSION) {
      createLibraryBackup(db, { ...options.backups, libraryFile: filePath, nativeBinding: options.nativeBinding }, 'before-migration');
    }
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!readOnly) migrate(db);
    else if (version < LATEST_SCHEMA_VERSION) {
      throw options.readOnly
        ? new AppError(
            'storage_read_only',
            `The library ${filePath} was saved by an older version of Factcheck Workbench (data version ${version}) and must be upgraded before it can be read here. Open it once in the app, then try again.`,
          )
        : new AppError(
            'storage_read_only',
            `The library ${filePath} is read-only and needs an upgrade this app cannot write. Make it writable and open it again.`,
          );
    }
    return {
      db,
      path: filePath,
      readOnly,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } catch (error) {
    db.close();
    throw describeOpenError(filePath, error);
  }
}

interface FileFacts {
  applicationId: number;
  userVersion: number;
  /** Anything in the schema (tables, indexes, views, triggers) besides SQLite's own. */
  hasSchema: boolean;
}

/**
 * Decides, without writing a byte, whether an existing file may be opened as the library: ours
 * (and not from a newer app) or an empty SQLite database. Anything else throws.
 *
 * Where nothing waits in a `-wal` file, the main file's 100-byte header is the whole truth and is
 * read directly: a file of another program with a foreign application_id is refused without ever
 * being opened by SQLite, and a WAL-mode file is judged from its header alone (a read-only SQLite
 * connection would leave `-wal` and `-shm` files beside it). Otherwise a read-only connection reads
 * user_version, application_id and the schema; it changes nothing in a rollback-journal file.
 */
function inspectExistingFile(filePath: string, binding: { nativeBinding?: string }): void {
  const header = readHeader(filePath);
  const walPending = fileSize(`${filePath}-wal`) > 0;
  if (!walPending) {
    const { applicationId, userVersion } = header;
    // The cheap refusals first: a foreign id, or a version without our id, is never ours.
    judge(filePath, { applicationId, userVersion, hasSchema: false });
    if (header.walMode) {
      judge(filePath, { applicationId, userVersion, hasSchema: header.schemaPageHasCells });
      return;
    }
  }
  let probe: Db | null = null;
  try {
    probe = new Database(filePath, { readonly: true, fileMustExist: true, ...binding });
    const facts: FileFacts = {
      applicationId: probe.pragma('application_id', { simple: true }) as number,
      userVersion: probe.pragma('user_version', { simple: true }) as number,
      hasSchema:
        probe
          .prepare(`SELECT 1 FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' LIMIT 1`)
          .get() !== undefined,
    };
    probe.close();
    probe = null;
    judge(filePath, facts);
  } catch (error) {
    throw describeOpenError(filePath, error);
  } finally {
    probe?.close();
  }
}

/** Throws unless the facts describe a library of ours this app can open, or an empty database. */
function judge(filePath: string, facts: FileFacts): void {
  if (facts.applicationId === APPLICATION_ID) {
    if (facts.userVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'database_too_new',
        `This library (${filePath}) was saved by a newer version of Factcheck Workbench (data version ${facts.userVersion}; this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it. The file was not changed.`,
      );
    }
    return;
  }
  // Not our id: only an empty database (no id, no version, no tables) may become a library.
  if (facts.applicationId !== 0 || facts.userVersion !== 0 || facts.hasSchema) {
    throw new AppError(
      'database_corrupt',
      `${filePath} is a database of another program, not a Factcheck library. It was not changed. Move it aside or choose another folder for the library.`,
    );
  }
}

interface Header {
  walMode: boolean;
  userVersion: number;
  applicationId: number;
  /** Whether page 1 (the schema table) has any entries; true when it cannot tell. */
  schemaPageHasCells: boolean;
}

/** The SQLite header (https://www.sqlite.org/fileformat.html#the_database_header) and page 1's b-tree header. */
function readHeader(filePath: string): Header {
  const fd = fs.openSync(filePath, 'r');
  try {
    const bytes = Buffer.alloc(108);
    const read = fs.readSync(fd, bytes, 0, bytes.length, 0);
    if (read < 100 || bytes.toString('latin1', 0, 16) !== SQLITE_HEADER) {
      throw new AppError(
        'database_corrupt',
        `The library file ${filePath} is damaged or is not a Factcheck library. It was left untouched; move it aside or restore a backup to continue.`,
      );
    }
    const pageType = read >= 105 ? bytes[100] : undefined;
    const cells = read >= 105 ? bytes.readUInt16BE(103) : undefined;
    return {
      walMode: bytes[18] === 2 || bytes[19] === 2,
      userVersion: bytes.readInt32BE(60),
      applicationId: bytes.readInt32BE(68),
      // 13: a leaf table page, so the schema fits on page 1 and `cells` counts its entries.
      schemaPageHasCells: !(pageType === 13 && cells === 0),
    };
  } finally {
    fs.closeSync(fd);
  }
}

function fileSize(filePath: string): number {
  try {
    return fs.statSync(filePath).size;
  } catch {
    return 0;
  }
}

function isWritable(filePath: string): boolean {
  try {
    fs.accessSync(filePath, fs.constants.W_OK);
    fs.accessSync(path.dirname(filePath), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function describeOpenError(filePath: string, error: unknown): AppError {
  const appError = toAppError(error);
  if (appError.code === 'database_corrupt' && !appError.message.includes(filePath)) {
    return new AppError(
      'database_corrupt',
      `The library file ${filePath} is damaged. It was left untouched; move it aside or restore a backup to continue.`,
    );
  }
  return appError;
}
