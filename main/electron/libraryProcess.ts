/**
 * The app's library in Electron's utility process (entry: dist/main/worker/libraryProcess.js), so
 * neither SQLite nor a long import ever runs on Electron's main process, which keeps the window,
 * menus and dialogs responsive. The link speaks main/worker/protocol.ts; what needs Electron
 * (file dialogs, printToPDF) stays here and answers the library's back-channel calls.
 */
import { utilityProcess } from 'electron';
import type { HostServices, LibraryHost, LibraryInit, LogFn } from '../worker/host';
import { connectHost, type FromLibrary, type HostEndpoint, type ToLibrary } from '../worker/protocol';

export interface LibraryProcessOptions {
  /** dist/main/worker/libraryProcess.js. */
  modulePath: string;
  init: LibraryInit;
  services: HostServices;
  log: LogFn;
}

export const LIBRARY_SERVICE_NAME = 'Factcheck Workbench library';

/** Forks the library process (after app 'ready') and answers for it as a LibraryHost. */
export function startLibraryProcess(options: LibraryProcessOptions): LibraryHost {
  const child = utilityProcess.fork(options.modulePath, [], {
    serviceName: LIBRARY_SERVICE_NAME,
    stdio: 'inherit',
  });
  // Messages wait for the process to be there.
  let queue: ToLibrary[] | null = [];
  child.once('spawn', () => {
    const waiting = queue ?? [];
    queue = null;
    for (const message of waiting) child.postMessage(message);
  });
  const endpoint: HostEndpoint = {
    post(message) {
      if (queue) queue.push(message);
      else child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', (message: FromLibrary) => listener(message)),
    onGone: (listener) => child.once('exit', (code: number) => listener(`the library process exited (${code})`)),
    terminate: () => void child.kill(),
  };
  return connectHost(endpoint, { init: options.init, services: options.services, log: options.log });
}
