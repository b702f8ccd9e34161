import fs from 'node:fs';
import path from 'node:path';
import { DelimitedReader, type Delimiter } from '../../shared/references/delimited';
import { detectFileKind, parseJson, type FileKind } from '../../shared/references/detect';
import { ReferenceFileError } from '../../shared/references/types';
import { AppError } from '../errors';

/**
 * Reading a file of reference fact-checks from disk. CSV and TSV are read a megabyte at a time and
 * never held whole; JSON has to be parsed whole, so its size is capped.
 */

/** JSON is parsed in one piece (a few times its size in memory): larger files are refused. */
export const MAX_JSON_BYTES = 500 * 1024 * 1024;
export const CHUNK_BYTES = 1024 * 1024;

export interface ReferenceFile {
  path: string;
  fileName: string;
  size: number;
  kind: FileKind;
}

/** Looks at the file: it must exist, be a file, not be empty, and be JSON, CSV or TSV. */
export function openReferenceFile(filePath: string): ReferenceFile {
  const fileName = path.basename(filePath);
  const stat = statFile(filePath, fileName);
  if (!stat.isFile()) throw new AppError('invalid_request', `“${fileName}” is a folder, not a file.`);
  if (stat.size === 0) throw new AppError('invalid_request', `“${fileName}” is empty.`);
  const head = readChunks(filePath, 64 * 1024).next();
  const kind = userError(() => detectFileKind(fileName, head.done ? '' : head.value));
  if (kind.kind === 'json' && stat.size > MAX_JSON_BYTES)
    throw new AppError(
      'too_large',
      `“${fileName}” is ${Math.round(stat.size / 1024 / 1024)} MB. JSON files up to 500 MB can be imported; split it, or convert it to CSV or TSV, which have no limit.`,
    );
  return { path: filePath, fileName, size: stat.size, kind };
}

/** The whole file as JSON (only after openReferenceFile said it is JSON and not too large). */
export function readJsonFile(file: ReferenceFile): unknown {
  const text = fs.readFileSync(file.path, 'utf8');
  return userError(() => parseJson(text, file.fileName));
}

/** The file's text, a chunk at a time (UTF-8; a byte-order mark is dropped). */
export function* readChunks(filePath: string, chunkBytes = CHUNK_BYTES): Generator<string> {
  const fd = fs.openSync(filePath, 'r');
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const decoder = new TextDecoder('utf-8');
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, chunkBytes, null);
      if (read === 0) break;
      yield decoder.decode(buffer.subarray(0, read), { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a CSV/TSV file row by row. `onRow` answers false to stop at the end of the current chunk
 * (inspect needs only the first megabyte of a large file). Returns how many bytes were read.
 */
export function forEachRow(filePath: string, delimiter: Delimiter, onRow: (row: string[]) => boolean | void, chunkBytes = CHUNK_BYTES): number {
  const reader = new DelimitedReader(delimiter);
  let stopped = false;
  let bytes = 0;
  const handle = (row: string[]) => {
    if (onRow(row) === false) stopped = true;
  };
  userError(() => {
    for (const chunk of readChunks(filePath, chunkBytes)) {
      bytes += Buffer.byteLength(chunk);
      reader.push(chunk, handle);
      if (stopped) return;
    }
    reader.end(handle);
  });
  return bytes;
}

/** A file the parsers refuse becomes an AppError whose message is shown as it is. */
export function userError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ReferenceFileError) throw new AppError('invalid_request', error.message);
    throw error;
  }
}

function statFile(filePath: string, fileName: string): fs.Stats {
  try {
    return fs.statSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not_found', `“${fileName}” was not found. It may have been moved or deleted.`);
    throw error;
  }
}
