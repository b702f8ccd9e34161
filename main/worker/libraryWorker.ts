/**
 * The library worker thread's entry (bundled to dist/main/worker/libraryWorker.js), started by
 * ./threadHost.ts. As 'library' it opens the library with openLibraryApi and answers dispatch
 * messages; its dialogs and printer ask the host (the back-channel of ./protocol.ts), its events
 * (library.changed, task.progress) are posted to the host. As 'reader' it answers the calls that
 * only read, on a read-only connection, while the library worker is busy with a long call.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createSharedCancelFlags } from './cancelSlots';
import { threadPortEndpoint } from './endpoints';
import { createInProcessHost } from './host';
import { serveHost } from './protocol';
import { createReaderHost } from './reader';
import type { WorkerData } from './threadHost';

if (isMainThread || !parentPort) {
  console.error('libraryWorker.js is the library worker thread of Factcheck Workbench; the harness and the app start it.');
  process.exit(2);
}

const data = workerData as WorkerData;
const endpoint = threadPortEndpoint(parentPort);
if (data.role === 'reader') {
  serveHost(endpoint, (init, _services, log) => createReaderHost(init, log));
} else {
  const cancelFlags = createSharedCancelFlags(data.cancelFlags ?? new SharedArrayBuffer(4));
  serveHost(
    endpoint,
    (init, services, log) =>
      createInProcessHost({
        ...init,
        dialogs: services.dialogs,
        printer: services.printer,
        shell: services.shell,
        pageCapture: services.pageCapture,
        cancelFlags,
        log,
      }),
    {
      // The host chose a slot for the call's taskId: the task's checks read it.
      async wrapDispatch(message, run) {
        const taskId = (message.request as { taskId?: unknown } | null)?.taskId;
        if (message.taskSlot === undefined || typeof taskId !== 'string') return run();
        cancelFlags.bind(taskId, message.taskSlot);
        try {
          return await run();
        } finally {
          cancelFlags.unbind(taskId);
        }
      },
    },
  );
}
