/**
 * Where the library runs. Every transport (the app's IPC, the harness's HTTP) calls a LibraryHost's
 * dispatch(channel, request), which answers exactly as the registry does (main/api/registry.ts);
 * only where the SQLite work happens differs:
 *
 *   - createInProcessHost: in this thread (tests; the fallback when no worker build is there);
 *   - createThreadHost (./threadHost.ts): a worker thread (the harness, and inside the app's
 *     library process), so a long import never blocks the thread that answers the window;
 *   - startLibraryProcess (main/electron/libraryProcess.ts): Electron's utility process, which runs
 *     a thread host of its own.
 */
import { CHANNELS, type Channel, type EventChannel } from '../../shared/api/channels';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { openLibraryApi, type Library, type LibraryOptions } from '../library';
import type { FileDialogs } from '../services/dialogs';
import { createEventHub } from '../services/events';
import type { FileShell } from '../services/fileShell';
import type { PageCapture } from '../services/pageCapture';
import type { PdfPrinter } from '../services/pdfPrinter';

export type EventListener = (channel: EventChannel, payload: unknown) => void;
export type LogFn = (message: string, error: unknown) => void;

/** What the library needs from the host it runs for: dialogs and printing (the back-channel). */
export interface HostServices {
  dialogs: FileDialogs;
  printer: PdfPrinter;
  /** "Show in folder" and "Open" (main/services/fileShell.ts); absent: the calls say so. */
  shell?: FileShell;
  /** "Capture page" in the host's browser (main/services/pageCapture.ts); absent: the call says so. */
  pageCapture?: PageCapture;
}

/** How to open the library: plain data, so it can be sent to a thread or a process. */
export interface LibraryInit {
  dataDir: string;
  appVersion: string;
  /** The Electron build of better-sqlite3 (the app); the harness and tests use Node's. */
  nativeBinding?: string | undefined;
  validateResponses?: boolean;
  backupKeepDays?: number;
  /** Check hourly whether a daily library backup is due (the app and the harness). */
  dailyBackups?: boolean;
}

export interface LibraryReady {
  /** The library file ('' when the library could not even be started). */
  path: string;
  /** Why the library could not be opened: then every call but the backup channels answers this. */
  openError: ApiError | null;
}

export interface LibraryHost {
  /** Every channel of the contract (a host can stand where an ApiRegistry is expected). */
  readonly channels: readonly Channel[];
  /** Answers like the registry: never throws, `{ ok: false, error }` for every failure. */
  dispatch(channel: unknown, request: unknown): Promise<ApiResult<unknown>>;
  /** Events the library sends (library.changed, task.progress); returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Resolves once the library is open, or could not be opened. */
  readonly ready: Promise<LibraryReady>;
  /** Cancels running tasks, closes the library (releasing its lock) and ends its thread or process. */
  close(): Promise<void>;
}

export interface InProcessHost extends LibraryHost {
  /** The library itself, for tests. */
  readonly library: Library;
}

/** The library in this thread: today's registry behind the LibraryHost interface. */
export function createInProcessHost(options: LibraryOptions & { dailyBackups?: boolean }): InProcessHost {
  const hub = createEventHub();
  const given = options.events;
  const library = openLibraryApi({
    ...options,
    events: {
      emit(channel, payload) {
        given?.emit(channel, payload);
        hub.emit(channel, payload);
      },
    },
  });
  if (options.dailyBackups) library.startDailyBackups();
  return {
    channels: CHANNELS,
    library,
    dispatch: (channel, request) => library.registry.dispatch(channel, request),
    onEvent: (listener) => hub.subscribe(listener),
    ready: Promise.resolve({ path: library.path, openError: library.openError?.toApiError() ?? null }),
    close: async () => library.close(),
  };
}
