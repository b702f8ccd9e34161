import path from 'node:path';
import { APP_VERSION } from '../appVersion';
import { openLibraryApi } from '../library';
import { createEventHub } from '../services/events';
import { createFolderDialogs } from './folderDialogs';
import { createHarnessPrinter } from './printer';
import { startHarness } from './server';

/**
 * `npm run harness -- --port N --data DIR`: the app in any browser, on this computer only, with
 * the same API handlers and a real library file in DIR. For development and end-to-end tests.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
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

function parseArgs(argv: string[]): { port?: number; data?: string; token?: string } {
  const result: { port?: number; data?: string; token?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port' && value) {
      result.port = Number(value);
      i++;
    } else if (flag === '--data' && value) {
      result.data = value;
      i++;
    } else if (flag === '--token' && value) {
      result.token = value;
      i++;
    } else {
      console.error(`Unknown option ${flag}. Usage: npm run harness -- [--port N] [--data DIR]`);
      process.exit(2);
    }
  }
  if (result.port !== undefined && !(Number.isInteger(result.port) && result.port >= 0 && result.port < 65536)) {
    console.error('--port takes a port number (0 picks a free one).');
    process.exit(2);
  }
  return result;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
