/**
 * What makes a file a sound library of ours, for the open path and for backups: the application id
 * and SQLite's `PRAGMA quick_check` (every page and b-tree is well formed; indexes are not compared
 * with their tables, which is what keeps it fast enough to run on every open).
 */
import type Database from 'better-sqlite3';

/** "FCWB" — written by migration 1, so a stranger's SQLite file is not mistaken for a library. */
export const APPLICATION_ID = 1178823499;

/**
 * The problems `PRAGMA quick_check` finds, one per line (an empty list when the file is sound).
 * A page so damaged that SQLite refuses to read it counts as a problem too, named by its error.
 */
export function quickCheck(db: Database.Database): string[] {
  let rows: unknown[];
  try {
    rows = db.pragma('quick_check') as unknown[];
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      return [error instanceof Error ? error.message : code];
    }
    throw error;
  }
  const lines = rows
    .flatMap((row) => String(Object.values(row as Record<string, unknown>)[0] ?? '').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(line));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

/** The first problems quick_check found, short enough for a message. */
export function summariseProblems(problems: readonly string[]): string {
  const first = problems[0] ?? 'unknown problem';
  return problems.length > 1 ? `${first}; and ${problems.length - 1} more problems` : first;
}
