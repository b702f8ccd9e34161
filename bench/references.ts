/**
 * Reference fact-checks (not a test): importing a CheckThat!-shaped TSV of 100,000 items into a
 * collection (goal: under 30 s), against the raw limit — a bare better-sqlite3 INSERT of the same
 * rows in one transaction, into a table of the same shape with no indexes beyond its key. Also
 * prints the memory an import of a million rows peaks at, since CSV/TSV are read a chunk at a time.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../main/db/migrate';
import { MIGRATIONS } from '../main/db/migrations';
import { openLibrary } from '../main/db/open';
import { libraryPath } from '../main/files/dataFolder';
import { importReferenceFile } from '../main/references/importReferences';
import { createRepoContext } from '../main/repositories/context';
import { startTask } from '../main/tasks/tasks';
import { formatMs, ratio, timeIt } from './timing';

const ITEMS = 100_000;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-references-'));

function writeTsv(file: string, count: number): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '\tvclaim\ttitle\n');
  let lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`vclaim-sno-${i}\tClaim ${i}: the minister said unemployment fell by ${i % 50} percent in ${2000 + (i % 24)}.\tDid unemployment fall ${i}?`);
    if (lines.length === 10_000) {
      fs.writeSync(out, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) fs.writeSync(out, lines.join('\n') + '\n');
  fs.closeSync(out);
}

/**
 * Into a library as the app opens it (the search index's triggers included), or with only the
 * migrations up to reference checks (6): the import's own cost.
 */
function importInto(file: string, onlyOwnSchema = false): { ms: number; added: number } {
  const db = onlyOwnSchema ? ownSchemaLibrary() : openLibrary(libraryPath(tempDir())).db;
  const ctx = createRepoContext(db);
  let added = 0;
  const ms = timeIt(() => {
    added = importReferenceFile(ctx, { path: file, collectionName: 'Bench' }, startTask({}, undefined, '')).added;
  });
  db.close();
  return { ms, added };
}

function ownSchemaLibrary() {
  const db = new Database(path.join(tempDir(), 'library.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((migration) => migration.version <= 6));
  return db;
}

/** The same rows, split by hand, through one prepared INSERT in one transaction: the raw limit. */
function bareInsert(file: string): number {
  const db = new Database(path.join(tempDir(), 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE checks (id TEXT PRIMARY KEY, collection_id TEXT NOT NULL, external_id TEXT NOT NULL, claim_text TEXT NOT NULL, title TEXT NOT NULL) STRICT`);
  const insert = db.prepare(`INSERT INTO checks VALUES (?, 'bench', ?, ?, ?)`);
  const ms = timeIt(() => {
    const rows = fs.readFileSync(file, 'utf8').split('\n').slice(1);
    db.transaction(() => {
      for (const row of rows) {
        if (!row) continue;
        const [id, claim, title] = row.split('\t');
        insert.run(randomUUID(), id, claim, title);
      }
    })();
  });
  db.close();
  return ms;
}

export async function benchReferences(): Promise<void> {
  const dir = tempDir();
  const file = path.join(dir, 'verified_claims.docs.tsv');
  writeTsv(file, ITEMS);
  const ours = importInto(file);
  const own = importInto(file, true);
  const bare = bareInsert(file);
  const perSecond = (ms: number) => Math.round((ITEMS / ms) * 1000).toLocaleString('en');
  console.log(`import ${ours.added.toLocaleString('en')} items from a ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB TSV: ${formatMs(ours.ms)} (${perSecond(ours.ms)} items/s; goal under 30 s)`);
  console.log(`the same without the search index (migrations up to 6 only): ${formatMs(own.ms)} (${perSecond(own.ms)} items/s); ${ratio(own.ms, bare)} the raw limit`);
  console.log(`bare better-sqlite3 insert of the same rows: ${formatMs(bare)} (${perSecond(bare)} items/s); ours ${ratio(ours.ms, bare)} the raw limit`);

  const million = path.join(dir, 'million.tsv');
  writeTsv(million, 1_000_000);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  // The import is synchronous: sample memory from its own progress reports as well.
  const { db } = openLibrary(libraryPath(tempDir()));
  const ctx = createRepoContext(db);
  const events = { emit: () => void (peak = Math.max(peak, process.memoryUsage().rss)) };
  const ms = timeIt(() => importReferenceFile(ctx, { path: million, collectionName: 'Million' }, startTask({ events }, 'bench', '')));
  clearInterval(timer);
  db.close();
  console.log(
    `import 1,000,000 items (${(fs.statSync(million).size / 1024 / 1024).toFixed(0)} MB TSV): ${formatMs(ms)}; resident memory grew by at most ${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}
