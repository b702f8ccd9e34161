import type { Db } from './open';
import { MIGRATIONS } from './migrations';
import { writeTransaction } from './transaction';

/**
 * Applies every migration newer than the file's user_version, each in its own write transaction.
 * The version is read again under the write lock: another process opening the same file at the
 * same moment may have applied the migration already.
 */
export function migrate(db: Db, migrations = MIGRATIONS): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    version = writeTransaction(db, () => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current >= migration.version) return current;
      if (migration.version !== current + 1) {
        throw new Error(`Migration ${migration.version} (${migration.name}) does not follow version ${current}.`);
      }
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${migration.version}`);
      return migration.version;
    });
  }
  return version;
}
