import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, toAppError } from '../errors';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { migrate } from './migrate';

export type Db = Database.Database;

/** "FCWB" — written by migration 1, so a stranger's SQLite file is not mistaken for a library. */
export const APPLICATION_ID = 1178823499;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenedLibrary {
  db: Db;
  path: string;
  readOnly: boolean;
  schemaVersion: number;
}

/**
 * Opens (or creates) the library database. A file that is not ours, damaged, or from a newer
 * version of the app is refused before anything is written to it.
 */
export function openLibrary(filePath: string, options: { nativeBinding?: string | undefined } = {}): OpenedLibrary {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const exists = fs.existsSync(filePath) && fs.statSync(filePath).size > 0;
  if (exists) checkHeader(filePath);
  const readOnly = exists && !isWritable(filePath);

  let db: Db;
  try {
    // nativeBinding: inside Electron, the copy of better-sqlite3 built for Electron's ABI.
    db = new Database(filePath, { readonly: readOnly, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (error) {
    throw describeOpenError(filePath, error);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'database_too_new',
        `This library (${filePath}) was saved by a newer version of Factcheck Workbench (data version ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it. The file was not changed.`,
      );
    }
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (version > 0 && applicationId !== APPLICATION_ID) {
      throw new AppError('database_corrupt', `${filePath} is a database of another program, not a Factcheck library. It was not changed.`);
    }
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!readOnly) migrate(db);
    else if (version < LATEST_SCHEMA_VERSION) {
      throw new AppError('storage_read_only', `The library ${filePath} is read-only and needs an upgrade this app cannot write. Make it writable and open it again.`);
    }
    return { db, path: filePath, readOnly, schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    db.close();
    throw describeOpenError(filePath, error);
  }
}

function checkHeader(filePath: string): void {
  const fd = fs.openSync(filePath, 'r');
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== SQLITE_HEADER) {
      throw new AppError('database_corrupt', `The library file ${filePath} is damaged or is not a Factcheck library. It was left untouched; move it aside or restore a backup to continue.`);
    }
  } finally {
    fs.closeSync(fd);
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
    return new AppError('database_corrupt', `The library file ${filePath} is damaged. It was left untouched; move it aside or restore a backup to continue.`);
  }
  return appError;
}
