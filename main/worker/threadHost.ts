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
 */
import { Worker } from 'node:worker_threads';
import { contract } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
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

export function createThreadHost(options: ThreadHostOptions): LibraryHost {
  const buffer = createCancelBuffer();
  const slots = createCancelSlots(buffer);
  const start = (role: WorkerRole, services: HostServices): ConnectedHost => {
    const workerData: WorkerData = role === 'library' ? { role, cancelFlags: buffer } : { role };
    return connectHost(workerEndpoint(new Worker(options.entry, { workerData })), {
      init: options.init,
      services,
      log: options.log,
    });
  };
  const library = start('library', options.services);
  const listeners = new Set<EventListener>();

  let reader: ConnectedHost | null = null;
  let readerUsable = options.reader !== false;
  let opened = false;
  void library.ready.then((ready) => {
    opened = ready.openError === null;
  });
  const ensureReader = () => {
    if (!readerUsable || !opened || reader) return;
    const started = start('reader', NO_SERVICES);
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

  library.onEvent((channel, payload) => {
    // A restored library is another file: the reader's connection still sees the old one.
    if (channel === 'library.changed' && (payload as { projectId?: unknown } | null)?.projectId === null) dropReader();
    for (const listener of listeners) listener(channel, payload);
  });

  let longInFlight = 0;
  let writesInFlight = 0;
  let closing = false;

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
      return await library.dispatchWith(channel, request, taskSlot === undefined ? {} : { taskSlot });
    } finally {
      if (long) longInFlight--;
      else if (!read) writesInFlight--;
      if (taskId && taskSlot !== undefined) slots.release(taskId);
    }
  };

  return {
    channels: library.channels,
    ready: library.ready,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispatch(channel, request) {
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
  };
}

function taskIdOf(request: unknown): string | null {
  const taskId = typeof request === 'object' && request !== null ? (request as { taskId?: unknown }).taskId : undefined;
  return typeof taskId === 'string' && taskId.length > 0 && taskId.length <= 100 ? taskId : null;
}
