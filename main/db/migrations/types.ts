import type { Db } from '../open';

export interface Migration {
  /** Becomes PRAGMA user_version once applied. Numbers are consecutive from 1. */
  version: number;
  name: string;
  sql: string;
  /** A step SQL alone cannot do, run after `sql` in the same transaction. */
  run?: (db: Db) => void;
}
