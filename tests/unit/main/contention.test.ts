import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../main/db/open';
import { createRepoContext } from '../../../main/repositories/context';
import { createProject, getProject } from '../../../main/repositories/projects';
import type { WorkerReport } from '../../support/contentionWorker';
import { tempDir } from '../../support/library';

const ROOT = path.resolve(__dirname, '../../..');
const INCREMENTS = 300;
let dir: string;
let worker: string;

beforeAll(async () => {
  dir = tempDir('factcheck-contention-');
  // The worker is TypeScript that imports main/: bundled like the app's own entry points.
  worker = path.join(dir, 'contentionWorker.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'tests/support/contentionWorker.ts')],
    outfile: worker,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'electron'],
    define: { __APP_VERSION__: '"0.0.0-test"' },
    logLevel: 'silent',
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function startWorker(
  file: string,
  projectId: string,
): Promise<{ child: ChildProcess; report: Promise<WorkerReport> }> {
  const child = fork(worker, [file, projectId, String(INCREMENTS)], {
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settle: (report: WorkerReport) => void = () => undefined;
    const report = new Promise<WorkerReport>((done) => (settle = done));
    child.on('message', (message) => {
      if (message === 'ready') resolve({ child, report });
      else settle(message as WorkerReport);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`The worker exited with ${code} before it was ready.`));
      settle({ done: 0, failures: [`the worker exited with ${code}`] });
    });
  });
}

describe('two processes writing to one library', () => {
  it('loses no write: every read-then-write transaction waits its turn, and the count is exact', async () => {
    const file = path.join(dir, 'library.sqlite');
    const setup = openLibrary(file);
    const projectId = createProject(createRepoContext(setup.db), { title: '0' }).id;
    setup.db.close();

    const workers = await Promise.all([startWorker(file, projectId), startWorker(file, projectId)]);
    for (const { child } of workers) child.send('go');
    const reports = await Promise.all(workers.map((w) => w.report));

    expect(reports.flatMap((report) => report.failures)).toEqual([]);
    expect(reports.map((report) => report.done)).toEqual([INCREMENTS, INCREMENTS]);
    const check = openLibrary(file);
    try {
      expect(getProject(createRepoContext(check.db), projectId).title).toBe(String(2 * INCREMENTS));
      // Every write is in the history: consecutive saves of the title fold into one change, so
      // the newest change's value is the last write, and the history's steps start at 0.
      const history = check.db
        .prepare(`SELECT fields FROM changes WHERE entity_id = ? AND op = 'update' ORDER BY seq`)
        .all(projectId) as { fields: string }[];
      const steps = history.map((row) => (JSON.parse(row.fields) as { title: { before: string; after: string } }).title);
      expect(steps[0]!.before).toBe('0');
      expect(steps.at(-1)!.after).toBe(String(2 * INCREMENTS));
      steps.slice(1).forEach((step, i) => expect(step.before).toBe(steps[i]!.after));
      expect(check.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      check.db.close();
    }
  });
});
