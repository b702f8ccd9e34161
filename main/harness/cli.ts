import path from 'node:path';
import { APP_VERSION } from '../appVersion';
import { parseCliArgs, UsageError } from '../cliArgs';
import { openLibraryApi } from '../library';
import { createEventHub } from '../services/events';
import { createFolderDialogs } from './folderDialogs';
import { createHarnessPrinter } from './printer';
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
  const library = openLibraryApi({
    dataDir,
    appVersion: APP_VERSION,
    dialogs,
    printer,
    events,
    validateResponses: true,
    log: (message, error) => console.error(message, error),
  });
  if (library.openError) console.error(`The library could not be opened: ${library.openError.message}`);
  // A daily backup of the library while the harness runs (main/libraryBackups).
  library.startDailyBackups();

  const harness = await startHarness({
    port: args.port ?? 5178,
    rendererDir: path.resolve(__dirname, '../../renderer'),
    registry: library.registry,
    dialogs,
    subscribe: events.subscribe,
    emit: (channel, payload) => events.emit(channel, payload as never),
    ...(args.token ? { token: args.token } : {}),
  });
  console.log(`Harness listening on ${harness.url}`);
  console.log(`Library: ${library.path}`);

  const stop = async () => {
    await harness.close();
    await printer.close?.();
    library.close();
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
