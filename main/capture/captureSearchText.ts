/**
 * The searchable copy of a capture's visible text (issue 13): `attachments.search_text` of a
 * capture-text row (migration 11), whose analysed terms the library search puts in its claim's `context`
 * (main/search/indexSql.ts). Written with the row by a capture (./storeCapture.ts); a project
 * file's rows carry no such text, so an import, and migration 11 for older captures, read it
 * from the stored file instead.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { attachmentPath } from '../attachments/store';

/** The most text kept for search per capture, as a capture keeps at most (MAX_CAPTURE_TEXT_CHARS). */
export const CAPTURE_SEARCH_TEXT_CHARS = 1_000_000;
/** Bytes read from a stored text file: UTF-8 takes at most 4 bytes a character. */
const MAX_READ_BYTES = CAPTURE_SEARCH_TEXT_CHARS * 4;

/**
 * Sets a capture-text row's text and its analysed terms (`search_terms`, what the index takes):
 * analysed once here, so a claim edit does not analyse a long page again (bench/captureSearch.ts).
 */
export const SET_CAPTURE_SEARCH_TEXT = `UPDATE attachments SET search_text = @text, search_terms = fc_index_text(@text) WHERE id = @id`;

export function captureSearchText(text: string): string {
  return text.slice(0, CAPTURE_SEARCH_TEXT_CHARS);
}

/** The stored file's text (its beginning), or '' when the file is not in the store. */
export function readStoredCaptureText(dataDir: string, sha256: string): string {
  let fd: number;
  try {
    fd = fs.openSync(attachmentPath(dataDir, sha256), 'r');
  } catch {
    return '';
  }
  try {
    const buffer = Buffer.alloc(Math.min(MAX_READ_BYTES, fs.fstatSync(fd).size));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return captureSearchText(new TextDecoder('utf-8').decode(buffer.subarray(0, read)));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Gives every capture-text row without search text (of one project, or of the whole library) the
 * text of its stored file. Runs in the caller's transaction; the attachments triggers index it.
 */
export function fillCaptureSearchText(db: Database.Database, dataDir: string, projectId?: string): number {
  const rows = db
    .prepare(
      `SELECT id, sha256 FROM attachments
       WHERE kind = 'capture-text' AND search_text = ''${projectId === undefined ? '' : ' AND project_id = ?'}`,
    )
    .all(...(projectId === undefined ? [] : [projectId])) as { id: string; sha256: string }[];
  const update = db.prepare(SET_CAPTURE_SEARCH_TEXT);
  let filled = 0;
  for (const row of rows) {
    const text = readStoredCaptureText(dataDir, row.sha256);
    if (text.trim() === '') continue;
    update.run({ text, id: row.id });
    filled += 1;
  }
  return filled;
}
