import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeBigProjectFile } from '../../support/bigProjectFile';
import { ensureHarnessBuilt } from '../../support/harnessBuild';
import { callApi, makeDataDir, startHarnessProcess, type RunningHarness } from '../../support/harnessProcess';

// The built harness (a process of its own, its library in a worker thread) importing a project
// file of 50,000 claims: a light call answers while the import runs, progress arrives as
// server-sent events, and a cancelled import leaves library.sqlite byte for byte as it was.

const running: RunningHarness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const harness of running.splice(0)) await harness.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
beforeAll(() => ensureHarnessBuilt(), 180_000);

interface Progress {
  taskId: string;
  label: string;
  done: number;
  total: number;
}

/** The harness's event stream, as the page reads it: every 'task.progress' event, in order. */
async function listenForProgress(
  harness: RunningHarness,
): Promise<{
  events: Progress[];
  next(test: (event: Progress) => boolean): Promise<Progress>;
  stop(): void;
}> {
  const controller = new AbortController();
  const response = await fetch(`${harness.url}/api/events?token=${encodeURIComponent(harness.token)}`, {
    signal: controller.signal,
  });
  const events: Progress[] = [];
  const waiting: { test(event: Progress): boolean; resolve(event: Progress): void }[] = [];
  void (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('event: task.progress\n')) continue;
        const event = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as Progress;
        events.push(event);
        for (const wait of waiting.splice(0)) {
          if (wait.test(event)) wait.resolve(event);
          else waiting.push(wait);
        }
      }
    }
  })();
  return {
    events,
    next: (test) =>
      new Promise((resolve) => {
        const found = events.find(test);
        if (found) resolve(found);
        else waiting.push({ test, resolve });
      }),
    stop: () => controller.abort(),
  };
}

/** library.sqlite with everything checkpointed into it (and the WAL emptied), hashed. */
function checkpointedHash(dataDir: string): string {
  const file = path.join(dataDir, 'library.sqlite');
  const db = new Database(file);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    expect(result?.busy).toBe(0);
  } finally {
    db.close();
  }
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every row of every table, in a fixed order: what the library holds, whatever the file layout. */
function logicalDump(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true });
  try {
    const tables = (
      db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    // Rows sorted as text: some tables (the search index's) have no rowid to order by.
    const rowsOf = (table: string) =>
      (db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][])
        .map((row) =>
          JSON.stringify(row, (_key, value: unknown) =>
            Buffer.isBuffer(value) ? value.toString('hex') : value,
          ),
        )
        .sort();
    return JSON.stringify(tables.map((table) => [table, rowsOf(table)]));
  } finally {
    db.close();
  }
}

const ms = (since: number) => Math.round(performance.now() - since);

describe('a 50,000-claim import through the harness', () => {
  it('answers a light call while it runs, reports progress, and a cancel leaves the library file byte for byte as before', async () => {
    const dataDir = makeDataDir('factcheck-big-import-');
    dirs.push(dataDir);
    const harness = await startHarnessProcess(dataDir);
    running.push(harness);
    await callApi(harness, 'projects.create', { title: 'Already in the library' });

    let started = performance.now();
    const file = path.join(dataDir, 'fifty-thousand.factcheck');
    const big = writeBigProjectFile(file, 500);
    expect(big.claims).toBe(50_000);
    console.log(`Built the 50,000-claim file (${fs.statSync(file).size} bytes) in ${ms(started)} ms`);

    const progress = await listenForProgress(harness);
    started = performance.now();
    const preview = await callApi<{ importId: string; counts: { claims: number } }>(
      harness,
      'projectFiles.inspect',
      {
        path: file,
        taskId: 'inspect-big',
      },
    );
    expect(preview.counts.claims).toBe(50_000);
    console.log(`Inspected it (read, checked, compared) in ${ms(started)} ms`);

    // 1. Cancelled once it is writing: the file is as it was, byte for byte.
    const hashBefore = checkpointedHash(dataDir);
    const dumpBefore = logicalDump(dataDir);
    let importDone = false;
    started = performance.now();
    const cancelled = fetch(`${harness.url}/api/projectFiles.apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
      body: JSON.stringify({ importId: preview.importId, taskId: 'import-cancelled' }),
    })
      .then(
        (response) => response.json() as Promise<{ ok: boolean; error?: { code: string; message: string } }>,
      )
      .finally(() => (importDone = true));
    const writing = await progress.next(
      (event) => event.taskId === 'import-cancelled' && event.label.startsWith('Writing') && event.done > 0,
    );
    console.log(
      `First progress while writing after ${ms(started)} ms: ${writing.done} of ${writing.total} rows`,
    );

    // A light call while the import holds the library worker: answered by the reader.
    const asked = performance.now();
    const listed = await callApi<{ title: string }[]>(harness, 'projects.list', {});
    const listMs = ms(asked);
    console.log(
      `projects.list answered in ${listMs} ms while the import ran (import answered yet: ${importDone})`,
    );
    expect(listed.map((project) => project.title)).toEqual(['Already in the library']);
    expect(importDone).toBe(false);

    const cancelAsked = performance.now();
    await callApi(harness, 'tasks.cancel', { taskId: 'import-cancelled' });
    const answer = await cancelled;
    console.log(
      `The import answered ${ms(cancelAsked)} ms after the cancel: ${JSON.stringify(answer.error)}`,
    );
    expect(answer).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The import was cancelled. Nothing in your library was changed.' },
    });
    const lastCancelled = progress.events.filter((event) => event.taskId === 'import-cancelled').at(-1)!;
    expect(lastCancelled.done).toBeLessThan(lastCancelled.total);
    expect(checkpointedHash(dataDir)).toBe(hashBefore);
    expect(logicalDump(dataDir)).toBe(dumpBefore);

    // 2. The same file imported to the end: progress up to 100 %, every claim there.
    started = performance.now();
    const summary = await callApi<{ added: { claims: number } }>(harness, 'projectFiles.apply', {
      importId: preview.importId,
      taskId: 'import-whole',
    });
    console.log(`The whole import took ${ms(started)} ms`);
    expect(summary.added.claims).toBe(50_000);
    const whole = progress.events.filter(
      (event) => event.taskId === 'import-whole' && event.label.startsWith('Writing'),
    );
    expect(whole.length).toBeGreaterThan(1);
    expect(whole.at(-1)).toMatchObject({ done: whole.at(-1)!.total });
    expect(whole.map((event) => event.done)).toEqual(
      [...whole.map((event) => event.done)].sort((a, b) => a - b),
    );
    const projects = await callApi<{ title: string; claimCount: number }[]>(harness, 'projects.list', {});
    expect(projects.find((project) => project.title === big.title)?.claimCount).toBe(50_000);
    progress.stop();
  }, 300_000);
});
