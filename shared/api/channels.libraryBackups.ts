/** Channel names of library backups: whole-file copies of library.sqlite in DATA/backups. */
export const LIBRARY_BACKUP_CHANNELS = ['libraryBackups.list', 'libraryBackups.create', 'libraryBackups.restore'] as const;
