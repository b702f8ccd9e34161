import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventChannel } from '../../../shared/api/channels';
import type { ApiResult } from '../../../shared/api/result';
import type { FileDialogs } from '../../../main/services/dialogs';
import type { PdfPrinter } from '../../../main/services/pdfPrinter';
import { createInProcessHost, type LibraryHost } from '../../../main/worker/host';
import { createThreadHost } from '../../../main/worker/threadHost';
import { writeBigProjectFile } from '../../support/bigProjectFile';
import { readArticle } from '../../support/fixtures';
import { ensureHarnessBuilt } from '../../support/harnessBuild';
import { tempDir } from '../../support/library';

// The library in a worker thread (main/worker/threadHost.ts, the built dist/main/worker/libraryWorker.js)
// against the same library in this thread: the same answers, events from the worker, the
// back-channel for dialogs and printing, reads answered while an import runs, and a cancel that
// reaches an import mid-transaction.

const WORKER = path.resolve(__dirname, '../../../dist/main/worker/libraryWorker.js');
beforeAll(() => ensureHarnessBuilt(), 180_000);

const dirs: string[] = [];
const hosts: LibraryHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const newDir = () => {
  const dir = tempDir('factcheck-worker-');
  dirs.push(dir);
  return dir;
};

const printer: PdfPrinter = { print: vi.fn(async () => Buffer.from('%PDF-1.7 from the host')) };
const dialogsSavingIn = (dir: string): FileDialogs => ({
  chooseSavePath: vi.fn(async ({ defaultName }: { defaultName: string }) => path.join(dir, defaultName)),
  chooseOpenPath: vi.fn(async () => null),
});

function threadHost(dataDir = newDir(), dialogs = dialogsSavingIn(dataDir)) {
  const host = createThreadHost({
    entry: WORKER,
    init: { dataDir, appVersion: 'test', validateResponses: true },
    services: { dialogs, printer },
    log: () => undefined,
  });
  hosts.push(host);
  return { host, dataDir, dialogs };
}

function inProcessHost(dataDir = newDir()) {
  const host = createInProcessHost({
    dataDir,
    appVersion: 'test',
    dialogs: dialogsSavingIn(dataDir),
    printer,
    validateResponses: true,
    log: () => undefined,
  });
  hosts.push(host);
  return { host, dataDir };
}

const value = <T>(result: ApiResult<unknown>): T => {
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
};
const call = async <T>(host: LibraryHost, channel: string, request: unknown = {}) => value<T>(await host.dispatch(channel, request));

/** Ids, times and the data folder made comparable between two libraries. */
function normalise(result: unknown, dataDir: string): unknown {
  return JSON.parse(
    JSON.stringify(result)
      .replaceAll(dataDir, '<data>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>'),
  ) as unknown;
}

const ARTICLE = {
  title: 'Peskov on the DPRK',
  outlet: 'TASS',
  author: '',
  url: '',
  publishedDate: '',
  language: 'en',
  direction: 'ltr' as const,
};

