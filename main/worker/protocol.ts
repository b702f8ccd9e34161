/**
 * The one message protocol between a host and the library it runs elsewhere — a worker thread
 * (the harness, and inside the app's library process) or Electron's utility process (the app).
 * Both links carry the same messages; only the endpoint differs (./endpoints.ts).
 *
 *   host → library: init, dispatch, serviceResult, close
 *   library → host: ready, result, event, service, log, closed
 *
 * `service` is the back-channel: what the library needs but may not do where it runs — file
 * dialogs and printing a PDF, which need Electron's main process (or, in the harness, the folder
 * dialogs the test controls over HTTP) and capturing a web page (a browser the library never holds) —
 * it asks the host, which answers with `serviceResult`.
 *
 * `serveHost` is the library side: it opens a LibraryHost from the init message and answers.
 * `connectHost` is the host side: a LibraryHost whose calls travel over the link.
 */
import { CHANNELS, type EventChannel } from '../../shared/api/channels';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { AppError, toAppError } from '../errors';
import type { FileDialogs } from '../services/dialogs';
import type { CaptureOptions, PageCaptureResult } from '../services/pageCapture';
import type { PdfOptions, PdfPrinter } from '../services/pdfPrinter';
import type { EventListener, HostServices, LibraryHost, LibraryInit, LibraryReady, LogFn } from './host';

export type ServiceName = 'dialogs.chooseSavePath' | 'dialogs.chooseOpenPath' | 'printer.print' | 'shell.showInFolder' | 'shell.openPath' | 'capture.page';

export type ToLibrary =
  | { type: 'init'; init: LibraryInit }
  /** taskSlot: the slot of the request's taskId in the shared cancel flags (worker threads only). */
  | { type: 'dispatch'; id: number; channel: unknown; request: unknown; taskSlot?: number }
  | { type: 'serviceResult'; id: number; ok: true; value: unknown }
  | { type: 'serviceResult'; id: number; ok: false; error: ApiError }
  | { type: 'close' };

export type FromLibrary =
  | { type: 'ready'; ready: LibraryReady }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'event'; channel: EventChannel; payload: unknown }
  | { type: 'service'; id: number; name: ServiceName; args: unknown[] }
  | { type: 'log'; message: string; error: string }
  | { type: 'closed' };

/** One side of a link: what it sends, what it receives, and (host side) when the other side is gone. */
export interface Endpoint<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** The other side stopped (the thread or process exited). */
  onGone?(listener: (reason: string) => void): void;
  /** Ends the other side by force (after close() waited long enough, or on a crash). */
  terminate?(): void;
}

export type HostEndpoint = Endpoint<FromLibrary, ToLibrary>;
export type LibraryEndpoint = Endpoint<ToLibrary, FromLibrary>;

export const LIBRARY_STOPPED: ApiError = {
  code: 'internal',
  message:
    'The library stopped working unexpectedly, so this was not saved. Close the app and open it again; everything saved before is kept.',
};
const LIBRARY_CLOSED: ApiError = { code: 'conflict', message: 'The library is closing. Open the app again to continue.' };
/** How long close() waits for the library to close its file before ending it by force. */
const CLOSE_TIMEOUT_MS = 15_000;
/** After 'closed', how long to wait for the thread or process to be gone. */
const GONE_TIMEOUT_MS = 2_000;

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);

// ---------------------------------------------------------------------------------------------
// The host side
// ---------------------------------------------------------------------------------------------

export interface ConnectOptions {
  init: LibraryInit;
  /** Answers the library's back-channel calls. */
  services: HostServices;
  log: LogFn;
}

export interface ConnectedHost extends LibraryHost {
  /** dispatch with the protocol's extras (the task's slot in shared cancel flags). */
  dispatchWith(channel: unknown, request: unknown, extra: { taskSlot?: number }): Promise<ApiResult<unknown>>;
}

