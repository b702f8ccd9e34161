import type { ApiError, ErrorCode } from '../shared/api/result';

/** An error meant for the person using the app: its message is shown as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
  toApiError(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new AppError('not_found', `That ${what} no longer exists. It may have been deleted.`);

/**
 * SQLite's error codes turned into messages a person can act on. Anything unknown becomes a
 * generic message; the details go to the log, not the screen.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('storage_full', 'The disk is full, so the change was not saved. Free some space and try again; nothing already saved was lost.');
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError('storage_read_only', 'The library is read-only (check the file permissions or the drive), so the change was not saved.');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('database_corrupt', 'The library file is damaged. Nothing more was written to it; restore it from a backup or start a new library.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('conflict', 'The library is busy in another window or program. Try again in a moment.');
  }
  if (code === 'SQLITE_TOOBIG') return new AppError('too_large', 'That is too large to save.');
  // The schema's own rules (the triggers of migration 004: a claim's article and verdict are in its
  // project, …) answer with RAISE messages written for a person; they are shown as they are.
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && error instanceof Error && error.message !== '') {
    return new AppError('invalid_request', error.message);
  }
  return new AppError('internal', 'Something went wrong and the change was not saved. Try again; if it keeps happening, restart the app.');
}
