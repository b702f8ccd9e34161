import type { Db } from './open';

/**
 * Runs fn in a write transaction: BEGIN IMMEDIATE, so the write lock is taken (waiting up to
 * busy_timeout for another connection to finish) before anything is read. A deferred transaction
 * that reads and then writes holds a snapshot; when another connection commits in between, its
 * first write fails at once with SQLITE_BUSY_SNAPSHOT, which busy_timeout cannot wait out.
 *
 * On a read-only connection nothing can be written, so the transaction stays deferred and a write
 * attempt fails with SQLITE_READONLY (a message about permissions) rather than about locking.
 *
 * Every write path runs through here: RepoContext.tx and the migrations.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  const transaction = db.transaction(fn);
  return db.readonly ? transaction.deferred() : transaction.immediate();
}
