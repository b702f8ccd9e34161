import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibraryApi } from '../main/library';
import { createRepoContext } from '../main/repositories/context';
import { createClaim } from '../main/repositories/claims';
import { createArticle } from '../main/repositories/articles';
import { createProject } from '../main/repositories/projects';
import { openLibrary } from '../main/db/open';
import { libraryPath } from '../main/files/dataFolder';
import { createAnchor } from '../shared/anchoring';
import { startHarness } from '../main/harness/server';
import { createFolderDialogs } from '../main/harness/folderDialogs';
import { createEventHub } from '../main/services/events';
import { formatMs, ratio, timeAsync, timeIt } from './timing';

const CLAIMS = 10_000;

/** A long article and 10,000 distinct spans in it, the same for every measurement. */
function makeArticle(): { text: string; spans: [number, number][] } {
  const words = ['budget', 'rose', 'by', '12%', 'in', '2024', 'said', 'the', 'minister', 'of', 'finance', 'Peskov'];
  const paragraphs: string[] = [];
  for (let p = 0; p < 400; p++) {
    const sentence: string[] = [];
    for (let w = 0; w < 60; w++) sentence.push(words[(p * 7 + w * 3) % words.length]!);
    paragraphs.push(sentence.join(' ') + '.');
  }
  const text = paragraphs.join('\n\n');
  const spans: [number, number][] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const start = (i * 13) % (text.length - 40);
    spans.push([start, start + 25]);
  }
  return { text, spans };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-'));

export async function benchFoundation(): Promise<void> {
  const { text, spans } = makeArticle();
  const anchors = spans.map(([start, end]) => createAnchor(text, start, end));

  // Each figure is the median of 3 runs, each into a fresh library, taken in turn so that warm-up
  // and disk caches favour neither side.
  const freshLibrary = () => {
    const opened = openLibrary(libraryPath(tempDir()));
    const ctx = createRepoContext(opened.db, { author: () => 'bench' });
    const project = createProject(ctx, { title: 'Bench' });
    const article = createArticle(ctx, project.id, { title: 'Long', outlet: '', author: '', url: '', publishedDate: '', language: 'en', direction: 'ltr', text });
    return { library: opened, ctx, project, article };
  };
  const now = new Date().toISOString();

  // Through the repositories: each claim with its change-history row, as the app writes it.
  const throughRepositories = (target: ReturnType<typeof freshLibrary>) =>
    timeIt(() =>
      target.ctx.tx(() => {
        for (const anchor of anchors) createClaim(target.ctx, { projectId: target.project.id, articleId: target.article.id, anchor });
      }),
    );
  // The raw limit: a bare prepared insert of the same rows in one transaction, with or without
  // the history row (its JSON as the repositories write it: every field's value after creation).
  const bareInsert = (target: ReturnType<typeof freshLibrary>, withHistory: boolean) => {
    const insert = target.library.db.prepare(
      `INSERT INTO claims (id, project_id, article_id, anchor_start, anchor_end, anchor_exact, anchor_prefix, anchor_suffix,
        statement, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertChange = target.library.db.prepare(
      `INSERT INTO changes (id, project_id, entity_type, entity_id, op, fields, author, at, claim_id) VALUES (?, ?, 'claim', ?, 'create', ?, 'bench', ?, ?)`,
    );
    const projectId = target.project.id;
    return timeIt(() =>
      target.library.db.transaction(() => {
        for (const anchor of anchors) {
          const id = crypto.randomUUID();
          insert.run(id, projectId, target.article.id, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, anchor.exact, now, now);
          if (!withHistory) continue;
          const fields = { anchor: { after: anchor }, anchorState: { after: 'anchored' }, statement: { after: anchor.exact }, claimant: { after: '' }, claimDate: { after: '' }, verdictId: { after: null }, rationale: { after: '' }, status: { after: 'unchecked' }, tags: { after: [] } };
          insertChange.run(crypto.randomUUID(), projectId, id, JSON.stringify(fields), now, id);
        }
      })(),
    );
  };
  const insertSamples = { repo: [] as number[], bare: [] as number[], bareWithHistory: [] as number[] };
  let kept: ReturnType<typeof freshLibrary> | null = null;
  for (let run = 0; run < 3; run++) {
    const target = freshLibrary();
    insertSamples.repo.push(throughRepositories(target));
    kept?.library.db.close();
    kept = target;
    const bare = freshLibrary();
    insertSamples.bare.push(bareInsert(bare, false));
    bare.library.db.close();
    const bareHistory = freshLibrary();
    insertSamples.bareWithHistory.push(bareInsert(bareHistory, true));
    bareHistory.library.db.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
  const repoTime = median(insertSamples.repo);
  const bareTime = median(insertSamples.bare);
  const bareWithHistory = median(insertSamples.bareWithHistory);
  console.log(`insert ${CLAIMS} claims through the repositories: ${formatMs(repoTime)} (median of 3)`);
  console.log(`  vs bare insert of the claim rows alone: ${formatMs(bareTime)} · ratio ${ratio(repoTime, bareTime)}`);
  console.log(`  vs bare insert of the same rows (claim + its history row): ${formatMs(bareWithHistory)} · ratio ${ratio(repoTime, bareWithHistory)} (goal ≤ 1.5×)`);
  const { library, article } = kept!;
  library.db.close();

  const dataDir = path.dirname(library.path);
  const events = createEventHub();
  const dialogs = createFolderDialogs(path.join(dataDir, 'exports'));
  const api = openLibraryApi({ dataDir, appVersion: 'bench', dialogs, printer: { print: () => Promise.reject(new Error('no printer')) } });
  // Loading the article with its claims, as the workbench does: in-process and through the harness's HTTP API.
  const load = () => api.registry.dispatch('workbench.loadArticle', { id: article.id });
  await load();
  const inProcess = await timeAsync(load, 5);
  const rendererDir = path.resolve(__dirname, '../renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.log('load over HTTP: skipped (run `npm run build` first)');
    return;
  }
  const harness = await startHarness({ port: 0, rendererDir, registry: api.registry, dialogs, subscribe: events.subscribe });
  const call = async () => {
    const response = await fetch(`${harness.url}/api/workbench.loadArticle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
      body: JSON.stringify({ id: article.id }),
    });
    const result = (await response.json()) as { ok: boolean };
    if (!result.ok) throw new Error('load failed');
  };
  await call();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const overHttp = samples[2]!;
  console.log(`load a ${CLAIMS}-claim article: in-process ${formatMs(inProcess)} · harness HTTP ${formatMs(overHttp)} · ratio ${ratio(overHttp, inProcess)}`);
  await harness.close();
  api.close();
}

