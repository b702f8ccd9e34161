import fs from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../appVersion';
import { parseCliArgs, UsageError } from '../cliArgs';
import { createEventHub } from '../services/events';
import { createInProcessHost, type HostServices, type LibraryHost, type LibraryInit, type LogFn } from '../worker/host';
import { createThreadHost } from '../worker/threadHost';
import { createFolderDialogs } from './folderDialogs';
import { createHarnessPageCapture } from './pageCapture';
import { createHarnessPrinter } from './printer';
import { createShellRecorder } from './shellRecorder';
import { startHarness } from './server';

export const USAGE = 'Usage: npm run harness -- [--port N] [--data DIR]';

export interface HarnessArgs {
  port?: number;
  data?: string;
  token?: string;
}

const HARNESS_OPTIONS = {
  port: { type: 'string' },
  data: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The harness's arguments; a UsageError says what is wrong with them. */
export function parseHarnessArgs(argv: readonly string[]): HarnessArgs | 'help' {
  const { values, positionals } = parseCliArgs(argv, HARNESS_OPTIONS);
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`Unexpected argument “${positionals[0]}”.`);
  const result: HarnessArgs = {};
  if (values.port !== undefined) {
    const port = /^\d+$/.test(values.port) ? Number(values.port) : NaN;
    if (!(Number.isInteger(port) && port >= 0 && port < 65536))
      throw new UsageError('--port takes a port number (0 picks a free one).');
    result.port = port;
  }
  if (values.data !== undefined) result.data = values.data;
  if (values.token !== undefined) result.token = values.token;
  return result;
}

/** dist/main/worker/libraryWorker.js, beside this bundle's folder. */
export const LIBRARY_WORKER_ENTRY = path.resolve(__dirname, '../worker/libraryWorker.js');

/**
 * The harness's library: in a worker thread (main/worker/threadHost.ts), so an import never keeps
 * the HTTP server from answering; in this thread only when the worker was not built.
 * The folder dialogs and the Playwright printer stay in this thread, answered over the worker's
 * back-channel like Electron's main process answers the app's: the dialogs are set by this
 * thread's /__harness/ endpoints, and the app's path is tested through the same protocol.
 */
export function startHarnessLibrary(
  init: LibraryInit,
  services: HostServices,
  log: LogFn,
  entry = LIBRARY_WORKER_ENTRY,
): LibraryHost {
  if (fs.existsSync(entry)) return createThreadHost({ entry, init, services, log });
  log(`No library worker at ${entry} (run \`npm run build\`); the library runs on the main thread`, null);
  return createInProcessHost({ ...init, ...services, log });
}

/**
 * `npm run harness -- --port N --data DIR`: the app in any browser, on this computer only, with
 * the same API handlers and a real library file in DIR. For development and end-to-end tests.
 */
async function main(): Promise<void> {
  let parsed: HarnessArgs | 'help';
  try {
    parsed = parseHarnessArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message} ${USAGE}`);
    process.exit(2);
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const args = parsed;
  const dataDir = path.resolve(args.data ?? '.harness-data');
  const events = createEventHub();
  const dialogs = createFolderDialogs(path.join(dataDir, 'exports'));
  const printer = createHarnessPrinter();
  const shell = createShellRecorder();
  const pageCapture = createHarnessPageCapture();
  // A daily backup of the library while the harness runs (main/libraryBackups).
  const library = startHarnessLibrary(
    { dataDir, appVersion: APP_VERSION, validateResponses: true, dailyBackups: true },
    { dialogs, printer, shell, pageCapture },
    (message, error) => (error === null ? console.error(message) : console.error(message, error)),
  );
  library.onEvent((channel, payload) => events.emit(channel, payload as never));
  const opened = await library.ready;
  if (opened.openError) console.error(`The library could not be opened: ${opened.openError.message}`);

  const harness = await startHarness({
    port: args.port ?? 5178,
    rendererDir: path.resolve(__dirname, '../../renderer'),
    registry: library,
    dialogs,
    shell,
    subscribe: events.subscribe,
    emit: (channel, payload) => events.emit(channel, payload as never),
    ...(args.token ? { token: args.token } : {}),
  });
  console.log(`Harness listening on ${harness.url}`);
  console.log(`Library: ${opened.path}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await harness.close();
    // Cancels a running import (rolled back), closes the file and releases the lock.
    await library.close();
    await printer.close?.();
    await pageCapture.close?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

// Run when executed as the bundled command (dist/main/harness/cli.js), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
