import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/transaction';

/** What every repository function needs: the connection, a clock, an id source and the author. */
export interface RepoContext {
  db: Db;
  now(): string;
  newId(): string;
  /** The name from Settings, stamped on every change in the history. */
  author(): string;
  /** Prepared statements are cached per SQL text: preparing costs more than running. */
  stmt(sql: string): Statement;
  /**
   * Runs fn in a transaction (or in the one already open). It begins IMMEDIATE (`writeTransaction`):
   * the write lock is taken first, so another process writing to the same file makes this one wait
   * (busy_timeout) instead of failing half-way with "busy".
   */
  tx<T>(fn: () => T): T;
  /** True the first time `key` is seen in the current outermost transaction (or outside one). */
  firstInTransaction(key: string): boolean;
  /**
   * Runs fn just before the outermost transaction commits, once per key however often it is asked
   * (at once when no transaction is open). Rules that must see the transaction's final state, such
   * as the approval rule, hang here; a hook may write and ask for hooks again.
   */
  beforeCommit(key: string, fn: () => void): void;
}

export function createRepoContext(
  db: Db,
  options: { now?: () => string; newId?: () => string; author?: () => string } = {},
): RepoContext {
  const statements = new Map<string, Statement>();
  const seenInTransaction = new Set<string>();
  const hooks = new Map<string, () => void>();
  const runHooks = () => {
    // A hook's own writes may ask for hooks again (a withdrawn approval is itself a claim update).
    for (let round = 0; hooks.size > 0; round++) {
      if (round > 20) throw new Error('Commit hooks did not settle.');
      const pending = [...hooks.values()];
      hooks.clear();
      for (const hook of pending) hook();
    }
  };
  const statementFor = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    db,
    now: options.now ?? (() => new Date().toISOString()),
    newId: options.newId ?? randomUUID,
    author: options.author ?? (() => readAuthor(statementFor)),
    stmt: statementFor,
    // Inside a transaction already: run in it. A savepoint per row costs ~15% on bulk writes, and
    // nothing here catches an inner error to carry on, so the outer rollback covers it.
    tx: (fn) => {
      if (db.inTransaction) return fn();
      try {
        return writeTransaction(db, () => {
          const result = fn();
          runHooks();
          return result;
        });
      } finally {
        seenInTransaction.clear();
        hooks.clear();
      }
    },
    beforeCommit(key, fn) {
      if (!db.inTransaction) return fn();
      hooks.set(key, fn);
    },
    firstInTransaction(key) {
      if (!db.inTransaction) return true;
      if (seenInTransaction.has(key)) return false;
      seenInTransaction.add(key);
      return true;
    },
  };
}

function readAuthor(stmt: (sql: string) => Statement): string {
  const row = stmt(`SELECT value FROM settings WHERE key = 'authorName'`).get() as { value: string } | undefined;
  if (!row) return '';
  try {
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}