/** A LibraryHost whose library is at the other end of `endpoint`. Sends init at once. */
export function connectHost(endpoint: HostEndpoint, options: ConnectOptions): ConnectedHost {
  const listeners = new Set<EventListener>();
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  let nextId = 1;
  let gone: string | null = null;
  let closing: Promise<void> | null = null;
  /** Resolves close(): once the other side is gone (or, for an endpoint that cannot tell, closed). */
  let finished: () => void = () => undefined;
  let readyResolve: (ready: LibraryReady) => void = () => undefined;
  const ready = new Promise<LibraryReady>((resolve) => (readyResolve = resolve));

  const answerService = async (id: number, name: ServiceName, args: unknown[]) => {
    try {
      const value = await callService(options.services, name, args);
      endpoint.post({ type: 'serviceResult', id, ok: true, value });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'internal') options.log(`The library's call ${name} failed`, error);
      if (!gone) endpoint.post({ type: 'serviceResult', id, ok: false, error: appError.toApiError() });
    }
  };

  endpoint.onMessage((message) => {
    switch (message.type) {
      case 'ready':
        readyResolve(message.ready);
        break;
      case 'result': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result);
        break;
      }
      case 'event':
        for (const listener of listeners) listener(message.channel, message.payload);
        break;
      case 'service':
        void answerService(message.id, message.name, message.args);
        break;
      case 'log':
        options.log(message.message, message.error);
        break;
      case 'closed':
        // The file is closed and the lock released; the thread or process is ended now.
        if (endpoint.onGone) {
          endpoint.terminate?.();
          setTimeout(() => finished(), GONE_TIMEOUT_MS).unref?.();
        } else finished();
        break;
    }
  });
  endpoint.onGone?.((reason) => {
    gone = reason;
    if (!closing) options.log('The library stopped unexpectedly', reason);
    readyResolve({ path: '', openError: LIBRARY_STOPPED });
    for (const resolve of pending.values()) resolve({ ok: false, error: LIBRARY_STOPPED });
    pending.clear();
    finished();
  });
  endpoint.post({ type: 'init', init: options.init });

  const dispatchWith = (channel: unknown, request: unknown, extra: { taskSlot?: number }) => {
    if (closing) return Promise.resolve<ApiResult<unknown>>({ ok: false, error: LIBRARY_CLOSED });
    if (gone) return Promise.resolve<ApiResult<unknown>>({ ok: false, error: LIBRARY_STOPPED });
    const id = nextId++;
    return new Promise<ApiResult<unknown>>((resolve) => {
      pending.set(id, resolve);
      endpoint.post({ type: 'dispatch', id, channel, request, ...extra });
    });
  };

  return {
    channels: CHANNELS,
    ready,
    dispatch: (channel, request) => dispatchWith(channel, request, {}),
    dispatchWith,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (gone) return resolve();
        const timer = setTimeout(() => {
          options.log('The library did not close in time; it was ended', null);
          endpoint.terminate?.();
          finished();
        }, CLOSE_TIMEOUT_MS);
        finished = () => {
          clearTimeout(timer);
          resolve();
        };
        endpoint.post({ type: 'close' });
      });
      return closing;
    },
  };
}

