/**
 * Deleting evidence files nobody needs: a stored file goes only when no row of the library and no
 * library backup (whole SQLite copies in DATA/backups/) lists its SHA-256, so a restored backup
 * finds every file its rows name. Runs when the library opens and after a remove. When anything is
 * unsure (a backup that cannot be read, a WAL-mode copy we would have to write beside), nothing is
 * deleted: a file kept too long costs disk space, a file deleted too early loses evidence.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../db/open';
import { BACKUPS_FOLDER_NAME } from '../libraryBackups/backups';
import { attachmentsDir, TEMP_PREFIX } from './store';

const SHA256_NAME = /^[0-9a-f]{64}$/;
/**
 * Files younger than this are never collected: a capture or an import stores the file first and
 * writes its row a moment later (after an await), so a fresh file may be about to be referred to.
 */
export const FRESH_FILE_MS = 60 * 60 * 1000;
/** Temp files of uploads left by a crash are removed after a day (an upload in progress is younger). */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export interface GarbageResult {
  removed: string[];
  /** Why nothing was collected, when something was unsure. */
  skipped?: string;
}

/** Removes stored files that neither the library (`db`, not inside a transaction) nor a backup refers to. */
export function collectGarbage(db: Db, dataDir: string, now = Date.now()): GarbageResult {
  const dir = attachmentsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { removed: [] };
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
    if (stat && now - stat.mtimeMs > STALE_TEMP_MS) fs.rmSync(path.join(dir, name), { force: true });
  }
  const candidates = names.filter((name) => SHA256_NAME.test(name));
  if (candidates.length === 0) return { removed: [] };
  const referenced = new Set((db.prepare(`SELECT DISTINCT sha256 FROM attachments`).pluck().all() as string[]));
  const unreferenced = candidates.filter((sha) => !referenced.has(sha));
  if (unreferenced.length === 0) return { removed: [] };
  const inBackups = shaListedByBackups(db, dataDir);
  if (typeof inBackups === 'string') return { removed: [], skipped: inBackups };
  const inProjectBackups = shaListedByProjectBackups(db, unreferenced);
  const removed: string[] = [];
  for (const sha of unreferenced) {
    if (inBackups.has(sha) || inProjectBackups.has(sha)) continue;
    const file = path.join(dir, sha);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || now - stat.mtimeMs < FRESH_FILE_MS) continue;
    fs.rmSync(file, { force: true });
    removed.push(sha);
  }
  return { removed };
}

/** Every SHA-256 any backup's attachments table lists, or why they could not all be read. */
function shaListedByBackups(db: Db, dataDir: string): Set<string> | string {
  const folder = path.join(dataDir, BACKUPS_FOLDER_NAME);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Set() : 'the backups folder could not be read';
  }
  const listed = new Set<string>();
  for (const name of names) {
    if (!name.endsWith('.sqlite') || name.startsWith('.')) continue;
    const file = path.join(folder, name);
    const read = readBackupShas(db, file);
    if (typeof read === 'string') {
      // A library moved aside because it was damaged cannot be restored, so it keeps nothing.
      if (name.startsWith('replaced-')) continue;
      return `${name}: ${read}`;
    }
    for (const sha of read) listed.add(sha);
  }
  return listed;
}

function readBackupShas(db: Db, file: string): string[] | string {
  try {
    const header = Buffer.alloc(20);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, header, 0, 20, 0);
    } finally {
      fs.closeSync(fd);
    }
    // Reading a WAL-mode file would create -wal/-shm beside it: a backup is never touched.
    if (header[18] === 2 || header[19] === 2) return 'it is in WAL mode';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    db.prepare(`ATTACH DATABASE ? AS evidence_backup`).run(file);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    const hasTable = db.prepare(`SELECT 1 FROM evidence_backup.sqlite_master WHERE type = 'table' AND name = 'attachments'`).get();
    if (!hasTable) return [];
    return db.prepare(`SELECT DISTINCT sha256 FROM evidence_backup.attachments`).pluck().all() as string[];
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db.exec(`DETACH DATABASE evidence_backup`);
  }
}

/**
 * Which of `candidates` a project backup (the copy taken before an import or a restore, table
 * project_backups, format 4 and later) still lists: restoring it must find its evidence files.
 * Payloads are read only when some file is about to go, which is rare.
 */
function shaListedByProjectBackups(db: Db, candidates: readonly string[]): Set<string> {
  const listed = new Set<string>();
  const payloads = db.prepare(`SELECT payload FROM project_backups WHERE format_version >= 4`).pluck().iterate() as Iterable<Buffer>;
  for (const payload of payloads) {
    let text: string;
    try {
      text = zlib.inflateRawSync(payload).toString('utf8');
    } catch {
      // A payload that cannot be read keeps every candidate: better a file too many than a lost one.
      return new Set(candidates);
    }
    for (const sha of candidates) if (!listed.has(sha) && text.includes(sha)) listed.add(sha);
    if (listed.size === candidates.length) break;
  }
  return listed;
}
