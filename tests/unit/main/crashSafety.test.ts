import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../../main/db/libraryLock';
import { openLibrary } from '../../../main/db/open';
import { ensureHarnessBuilt } from '../../support/harnessBuild';
import { callApi, makeDataDir, startHarnessProcess, type RunningHarness } from '../../support/harnessProcess';
import { openTestLibrary } from '../../support/library';
import { readArticle } from '../../support/fixtures';

const running: RunningHarness[] = [];
afterEach(async () => {
  for (const harness of running.splice(0)) await harness.stop();
});

beforeAll(() => ensureHarnessBuilt(), 180_000);

async function harnessOn(dataDir: string): Promise<RunningHarness> {
  const harness = await startHarnessProcess(dataDir);
  running.push(harness);
  return harness;
}

const ARTICLE = {
  outlet: 'TASS',
  author: '',
  url: '',
  publishedDate: '',
  language: 'en',
  direction: 'ltr' as const,
};

describe('crash safety', () => {
  it('keeps every acknowledged write when the harness is killed mid-burst, in a file that checks out', async () => {
    const dataDir = makeDataDir('factcheck-crash-');
    const harness = await harnessOn(dataDir);
    const text = readArticle('en-tass-2024-10-21-peskov-dprk.txt');
    const project = await callApi<{ id: string }>(harness, 'projects.create', {
      title: 'Written in a burst',
    });

    // Four writers keep requests in flight; each write that was answered is recorded.
    const acknowledged: { id: string; title: string }[] = [];
    let killed = false;
    const writer = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        const title = `Lane ${lane}, write ${i}`;
        try {
          const article = await callApi<{ id: string }>(harness, 'articles.create', {
            ...ARTICLE,
            projectId: project.id,
            title,
            text: `${title}\n\n${text}`,
          });
          acknowledged.push({ id: article.id, title });
        } catch (error) {
          if (killed) return; // cut off by the kill: never acknowledged
          throw error;
        }
      }
    };
    const exited = once(harness.process, 'exit');
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 80) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    harness.process.kill('SIGKILL');
    await exited;
    await Promise.all(writers);
    running.splice(running.indexOf(harness), 1);

    // Killed, so the lock is still there (stale) and the WAL holds what was not yet checkpointed.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    const { db } = openLibrary(path.join(dataDir, 'library.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const stored = new Map(
        (
          db.prepare(`SELECT id, title FROM articles WHERE project_id = ?`).all(project.id) as {
            id: string;
            title: string;
          }[]
        ).map((row) => [row.id, row.title]),
      );
      const missing = acknowledged.filter((write) => stored.get(write.id) !== write.title);
      expect(missing).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      db.close();
    }

    // The app opens it again: the dead harness's lock is taken over.
    const { library, api } = openTestLibrary(dataDir);
    try {
      expect(library.openError).toBeNull();
      const { articles } = await api.call('projects.get', { id: project.id });
      expect(articles.length).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      library.close();
    }
  });

  it('tells a second harness on the same folder that the library is open elsewhere, until the first closes', async () => {
    const dataDir = makeDataDir('factcheck-lock-');
    const first = await harnessOn(dataDir);
    await callApi(first, 'projects.create', { title: 'Open in the first' });
    const second = await harnessOn(dataDir);
    const message = `This library is open in another window or program (pid ${first.process.pid}). Close it there first.`;
    await expect(callApi(second, 'projects.list', {})).rejects.toThrowError(message);
    await expect(callApi(second, 'projects.create', { title: 'Not saved' })).rejects.toThrowError(message);
    await second.stop();

    // A clean stop releases the lock; the next harness opens the library.
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    const third = await harnessOn(dataDir);
    expect((await callApi<{ title: string }[]>(third, 'projects.list', {})).map((p) => p.title)).toEqual([
      'Open in the first',
    ]);
  });
});
