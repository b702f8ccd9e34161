/**
 * The library in a worker thread (entry: dist/main/worker/libraryWorker.js), so the thread that
 * answers the window — the harness's HTTP server, or the app's library process talking to
 * Electron's main process — never waits on SQLite.
 *
 * SQLite work is synchronous: while a 50,000-claim import runs its one transaction, the library
 * worker answers nothing else. Two things keep the window answered meanwhile:
 *   - calls that only read (./channels.ts) go to a reader worker, opened read-only on the same
 *     file when the first long call starts; it sees the library as last committed;
 *   - 'tasks.cancel' is answered here: it sets the task's flag in memory shared with the worker
 *     (./cancelSlots.ts), which the import checks every few rows, so it rolls back mid-way.
 * Writes wait for the long call, in the order they came (one writer, one order).
 *
 * A library worker that exits unexpectedly is started again on the same file (onLibraryGone),
 * up to MAX_CRASHES times a minute.
 */
import { Worker } from 'node:worker_threads';
import type { EventChannel } from '../../shared/api/channels';
import { contract } from '../../shared/api/contract';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { releaseLockHeldByThisProcess } from '../db/libraryLock';
import { createCancelBuffer, createCancelSlots } from './cancelSlots';
import { LONG, READ_CHANNELS } from './channels';
import { workerEndpoint } from './endpoints';
import type { EventListener, HostServices, LibraryHost, LibraryInit, LogFn } from './host';
import { connectHost, type ConnectedHost } from './protocol';

export interface ThreadHostOptions {
  /** dist/main/worker/libraryWorker.js. */
  entry: string;
  init: LibraryInit;
  services: HostServices;
  log: LogFn;
  /** Answer reads from a read-only worker while a long call runs (default true). */
  reader?: boolean;
}

export type WorkerRole = 'library' | 'reader';
export interface WorkerData {
  role: WorkerRole;
  cancelFlags?: SharedArrayBuffer;
}

const NO_SERVICES: HostServices = {
  dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
  printer: {
    print: async () => {
      throw new Error('The reader does not print.');
    },
  },
};

/** The thread host, with what only tests use. */
export interface ThreadHost extends LibraryHost {
  /**
   * Ends the library worker as a crash would (tests only: the window can reach nothing but
   * dispatch). Resolves once the host has reopened the library, or given up.
   */
  crashLibraryWorkerForTests(): Promise<Recovery>;
}

/** A library worker that crashed this often within CRASH_WINDOW_MS is not started again. */
export const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 60_000;

