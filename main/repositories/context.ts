import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

/** What every repository function needs: the connection, a clock, an id source and the author. */
export interface RepoContext {
  db: Db;
  now(): string;
  newId(): string;
  /** The name from Settings, stamped on every change in the history. */
  author(): string;
  /** Prepared statements are cached per SQL text: preparing costs more than running. */
  stmt(sql: string): Statement;
  /** Runs fn in a transaction (a savepoint when already inside one). */
  tx<T>(fn: () => T): T;
}

export function createRepoContext(
  db: Db,
  options: { now?: () => string; newId?: () => string; author?: () => string } = {},
): RepoContext {
  const statements = new Map<string, Statement>();
  return {
    db,
    now: options.now ?? (() => new Date().toISOString()),
    newId: options.newId ?? randomUUID,
    author: options.author ?? (() => readAuthor(db)),
    stmt(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    tx: (fn) => db.transaction(fn)(),
  };
}

function readAuthor(db: Db): string {
  const row = db.prepare(`SELECT value FROM settings WHERE key = 'authorName'`).get() as { value: string } | undefined;
  if (!row) return '';
  try {
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}
