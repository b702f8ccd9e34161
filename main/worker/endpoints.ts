/** The ends of a link (./protocol.ts) over worker_threads and over Electron's utility-process port. */
import type { MessagePort, Worker } from 'node:worker_threads';
import type { FromLibrary, HostEndpoint, LibraryEndpoint, ToLibrary } from './protocol';

/** The host's end of a worker thread. */
export function workerEndpoint(worker: Worker): HostEndpoint {
  let error: unknown = null;
  worker.on('error', (caught: unknown) => (error = caught));
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: FromLibrary) => listener(message)),
    onGone: (listener) =>
      worker.once('exit', (code: number) =>
        listener(error instanceof Error ? (error.stack ?? error.message) : `the worker thread exited (${code})`),
      ),
    terminate: () => void worker.terminate(),
  };
}

/** The library's end, inside a worker thread. */
export function threadPortEndpoint(port: MessagePort): LibraryEndpoint {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (message: ToLibrary) => listener(message)),
  };
}

/** Electron's `process.parentPort` in a utility process, by its shape (main/ does not import electron). */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** The library's end, inside Electron's utility process. */
export function parentPortEndpoint(port: ParentPortLike): LibraryEndpoint {
  return {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data as ToLibrary)),
  };
}
