/**
 * The reader: a read-only connection to the library that answers READ_CHANNELS while the library
 * worker is busy with a long call (./threadHost.ts). It opens the file as it is, without the open
 * checks (the library worker ran them and holds the lock), and never writes: a read-only
 * connection cannot, and it is only ever sent calls that read.
 */
import Database from 'better-sqlite3';
import { CHANNELS } from '../../shared/api/channels';
import { createHandlers } from '../api/handlers';
import { createRegistry, type ApiRegistry } from '../api/registry';
import { BUSY_TIMEOUT_MS, type Db } from '../db/open';
import { AppError, toAppError } from '../errors';
import { registerSearchFunctions } from '../search/indexFunction';
import { libraryPath } from '../files/dataFolder';
import { createRepoContext } from '../repositories/context';
import { READ_CHANNELS } from './channels';
import type { LibraryHost, LibraryInit, LogFn } from './host';

const NOT_HERE = () => {
  throw new AppError('internal', 'This is not available while a long task runs. Try again when it has finished.');
};

export function createReaderHost(init: LibraryInit, log: LogFn): LibraryHost {
  const file = libraryPath(init.dataDir);
  let db: Db | null = null;
  let registry: ApiRegistry | null = null;
  let openError = null;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: BUSY_TIMEOUT_MS,
      ...(init.nativeBinding ? { nativeBinding: init.nativeBinding } : {}),
    });
    // Like every connection of the app (main/db/open.ts), though a reader never fires the triggers.
    registerSearchFunctions(db);
    const handlers = createHandlers({
      ctx: createRepoContext(db),
      appVersion: init.appVersion,
      dataPath: file,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      dialogs: { chooseSavePath: NOT_HERE, chooseOpenPath: NOT_HERE },
      printer: { print: NOT_HERE },
    });
    registry = createRegistry(handlers, { validateResponses: init.validateResponses ?? false, log });
  } catch (error) {
    if (db?.open) db.close();
    db = null;
    openError = toAppError(error).toApiError();
  }
  const readOnly = new Set<unknown>(READ_CHANNELS);
  return {
    channels: CHANNELS,
    ready: Promise.resolve({ path: file, openError }),
    dispatch: async (channel, request) => {
      if (!registry || !readOnly.has(channel)) {
        return { ok: false, error: openError ?? { code: 'internal', message: 'The reader answers only calls that read.' } };
      }
      return registry.dispatch(channel, request);
    },
    onEvent: () => () => undefined,
    close: async () => {
      if (db?.open) db.close();
    },
  };
}