async function callService(services: HostServices, name: ServiceName, args: unknown[]): Promise<unknown> {
  switch (name) {
    case 'dialogs.chooseSavePath':
      return services.dialogs.chooseSavePath(args[0] as Parameters<FileDialogs['chooseSavePath']>[0]);
    case 'dialogs.chooseOpenPath':
      return services.dialogs.chooseOpenPath(args[0] as Parameters<FileDialogs['chooseOpenPath']>[0]);
    case 'printer.print':
      return services.printer.print(args[0] as string, args[1] as PdfOptions);
    case 'shell.showInFolder':
    case 'shell.openPath': {
      if (!services.shell) throw new AppError('forbidden', 'Files cannot be shown or opened from this window.');
      await (name === 'shell.openPath' ? services.shell.openPath(String(args[0])) : services.shell.showInFolder(String(args[0])));
      return null;
    }
    case 'capture.page':
      if (!services.pageCapture) throw new AppError('forbidden', 'Pages cannot be captured from this window.');
      return services.pageCapture.capture(String(args[0]), args[1] as CaptureOptions | undefined);
    default:
      throw new Error(`Unknown service ${String(name)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The library side
// ---------------------------------------------------------------------------------------------

export interface ServeOptions {
  /** Runs around each dispatch (the worker binds the task's cancel slot here). */
  wrapDispatch?(message: Extract<ToLibrary, { type: 'dispatch' }>, run: () => Promise<ApiResult<unknown>>): Promise<ApiResult<unknown>>;
  /** After 'closed' was sent (the utility process exits here). */
  onClosed?(): void;
}

/**
 * Answers a host over `endpoint`: the first message is init, from which `open` makes the library
 * (its dialogs and printer ask the host); dispatches wait for it in the order they came.
 */
export function serveHost(
  endpoint: LibraryEndpoint,
  open: (init: LibraryInit, services: HostServices, log: LogFn) => LibraryHost | Promise<LibraryHost>,
  options: ServeOptions = {},
): void {
  const calls = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextCall = 1;
  const ask = (name: ServiceName, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextCall++;
      calls.set(id, { resolve, reject });
      endpoint.post({ type: 'service', id, name, args });
    });
  const services: HostServices = {
    dialogs: {
      chooseSavePath: async (dialog) => (await ask('dialogs.chooseSavePath', [dialog])) as string | null,
      chooseOpenPath: async (dialog) => (await ask('dialogs.chooseOpenPath', [dialog])) as string | null,
    },
    printer: {
      print: async (html, pdf) => {
        const bytes = (await ask('printer.print', [html, pdf])) as Uint8Array;
        // Structured clone turns the host's Buffer into a Uint8Array.
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      },
    } satisfies PdfPrinter,
    shell: {
      showInFolder: async (filePath) => void (await ask('shell.showInFolder', [filePath])),
      openPath: async (filePath) => void (await ask('shell.openPath', [filePath])),
    },
    pageCapture: {
      // The files stay in the host's temp folder; the library reads them by path (same machine).
      capture: async (url, captureOptions) => (await ask('capture.page', [url, captureOptions])) as PageCaptureResult,
    },
  };
  const log: LogFn = (message, error) => endpoint.post({ type: 'log', message, error: describe(error) });

  let host: Promise<LibraryHost> | null = null;
  let closing = false;
  endpoint.onMessage((message) => {
    switch (message.type) {
      case 'init':
        if (host) return;
        host = Promise.resolve()
          .then(() => open(message.init, services, log))
          .then((opened) => {
            opened.onEvent((channel, payload) => endpoint.post({ type: 'event', channel, payload }));
            void opened.ready.then((ready) => endpoint.post({ type: 'ready', ready }));
            return opened;
          });
        host.catch((error: unknown) => {
          log('The library could not start', error);
          endpoint.post({ type: 'ready', ready: { path: '', openError: toAppError(error).toApiError() } });
        });
        break;
      case 'dispatch': {
        const answer = (result: ApiResult<unknown>) => endpoint.post({ type: 'result', id: message.id, result });
        if (!host || closing) {
          answer({ ok: false, error: LIBRARY_CLOSED });
          return;
        }
        void host
          .then((opened) => {
            const run = () => opened.dispatch(message.channel, message.request);
            return options.wrapDispatch ? options.wrapDispatch(message, run) : run();
          })
          .then(answer, (error: unknown) => answer({ ok: false, error: toAppError(error).toApiError() }));
        break;
      }
      case 'serviceResult': {
        const call = calls.get(message.id);
        calls.delete(message.id);
        if (!call) return;
        if (message.ok) call.resolve(message.value);
        else call.reject(new AppError(message.error.code, message.error.message, message.error.field));
        break;
      }
      case 'close':
        if (closing) return;
        closing = true;
        void (host ?? Promise.resolve(null))
          .then((opened) => opened?.close())
          .catch((error: unknown) => log('The library did not close cleanly', error))
          .finally(() => {
            endpoint.post({ type: 'closed' });
            options.onClosed?.();
          });
        break;
    }
  });
}
