/**
 * The evidence store: files content-addressed by SHA-256 in DATA/attachments/<sha256>, beside
 * library.sqlite. A file comes in through a hidden temp file in the same folder, hashed as it is
 * written (never whole in memory), flushed and renamed to its hash; when that hash is stored
 * already the temp file is dropped (deduplication). Any failure (empty, too large, a read error,
 * a full disk) removes the temp file, so nothing half-written is ever found under a hash.
 * Rows that refer to the files are main/repositories/attachments.ts's; deleting files is
 * ./garbage.ts's.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describeBytes, MAX_ATTACHMENT_BYTES } from '../../shared/attachments/limits';
import { AppError, toAppError } from '../errors';
import { syncFolder } from '../files/atomicWrite';

export interface StoreLimits {
  /** Largest file accepted (default and ceiling: 200 MB). */
  maxBytes?: number;
  /** The name shown in messages ("“report.pdf” is empty…"); default "The file". */
  label?: string;
}

export interface StoredFile {
  sha256: string;
  size: number;
  /** The first bytes (up to 4 KB), to tell the media type. */
  head: Uint8Array;
}

const HEAD_BYTES = 4096;
const SHA256_NAME = /^[0-9a-f]{64}$/;
/** Temp files of the store: `.incoming-<random>.tmp`; ./garbage.ts removes stale ones. */
export const TEMP_PREFIX = '.incoming-';

export function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

export function attachmentPath(dataDir: string, sha256: string): string {
  if (!SHA256_NAME.test(sha256)) throw new AppError('invalid_request', 'That is not a SHA-256 checksum.');
  return path.join(attachmentsDir(dataDir), sha256);
}

/** True when the stored file is there and its bytes still hash to its name. */
export function verifyStored(dataDir: string, sha256: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(attachmentPath(dataDir, sha256), 'r');
  } catch {
    return false;
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
    return hash.digest('hex') === sha256;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A file being written into the store a piece at a time (a stream, or an upload's chunks that come
 * over several calls). `finish` hashes, flushes and renames it; `abort` removes it.
 */
export class IncomingFile {
  readonly tempPath: string;
  private readonly hash: Hash = createHash('sha256');
  private readonly head = Buffer.alloc(HEAD_BYTES);
  private fd: number | null;
  private written = 0;
  private readonly maxBytes: number;
  private readonly label: string;

  constructor(
    private readonly dataDir: string,
    limits: StoreLimits = {},
  ) {
    this.maxBytes = Math.min(limits.maxBytes ?? MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES);
    this.label = limits.label ?? 'The file';
    const dir = attachmentsDir(dataDir);
    try {
      fs.mkdirSync(dir, { recursive: true });
      this.tempPath = path.join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}.tmp`);
      this.fd = fs.openSync(this.tempPath, 'wx', 0o644);
    } catch (error) {
      throw storeError(error);
    }
  }

  get size(): number {
    return this.written;
  }

  /** Appends bytes; past the limit the file is removed and a clear message thrown. */
  write(chunk: Uint8Array): void {
    if (this.fd === null) throw new AppError('invalid_request', 'That upload has already ended.');
    if (this.written + chunk.length > this.maxBytes) {
      this.abort();
      throw tooLarge(this.label, this.maxBytes);
    }
    try {
      if (this.written < HEAD_BYTES) this.head.set(chunk.subarray(0, HEAD_BYTES - this.written), this.written);
      for (let offset = 0; offset < chunk.length; ) offset += fs.writeSync(this.fd, chunk, offset, chunk.length - offset);
      this.hash.update(chunk);
      this.written += chunk.length;
    } catch (error) {
      this.abort();
      throw storeError(error);
    }
  }

  /** Flushes and renames the file to its SHA-256 (or drops it when that content is stored already). */
  finish(): StoredFile {
    if (this.fd === null) throw new AppError('invalid_request', 'That upload has already ended.');
    if (this.written === 0) {
      this.abort();
      throw new AppError('invalid_request', `${this.label} is empty (0 bytes), so there is nothing to keep as evidence.`);
    }
    const sha256 = this.hash.digest('hex');
    const target = attachmentPath(this.dataDir, sha256);
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = null;
      if (fs.existsSync(target)) {
        fs.rmSync(this.tempPath, { force: true });
        // Fresh again: garbage collection leaves young files alone until their row is written.
        const now = new Date();
        fs.utimesSync(target, now, now);
      }
      else {
        fs.renameSync(this.tempPath, target);
        syncFolder(path.dirname(target));
      }
    } catch (error) {
      this.abort();
      throw storeError(error);
    }
    return { sha256, size: this.written, head: new Uint8Array(this.head.subarray(0, Math.min(this.written, HEAD_BYTES))) };
  }

  /** Removes the temp file; safe to call more than once. */
  abort(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Closing a file we are throwing away: nothing to do about a failure.
      }
      this.fd = null;
    }
    fs.rmSync(this.tempPath, { force: true });
  }
}

/** Stores what the readable yields (a project-file entry, a capture), streamed and hashed. */
export async function putStream(dataDir: string, readable: Readable | AsyncIterable<Uint8Array | string>, limits: StoreLimits = {}): Promise<StoredFile> {
  const incoming = new IncomingFile(dataDir, limits);
  try {
    for await (const chunk of readable) incoming.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  } catch (error) {
    incoming.abort();
    if ('destroy' in readable && typeof readable.destroy === 'function') readable.destroy();
    throw error instanceof AppError ? error : storeError(error);
  }
  return incoming.finish();
}

/** Stores the file at `sourcePath`, refused before reading when it is empty or too large. */
export async function putFileStreaming(dataDir: string, sourcePath: string, limits: StoreLimits = {}): Promise<StoredFile> {
  const label = limits.label ?? `“${path.basename(sourcePath)}”`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(sourcePath);
  } catch {
    throw new AppError('not_found', `${label} could not be found. It may have been moved or deleted.`, 'path');
  }
  if (!stat.isFile()) throw new AppError('invalid_request', `${label} is a folder, not a file.`, 'path');
  if (stat.size === 0) throw new AppError('invalid_request', `${label} is empty (0 bytes), so there is nothing to keep as evidence.`, 'path');
  const maxBytes = Math.min(limits.maxBytes ?? MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES);
  if (stat.size > maxBytes) throw tooLarge(label, maxBytes, stat.size);
  return putStream(dataDir, fs.createReadStream(sourcePath, { highWaterMark: 1024 * 1024 }), { ...limits, label });
}

function tooLarge(label: string, maxBytes: number, size?: number): AppError {
  const was = size === undefined ? '' : ` (${describeBytes(size)})`;
  return new AppError('too_large', `${label} is too large${was}: evidence files can be at most ${describeBytes(maxBytes)}.`);
}

function storeError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const appError = toAppError(error);
  if (appError.code !== 'internal') return appError;
  return new AppError('internal', `The evidence file could not be stored (${error instanceof Error ? error.message : String(error)}). Nothing was kept.`);
}
