import fs from 'node:fs';
import path from 'node:path';
import { safeFileName } from '../files/fileNames';
import type { FileDialogs } from '../services/dialogs';

/**
 * The harness's stand-in for native file dialogs: "save" writes into a folder, "open" answers with
 * the path a test (or a person, through /__harness/open-path) chose last. One use per choice, like a
 * real dialog.
 */
export interface FolderDialogs extends FileDialogs {
  setNextOpenPath(filePath: string | null): void;
  /** Make the next save dialog answer "cancel" (or a given path), as a person might. */
  setNextSavePath(filePath: string | null | 'cancel'): void;
  readonly saveDir: string;
  lastSavedPath(): string | null;
}

export function createFolderDialogs(saveDir: string): FolderDialogs {
  let nextOpen: string | null = null;
  let nextSave: string | null | 'cancel' = null;
  let lastSaved: string | null = null;
  return {
    saveDir,
    setNextOpenPath(filePath) {
      nextOpen = filePath;
    },
    setNextSavePath(filePath) {
      nextSave = filePath;
    },
    lastSavedPath: () => lastSaved,
    async chooseSavePath({ defaultName }) {
      const chosen = nextSave;
      nextSave = null;
      if (chosen === 'cancel') return null;
      fs.mkdirSync(saveDir, { recursive: true });
      lastSaved = chosen ?? path.join(saveDir, safeFileName(defaultName));
      return lastSaved;
    },
    async chooseOpenPath() {
      const chosen = nextOpen;
      nextOpen = null;
      return chosen;
    },
  };
}
