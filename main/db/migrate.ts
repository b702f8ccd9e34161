import type { Db } from './open';
import { MIGRATIONS } from './migrations';

/** Applies every migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Db, migrations = MIGRATIONS): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    if (migration.version !== version + 1) {
      throw new Error(`Migration ${migration.version} (${migration.name}) does not follow version ${version}.`);
    }
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    version = migration.version;
  }
  return version;
}
