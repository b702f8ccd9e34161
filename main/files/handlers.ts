import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import type { FileHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { looksExecutable, wasWrittenThisSession } from './writtenFiles';

/**
 * Handlers of the file channels (shared/api/contract.files.ts). The window may only point at files
 * the app wrote in this session, and "Open" never hands the system a program to run.
 */
export function createFileHandlers(deps: HandlerDeps): FileHandlers {
  const checked = (filePath: string): string => {
    const resolved = path.resolve(filePath);
    if (!wasWrittenThisSession(resolved)) {
      throw new AppError('forbidden', 'Only files this app saved since it was started can be shown or opened from here.', 'path');
    }
    if (!fs.existsSync(resolved)) {
      throw new AppError('not_found', `“${path.basename(resolved)}” is no longer there. It may have been moved or deleted.`, 'path');
    }
    return resolved;
  };
  const shell = () => {
    if (!deps.shell) throw new AppError('forbidden', 'Files cannot be shown or opened from this window.');
    return deps.shell;
  };
  return {
    'files.showInFolder': async ({ path: filePath }) => {
      const resolved = checked(filePath);
      await shell().showInFolder(resolved);
      return null;
    },
    'files.open': async ({ path: filePath }) => {
      const resolved = checked(filePath);
      if (looksExecutable(resolved)) {
        throw new AppError('forbidden', `“${path.basename(resolved)}” could be a program, so it is not opened from here. Use “Show in folder” instead.`, 'path');
      }
      await shell().openPath(resolved);
      return null;
    },
  };
}
