import { z } from 'zod';

/**
 * Why a backup was made; part of its file name, `library-YYYYMMDD-HHMMSS-<reason>.sqlite` (UTC),
 * with `-2`, `-3`… when two are made in the same second.
 */
export const LIBRARY_BACKUP_REASONS = ['manual', 'daily', 'before-migration', 'before-restore'] as const;
export const LibraryBackupReason = z.enum(LIBRARY_BACKUP_REASONS);
export type LibraryBackupReason = z.infer<typeof LibraryBackupReason>;

/** The file name of a backup: its id. Nothing else (no folder, no other file) can be named. */
export const LIBRARY_BACKUP_NAME = new RegExp(
  `^library-(\\d{8})-(\\d{6})(?:-(${LIBRARY_BACKUP_REASONS.join('|')}))?(?:-(\\d{1,4}))?\\.sqlite$`,
);

export const LibraryBackupId = z
  .string()
  .max(100)
  .regex(LIBRARY_BACKUP_NAME, { message: 'That is not the name of a library backup.' });

export const LibraryBackup = z.object({
  /** The file name in the backups folder. */
  id: z.string(),
  /** When it was made (ISO, from its name). */
  createdAt: z.string(),
  reason: LibraryBackupReason,
  bytes: z.number().int().nonnegative(),
});
export type LibraryBackup = z.infer<typeof LibraryBackup>;

export const LibraryRestoreResult = z.object({
  restored: LibraryBackup,
  /** The backup of the library as it was just before (null when it could not be opened, see setAside). */
  safetyBackup: LibraryBackup.nullable(),
  /** Where a library that could not be backed up (damaged) was moved instead, or null. */
  setAside: z.string().nullable(),
});
export type LibraryRestoreResult = z.infer<typeof LibraryRestoreResult>;

const Empty = z.object({}).strict();

/**
 * Request/response schemas of the library-backup channels, merged into ./contract.ts. They answer
 * also when the library could not be opened (a damaged file), so a backup can be restored then.
 */
export const libraryBackupContract = {
  /** Newest first. */
  'libraryBackups.list': { request: Empty, response: z.array(LibraryBackup) },
  /** A backup now, checked before it is kept. */
  'libraryBackups.create': { request: Empty, response: LibraryBackup },
  /**
   * Replaces the library with the backup: the current library is backed up first ("before-restore"),
   * then the files are swapped and the library is opened again; the window gets 'library.changed'.
   */
  'libraryBackups.restore': { request: z.object({ id: LibraryBackupId }).strict(), response: LibraryRestoreResult },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
