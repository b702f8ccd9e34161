/**
 * The app's library process (bundled to dist/main/worker/libraryProcess.js), started by Electron's
 * main process with utilityProcess.fork (main/electron/libraryProcess.ts). It speaks the same
 * protocol (./protocol.ts) over `process.parentPort`, and runs the library in a worker thread of
 * its own (./threadHost.ts): this thread stays free to answer reads and cancels while an import
 * runs. Dialogs and printing are asked of Electron's main process, through the back-channel.
 */
import path from 'node:path';
import { parentPortEndpoint, type ParentPortLike } from './endpoints';
import { serveHost } from './protocol';
import { createThreadHost } from './threadHost';

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  console.error('libraryProcess.js is the library process of Factcheck Workbench; the app starts it with utilityProcess.fork.');
  process.exit(2);
}

serveHost(
  parentPortEndpoint(port),
  (init, services, log) =>
    createThreadHost({ entry: path.join(__dirname, 'libraryWorker.js'), init, services, log }),
  // The library is closed (lock released): nothing is left for this process to do.
  { onClosed: () => setImmediate(() => process.exit(0)) },
);