describe('the library worker', () => {
  it('answers every call as the library in this thread does', async () => {
    const sides = [inProcessHost(), threadHost()];
    const answers = await Promise.all(
      sides.map(async ({ host, dataDir }) => {
        const seen: unknown[] = [];
        const record = async (channel: string, request: unknown) => {
          const result = await host.dispatch(channel, request);
          seen.push(normalise(result, dataDir));
          return result;
        };
        const project = value<{ id: string }>(await record('projects.create', { title: 'Same on both' }));
        const article = value<{ id: string }>(
          await record('articles.create', { ...ARTICLE, projectId: project.id, text: readArticle('en-tass-2024-10-21-peskov-dprk.txt') }),
        );
        await record('projects.list', {});
        await record('projects.get', { id: project.id });
        await record('workbench.loadArticle', { id: article.id });
        await record('app.info', {});
        await record('settings.get', {});
        await record('projects.create', { title: 42 });
        await record('projects.get', { id: '00000000-0000-4000-8000-00000000dead' });
        await record('projects.drop', {});
        await record('tasks.cancel', { taskId: 'nothing-running' });
        await record('tasks.cancel', { taskId: 'not a task id' });
        expect((await host.ready).openError).toBeNull();
        return seen;
      }),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]).toHaveLength(12);
    expect(answers[0]![7]).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'title' } });
    expect(answers[0]![9]).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('sends events to the host, and asks the host for dialogs and printing (the back-channel)', async () => {
    const { host, dataDir, dialogs } = threadHost();
    const events: { channel: EventChannel; payload: unknown }[] = [];
    host.onEvent((channel, payload) => events.push({ channel, payload }));
    const project = await call<{ id: string }>(host, 'projects.create', { title: 'Travels' });

    const exported = await call<{ path: string }>(host, 'projectFiles.export', { projectId: project.id, taskId: 'export-1' });
    expect(dialogs.chooseSavePath).toHaveBeenCalledWith(expect.objectContaining({ title: 'Export project file', defaultName: 'Travels.factcheck' }));
    expect(exported.path).toBe(path.join(dataDir, 'Travels.factcheck'));
    expect(fs.existsSync(exported.path)).toBe(true);

    const report = await call<{ path: string }>(host, 'reports.export', { projectId: project.id, format: 'pdf' });
    expect(printer.print).toHaveBeenCalledWith(expect.stringContaining('<html'), expect.objectContaining({ pageSize: 'A4' }));
    expect(fs.readFileSync(report.path, 'utf8')).toBe('%PDF-1.7 from the host');

    const preview = await call<{ importId: string }>(host, 'projectFiles.inspect', { path: exported.path, taskId: 'inspect-1' });
    const summary = await call<{ projectId: string }>(host, 'projectFiles.apply', { importId: preview.importId, asCopy: true, taskId: 'import-1' });
    const progress = events.filter((event) => event.channel === 'task.progress').map((event) => event.payload as { taskId: string; label: string });
    expect(new Set(progress.map((event) => event.taskId))).toEqual(new Set(['export-1', 'inspect-1', 'import-1']));
    expect(progress.filter((event) => event.taskId === 'import-1').map((event) => event.label)).toContain('Writing “Travels (copy)” to your library');
    expect(events).toContainEqual({ channel: 'library.changed', payload: { projectId: summary.projectId } });
  });

  it('answers reads while an import runs, and a cancel stops the import mid-transaction with nothing written', async () => {
    const { host, dataDir } = threadHost();
    await call(host, 'projects.create', { title: 'Already here' });
    const file = path.join(dataDir, 'big.factcheck');
    const big = writeBigProjectFile(file, 100);
    const preview = await call<{ importId: string }>(host, 'projectFiles.inspect', { path: file });
    const before = await call<unknown[]>(host, 'projects.list');

    const writing = new Promise<void>((resolve) =>
      host.onEvent((channel, payload) => {
        const progress = payload as { taskId: string; label: string; done: number };
        if (channel === 'task.progress' && progress.taskId === 'big-1' && progress.label.startsWith('Writing') && progress.done > 0) resolve();
      }),
    );
    let importAnswered = false;
    const importing = host.dispatch('projectFiles.apply', { importId: preview.importId, taskId: 'big-1' }).finally(() => (importAnswered = true));
    await writing;
    // The library worker is inside the import's transaction; the reader answers, from the last commit.
    expect(await call<unknown[]>(host, 'projects.list')).toEqual(before);
    expect(importAnswered).toBe(false);
    expect(await host.dispatch('tasks.cancel', { taskId: 'big-1' })).toEqual({ ok: true, value: null });
    expect(await importing).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The import was cancelled. Nothing in your library was changed.' },
    });
    expect(await call<unknown[]>(host, 'projects.list')).toEqual(before);

    // The inspected file is still there to import, whole.
    const summary = await call<{ added: { claims: number } }>(host, 'projectFiles.apply', { importId: preview.importId, taskId: 'big-2' });
    expect(summary.added.claims).toBe(big.claims);
    const listed = await call<{ title: string; claimCount: number }[]>(host, 'projects.list');
    expect(listed.find((project) => project.title === big.title)?.claimCount).toBe(big.claims);
  }, 120_000);

  it('closes the library (the lock is released) and answers calls after close with a reason', async () => {
    const { host, dataDir } = threadHost();
    await call(host, 'projects.create', { title: 'Closing' });
    expect(fs.existsSync(path.join(dataDir, 'library.lock'))).toBe(true);
    await host.close();
    expect(fs.existsSync(path.join(dataDir, 'library.lock'))).toBe(false);
    expect(await host.dispatch('projects.list', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
