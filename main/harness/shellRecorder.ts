import type { FileShell } from '../services/fileShell';

/** One "Show in folder" or "Open" the window asked for. */
export interface ShellRequest {
  action: 'showInFolder' | 'open';
  path: string;
}

/**
 * The harness's stand-in for the system's file manager: it opens nothing, it remembers what it was
 * asked, and a test reads that back from POST /__harness/shell-requests.
 */
export interface ShellRecorder extends FileShell {
  requests(): ShellRequest[];
}

export function createShellRecorder(): ShellRecorder {
  const asked: ShellRequest[] = [];
  return {
    requests: () => [...asked],
    async showInFolder(filePath) {
      asked.push({ action: 'showInFolder', path: filePath });
    },
    async openPath(filePath) {
      asked.push({ action: 'open', path: filePath });
    },
  };
}
