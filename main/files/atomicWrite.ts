/**
 * The one way files are written for the person (reports, project files, the window state, …):
 * whole or not at all. The bytes go to a temporary file in the same folder (so the rename stays on
 * one disk), which is flushed to disk and then renamed over the target; the folder is flushed too,
 * so the rename survives a power cut. Any failure leaves the old file as it was and no temporary
 * file behind, and answers with a message a person can act on.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rememberWrittenFile } from './writtenFiles';
import { AppError } from '../errors';

/** The file-system calls an atomic write makes, so tests can make any of them fail. */
export interface AtomicWriteFs {
  open(file: string, flags: string, mode: number): number;
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
  isFolder(file: string): boolean;
}

export const nodeAtomicWriteFs: AtomicWriteFs = {
  open: (file, flags, mode) => fs.openSync(file, flags, mode),
  write: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fsync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  remove: (file) => fs.rmSync(file, { force: true }),
  isFolder: (file) => fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false,
};

export interface AtomicWriteOptions {
  /** What the file is, for messages: "report", "project file". Default "file". */
  what?: string;
  /** Permissions of a new file (default 0o644). */
  mode?: number;
  fs?: AtomicWriteFs;
}

/** The temporary file beside the target: hidden, unique, and short enough for any file system. */
export function tempPathFor(target: string): string {
  const base = Array.from(path.basename(target)).slice(0, 100).join('');
  return path.join(path.dirname(target), `.${base}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to `target` atomically; throws an AppError (and changes nothing) when it cannot. */
export function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  writeFileAtomicStreaming(target, (write) => write(bytes), options);
}

export interface StreamingWriteOptions extends AtomicWriteOptions {
  /**
   * Called once everything is written and flushed, just before the rename: the last point the
   * write can still be called off (a cancelled export). A throw leaves no file.
   */
  beforeRename?: () => void;
}

/**
 * Writes a file that is produced in pieces (a large export), atomically like writeFileAtomic:
 * `produce` gets a `write` that appends to the temporary file at once, so only a piece at a time
 * is held in memory. A throw from `produce` (an AppError such as a cancel passes through as it is)
 * leaves the old file and no temporary file.
 */
export function writeFileAtomicStreaming(
  target: string,
  produce: (write: (chunk: Uint8Array) => void) => void,
  options: StreamingWriteOptions = {},
): void {
  const io = options.fs ?? nodeAtomicWriteFs;
  const what = options.what ?? 'file';
  const file = path.resolve(target);
  if (io.isFolder(file)) throw describeWriteError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file, what);
  const temp = tempPathFor(file);
  let fd: number | undefined;
  let created = false;
  try {
    fd = io.open(temp, 'wx', options.mode ?? 0o644);
    created = true;
    const open = fd;
    produce((chunk) => {
      let written = 0;
      while (written < chunk.length) written += io.write(open, chunk, written, chunk.length - written);
    });
    io.fsync(open);
    fd = undefined;
    io.close(open);
    options.beforeRename?.();
    io.rename(temp, file);
    created = false;
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.close(fd);
      } catch {
        // Closing is only to let the removal below succeed on Windows.
      }
    }
    if (created) {
      try {
        io.remove(temp);
      } catch {
        // Nothing more can be done; the target is untouched either way.
      }
    }
    throw describeWriteError(error, file, what);
  }
  syncFolder(path.dirname(file));
  // Only files written here may later be shown or opened (main/files/handlers.ts).
  rememberWrittenFile(file);
}

/** Flushes a file that is written already (and closed) to disk; throws as the file system does. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename in `dir` durable where the platform allows it (not on Windows). Best effort. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // The file is complete either way.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A failed write as a message a person can act on; `what` names the file ("report"). */
export function describeWriteError(error: unknown, target: string, what = 'file'): AppError {
  if (error instanceof AppError) return error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  const dir = path.dirname(target);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'storage_full',
        `The disk is full, so the ${what} was not saved to ${dir}. Free some space or choose another folder; nothing was written.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'storage_read_only',
        `The ${what} cannot be saved in ${dir}: you do not have permission to write there (or the file is open in another program). Choose another folder; nothing was written.`,
      );
    case 'EROFS':
      return new AppError(
        'storage_read_only',
        `The ${what} cannot be saved in ${dir}: that drive is read-only. Choose another folder; nothing was written.`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError(
        'invalid_request',
        `The folder ${dir} does not exist. Choose another place to save the ${what}.`,
      );
    case 'EISDIR':
      return new AppError('invalid_request', `${target} is a folder. Choose a file name for the ${what}.`);
    case 'ENAMETOOLONG':
      return new AppError('invalid_request', 'That file name is too long. Choose a shorter one.');
    default:
      return new AppError(
        'internal',
        `The ${what} could not be saved to ${target}${code ? ` (${code})` : ''}. Nothing was written; try another folder.`,
      );
  }
}