export function createThreadHost(options: ThreadHostOptions): ThreadHost {
  const buffer = createCancelBuffer();
  const slots = createCancelSlots(buffer);
  const spawn = (role: WorkerRole, services: HostServices): { worker: Worker; host: ConnectedHost } => {
    const workerData: WorkerData = role === 'library' ? { role, cancelFlags: buffer } : { role };
    const worker = new Worker(options.entry, { workerData });
    return {
      worker,
      host: connectHost(workerEndpoint(worker), { init: options.init, services, log: options.log }),
    };
  };
  const listeners = new Set<EventListener>();
  const emit = (channel: EventChannel, payload: unknown) => {
    for (const listener of listeners) listener(channel, payload);
  };

  let reader: ConnectedHost | null = null;
  let readerUsable = options.reader !== false;
  let opened = false;
  const ensureReader = () => {
    if (!readerUsable || !opened || reader) return;
    const started = spawn('reader', NO_SERVICES).host;
    reader = started;
    void started.ready.then((ready) => {
      if (ready.openError && reader === started) {
        options.log('The reader could not open the library; reads wait for the library worker', ready.openError.message);
        readerUsable = false;
        reader = null;
        void started.close();
      }
    });
  };
  const dropReader = () => {
    const old = reader;
    reader = null;
    void old?.close();
  };

  // The library worker, replaced when it crashes (see onLibraryGone).
  let library: ConnectedHost;
  let libraryWorker: Worker;
  /** Library hosts whose worker crashed: their calls in flight are answered with what happened. */
  const crashed = new WeakMap<ConnectedHost, Promise<Recovery>>();
  const crashTimes: number[] = [];
  /** Set once the library crashed too often: every call answers this. */
  let gaveUp: ApiError | null = null;
  let closing = false;

  const startLibrary = () => {
    const { worker, host } = spawn('library', options.services);
    library = host;
    libraryWorker = worker;
    void host.ready.then((ready) => {
      if (library === host) opened = ready.openError === null;
    });
    host.onEvent((channel, payload) => {
      // A restored library is another file: the reader's connection still sees the old one.
      if (channel === 'library.changed' && (payload as { projectId?: unknown } | null)?.projectId === null) dropReader();
      emit(channel, payload);
    });
    worker.once('exit', () => {
      if (!closing) crashed.set(host, onLibraryGone());
    });
    return host;
  };

  /**
   * The library worker exited while nobody closed it (an uncaught error, process.exit, out of
   * memory): its transaction, if any, was never committed, so the file holds everything saved
   * before. Start a new worker on the same file (its lock is this process's own) and tell the
   * window to read everything again, unless it keeps crashing.
   */
  const onLibraryGone = async (): Promise<Recovery> => {
    const now = Date.now();
    crashTimes.push(now);
    while (crashTimes.length > 0 && now - crashTimes[0]! > CRASH_WINDOW_MS) crashTimes.shift();
    opened = false;
    dropReader();
    if (crashTimes.length >= MAX_CRASHES) {
      options.log(`The library stopped unexpectedly ${crashTimes.length} times within a minute; it is not reopened again`, null);
      gaveUp = GAVE_UP;
      return 'gave-up';
    }
    options.log('The library stopped unexpectedly; reopening it', null);
    try {
      releaseLockHeldByThisProcess(options.init.dataDir);
    } catch (error) {
      options.log('The crashed library worker’s lock could not be removed', error);
    }
    const ready = await startLibrary().ready;
    if (ready.openError) return 'not-reopened';
    emit('library.changed', { projectId: null });
    return 'reopened';
  };

  startLibrary();
  const firstLibrary = library!;

  let longInFlight = 0;
  let writesInFlight = 0;

  const toLibrary = async (channel: unknown, request: unknown): Promise<ApiResult<unknown>> => {
    const long = LONG.has(channel);
    // A cancel the host could not set itself only touches memory in the worker: not a write.
    const read = READ_CHANNELS.has(channel as never) || channel === 'tasks.cancel';
    const taskId = long ? taskIdOf(request) : null;
    const taskSlot = taskId ? slots.acquire(taskId) : undefined;
    if (long) {
      longInFlight++;
      // Once the library is open (a file opened at launch may start an import before that).
      void library.ready.then(ensureReader);
    } else if (!read) writesInFlight++;
    try {
      const used = library;
      const result = await used.dispatchWith(channel, request, taskSlot === undefined ? {} : { taskSlot });
      const recovery = result.ok ? undefined : crashed.get(used);
      return recovery ? { ok: false, error: crashError(channel, await recovery) } : result;
    } finally {
      if (long) longInFlight--;
      else if (!read) writesInFlight--;
      if (taskId && taskSlot !== undefined) slots.release(taskId);
    }
  };

  return {
    channels: firstLibrary.channels,
    ready: firstLibrary.ready,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispatch(channel, request) {
      if (gaveUp) return { ok: false, error: gaveUp };
      if (channel === 'tasks.cancel' && !closing) {
        const parsed = contract['tasks.cancel'].request.safeParse(request ?? {});
        // Set here, at once: the library worker may be busy in the very task to cancel.
        if (parsed.success && slots.cancel(parsed.data.taskId)) return { ok: true, value: null };
      }
      // Reads go to the reader only while a long call runs and no write is waiting behind it,
      // so a window never reads something older than what it just saved.
      if (reader && READ_CHANNELS.has(channel as never) && longInFlight > 0 && writesInFlight === 0) {
        return reader.dispatch(channel, request);
      }
      return toLibrary(channel, request);
    },
    async close() {
      closing = true;
      slots.cancelAll();
      await Promise.all([library.close(), reader?.close()]);
      reader = null;
    },
    async crashLibraryWorkerForTests() {
      const [host, worker] = [library, libraryWorker];
      await worker.terminate();
      return (await crashed.get(host)) ?? 'not-reopened';
    },
  };
}

/** What became of the library after its worker crashed. */
export type Recovery = 'reopened' | 'not-reopened' | 'gave-up';

const GAVE_UP: ApiError = {
  code: 'internal',
  message:
    'The library stopped unexpectedly several times in a minute, so it was not reopened again. Your last saved work is safe. Close the app and open it again; if this keeps happening, restore a library backup.',
};

/** The answer to a call that was in flight when the library worker crashed. */
function crashError(channel: unknown, recovery: Recovery): ApiError {
  const stopped = `The library stopped unexpectedly while ${whatWasHappening(channel)}; your last saved work is safe.`;
  switch (recovery) {
    case 'reopened':
      return { code: 'internal', message: `${stopped} It has been reopened: check that your last change is there, and try again.` };
    case 'not-reopened':
      return { code: 'internal', message: `${stopped} It could not be reopened; close the app and open it again.` };
    case 'gave-up':
      return GAVE_UP;
  }
}

/** "saving your change", "exporting a project file", … from a channel name such as "claims.update". */
function whatWasHappening(channel: unknown): string {
  const name = typeof channel === 'string' ? channel : '';
  const action = name.slice(name.lastIndexOf('.') + 1);
  if (name.startsWith('projectFiles.') && /^export/.test(action)) return 'exporting a project file';
  if (name.startsWith('projectFiles.')) return 'reading a project file';
  if (name.startsWith('reports.')) return 'making a report';
  if (name.startsWith('libraryBackups.')) return 'working on a library backup';
  if (/^(delete|remove)/.test(action)) return 'deleting';
  if (/^(get|list|load|find|search|count|read)|History$/.test(action)) return 'reading the library';
  return 'saving your change';
}

function taskIdOf(request: unknown): string | null {
  const taskId = typeof request === 'object' && request !== null ? (request as { taskId?: unknown }).taskId : undefined;
  return typeof taskId === 'string' && taskId.length > 0 && taskId.length <= 100 ? taskId : null;
}
