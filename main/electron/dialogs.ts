import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import path from 'node:path';
import { withExtension } from '../files/fileNames';
import type { FileDialogs, FileFilter } from '../services/dialogs';

/**
 * A name typed without an extension (common on Linux, where the dialog does not add one) gets the
 * first extension of the first filter.
 */
export function withDefaultExtension(filePath: string, filters: readonly FileFilter[]): string {
  const extension = filters[0]?.extensions.find((ext) => ext !== '*');
  return extension ? withExtension(filePath, extension) : filePath;
}

/** FileDialogs with the system's own dialogs, modal to the main window when there is one. */
export function createElectronDialogs(getWindow: () => BrowserWindow | null): FileDialogs {
  const parent = () => {
    const window = getWindow();
    return window && !window.isDestroyed() ? window : null;
  };
  return {
    async chooseSavePath({ title, defaultName, filters }) {
      const options: SaveDialogOptions = {
        title,
        defaultPath: path.join(app.getPath('documents'), path.basename(defaultName)),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = parent();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return withDefaultExtension(result.filePath, filters);
    },
    async chooseOpenPath({ title, filters }) {
      const options: OpenDialogOptions = { title, filters, properties: ['openFile'] };
      const window = parent();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      if (result.canceled) return null;
      return result.filePaths[0] ?? null;
    },
  };
}
