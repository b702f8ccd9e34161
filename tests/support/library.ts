import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibraryApi, type Library } from '../../main/library';
import type { FileDialogs } from '../../main/services/dialogs';
import type { PdfPrinter } from '../../main/services/pdfPrinter';
import { createApiClient, type ApiClient } from '../../shared/api/client';

export function tempDir(prefix = 'factcheck-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const noDialogs: FileDialogs = {
  chooseSavePath: async () => null,
  chooseOpenPath: async () => null,
};

export const noPrinter: PdfPrinter = {
  print: async () => {
    throw new Error('No printer in this test.');
  },
};

/** A real library file in a temp folder, and a typed client over its registry (no transport). */
export function openTestLibrary(dataDir = tempDir()): { library: Library; api: ApiClient; dataDir: string } {
  const library = openLibraryApi({ dataDir, appVersion: 'test', dialogs: noDialogs, printer: noPrinter, validateResponses: true, log: () => undefined });
  const api = createApiClient({
    invoke: (channel, request) => library.registry.dispatch(channel, request),
    subscribe: () => () => undefined,
  });
  return { library, api, dataDir };
}
