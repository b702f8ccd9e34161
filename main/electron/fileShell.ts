import { shell } from 'electron';
import path from 'node:path';
import { looksExecutable } from '../files/writtenFiles';
import type { FileShell } from '../services/fileShell';

/**
 * "Show in folder" and "Open" with the system's file manager. The library has already checked that
 * the app wrote the file this session; the executable check is repeated here, where the file is
 * handed to the system, so no other caller can get a program run.
 */
export function createElectronFileShell(): FileShell {
  return {
    async showInFolder(filePath) {
      shell.showItemInFolder(path.resolve(filePath));
    },
    async openPath(filePath) {
      if (looksExecutable(filePath)) throw new Error(`Refused to open a possible program: ${filePath}`);
      const failure = await shell.openPath(path.resolve(filePath));
      if (failure) throw new Error(failure);
    },
  };
}
