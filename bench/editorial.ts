/**
 * Editorial integrity's costs: numbering and sealing a 10,000-claim project on migration 3 (goal
 * under 1 s), and what the approval rule adds to an edit of an approved claim (against the same
 * UPDATE with no rule, the raw limit).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../main/db/migrate';
import { MIGRATIONS } from '../main/db/migrations';
import { openLibrary } from '../main/db/open';
import { createRepoContext } from '../main/repositories/context';
import { createArticle } from '../main/repositories/articles';
import { createClaim, updateClaim } from '../main/repositories/claims';
import { createProject } from '../main/repositories/projects';
import { writeSettings } from '../main/repositories/settings';
import { createAnchor } from '../shared/anchoring';
import { formatMs, ratio, timeIt } from './timing';

const CLAIMS = 10_000;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-editorial-'));

/** A version-2 library (before numbers) with one project of CLAIMS claims, a tenth approved. */
function versionTwoLibrary(file: string): void {
  const db = new Database(file);
  migrate(db, MIGRATIONS.slice(0, 2));
  const projectId = randomUUID();
  const articleId = randomUUID();
  const text = 'The minister said the budget rose by 12% in 2024. '.repeat(400);
  db.prepare(`INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, 'Bench', 't', 't')`).run(projectId);
  db.prepare(`INSERT INTO articles (id, project_id, title, text, created_at, updated_at) VALUES (?, ?, 'A', ?, 't', 't')`).run(articleId, projectId, text);
  const insertClaim = db.prepare(
    `INSERT INTO claims (id, project_id, article_id, anchor_start, anchor_end, anchor_exact, rationale, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'A rationale of ordinary length, a few sentences long.', ?, ?, ?)`,
  );
  const insertSource = db.prepare(
    `INSERT INTO sources (id, claim_id, position, url, title, created_at, updated_at) VALUES (?, ?, 0, 'https://example.org/', 'Source', 't', 't')`,
  );
  db.transaction(() => {
    for (let i = 0; i < CLAIMS; i++) {
      const id = randomUUID();
      const start = (i * 7) % (text.length - 30);
      const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      insertClaim.run(id, projectId, articleId, start, start + 20, text.slice(start, start + 20), i % 10 === 0 ? 'approved' : 'unchecked', at, at);
      insertSource.run(randomUUID(), id);
    }
  })();
  db.close();
}

export async function benchEditorial(): Promise<void> {
  const migrationMs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    versionTwoLibrary(file);
    const db = new Database(file);
    migrationMs.push(timeIt(() => migrate(db)));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  migrationMs.sort((a, b) => a - b);
  console.log(`migrations 3-5 on ${CLAIMS.toLocaleString('en')} claims (numbering, sealing ${CLAIMS / 10} approvals, history index backfill): ${formatMs(migrationMs[1]!)} (goal < 1 s)`);

  // An edit of an approved claim: the rule re-seals and withdraws the approval in the same transaction.
  const dir = tempDir();
  const { db } = openLibrary(path.join(dir, 'library.sqlite'));
  const ctx = createRepoContext(db);
  writeSettings(ctx, { authorName: 'Bench Editor' });
  const project = createProject(ctx, { title: 'Bench' });
  const text = 'The minister said the budget rose by 12% in 2024. '.repeat(40);
  const article = createArticle(ctx, project.id, { title: 'A', outlet: '', author: '', url: '', publishedDate: '', language: 'en', direction: 'ltr', text });
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) {
    const claim = createClaim(ctx, { projectId: project.id, articleId: article.id, anchor: createAnchor(text, i * 5, i * 5 + 20) });
    ids.push(updateClaim(ctx, claim.id, { rationale: 'Approved text.', status: 'approved' }).id);
  }
  let n = 0;
  const withRule = timeIt(() => updateClaim(ctx, ids[n++]!, { rationale: `Changed ${n}` }), 101);
  const raw = db.prepare(`UPDATE claims SET rationale = ?, updated_at = ? WHERE id = ?`);
  let m = 0;
  const bare = timeIt(() => raw.run(`Bare ${m}`, new Date().toISOString(), ids[m++ % ids.length]!), 101);
  console.log(
    `edit of an approved claim (history + approval rule + withdrawal): ${formatMs(withRule)} vs bare UPDATE ${formatMs(bare)} (${ratio(withRule, bare)})`,
  );

  // 60 autosaves while typing a 3,000-character rationale: what the history grows by (goal < 3x the text).
  const typed = 'Evidence from the ministry’s own figures shows otherwise. '.repeat(52).slice(0, 3_000);
  const target = ids[150]!;
  const sizeOf = () => (db.prepare(`SELECT COALESCE(SUM(length(fields)), 0) AS n FROM changes WHERE claim_id = ?`).get(target) as { n: number }).n;
  const before = sizeOf();
  for (let i = 1; i <= 60; i++) updateClaim(ctx, target, { rationale: typed.slice(0, Math.ceil((typed.length * i) / 60)) });
  const grown = sizeOf() - before;
  console.log(`60 autosaves of a 3,000-character rationale add ${grown.toLocaleString('en')} characters of history (${ratio(grown, typed.length)} the text; goal < 3x)`);

  // A written rationale edited 60 times in its middle by someone else: one change whose before is
  // stored as a delta against its after (main/repositories/changeFields.ts), not a second copy.
  writeSettings(ctx, { authorName: 'Bench Reviewer' });
  const beforeEdits = sizeOf();
  let edited = typed;
  for (let i = 1; i <= 60; i++) {
    const middle = Math.floor(edited.length / 2);
    edited = `${edited.slice(0, middle)}edit${i} ${edited.slice(middle)}`;
    updateClaim(ctx, target, { rationale: edited });
  }
  const grownByEdits = sizeOf() - beforeEdits;
  console.log(
    `60 edits in the middle of that rationale by another author add ${grownByEdits.toLocaleString('en')} characters of history (${ratio(grownByEdits, typed.length)} the text; goal < 1.5x; 2x+ with both texts whole)`,
  );
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
