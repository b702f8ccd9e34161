/**
 * A library worker thread that dies (here: terminated, as a crash would end it) is started again on
 * the same library by the thread host (main/worker/threadHost.ts): the call in flight fails with a
 * message that says what happened, the window is told to read everything again, the next call
 * works and sees what was saved before, and a worker that keeps crashing is given up on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../shared/api/channels';
import type { ApiResult } from '../../../shared/api/result';
import type { FileDialogs } from '../../../main/services/dialogs';
import { currentLockOwner } from '../../../main/db/libraryLock';
import { createThreadHost, MAX_CRASHES, type ThreadHost } from '../../../main/worker/threadHost';
import { ensureHarnessBuilt } from '../../support/harnessBuild';
import { noDialogs, noPrinter, tempDir } from '../../support/library';

const WORKER = path.resolve(__dirname, '../../../dist/main/worker/libraryWorker.js');
beforeAll(() => ensureHarnessBuilt(), 180_000);

const dirs: string[] = [];
const hosts: ThreadHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function threadHost(dialogs: FileDialogs = noDialogs) {
  const dataDir = tempDir('factcheck-crash-');
  dirs.push(dataDir);
  const logged: string[] = [];
  const host = createThreadHost({
    entry: WORKER,
    init: { dataDir, appVersion: 'test', validateResponses: true },
    services: { dialogs, printer: noPrinter },
    log: (message) => logged.push(message),
    reader: false,
  });
  hosts.push(host);
  const events: [EventChannel, unknown][] = [];
  host.onEvent((channel, payload) => events.push([channel, payload]));
  return { host, dataDir, events, logged };
}

async function value<T>(promise: Promise<ApiResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('a library worker that crashes', () => {
  it('is reopened on the same library: the next call works and sees what was saved before', async () => {
    const { host, dataDir, events } = threadHost();
    await host.ready;
    const project = await value<{ id: string }>(
      host.dispatch('projects.create', { title: 'Saved before the crash' }),
    );
    await value(host.dispatch('projects.rename', { id: project.id, title: 'Renamed before the crash' }));

    expect(await host.crashLibraryWorkerForTests()).toBe('reopened');

    const projects = await value<{ id: string; title: string }[]>(host.dispatch('projects.list', {}));
    expect(projects.map((p) => [p.id, p.title])).toEqual([[project.id, 'Renamed before the crash']]);
    // The window reads everything again.
    expect(events).toContainEqual(['library.changed', { projectId: null }]);
    // The new worker holds the library's lock (this process's), and writes again.
    expect(currentLockOwner(dataDir)?.pid).toBe(process.pid);
    await value(host.dispatch('projects.create', { title: 'Written after the crash' }));
    expect((await value<unknown[]>(host.dispatch('projects.list', {}))).length).toBe(2);
  });

  it('fails the call in flight with a message that says what happened', async () => {
    // The export waits in the worker for the save dialog (the back-channel), so it is surely in
    // flight when the worker dies.
    let dialogAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (dialogAsked = resolve));
    const { host } = threadHost({
      chooseSavePath: () => {
        dialogAsked();
        return new Promise<string | null>(() => undefined);
      },
      chooseOpenPath: async () => null,
    });
    await host.ready;
    const project = await value<{ id: string }>(host.dispatch('projects.create', { title: 'Before' }));
    const inFlight = host.dispatch('projectFiles.export', { projectId: project.id });
    await asked;
    expect(await host.crashLibraryWorkerForTests()).toBe('reopened');
    expect(await inFlight).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'The library stopped unexpectedly while exporting a project file; your last saved work is safe. It has been reopened: check that your last change is there, and try again.',
      },
    });
    expect(
      (await value<{ title: string }[]>(host.dispatch('projects.list', {}))).map((p) => p.title),
    ).toEqual(['Before']);
  });

  it(`gives up after ${MAX_CRASHES} crashes within a minute, and says so on every call`, async () => {
    const { host, logged } = threadHost();
    await host.ready;
    await value(host.dispatch('projects.create', { title: 'Kept' }));
    for (let crash = 1; crash < MAX_CRASHES; crash++)
      expect(await host.crashLibraryWorkerForTests()).toBe('reopened');
    expect(await host.crashLibraryWorkerForTests()).toBe('gave-up');
    for (const channel of ['projects.list', 'projects.create']) {
      const answer = await host.dispatch(channel, channel === 'projects.create' ? { title: 'x' } : {});
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'internal',
          message: expect.stringMatching(
            /stopped unexpectedly several times in a minute.*Your last saved work is safe/,
          ),
        },
      });
    }
    expect(logged.some((message) => message.includes('not reopened again'))).toBe(true);
  });
});
