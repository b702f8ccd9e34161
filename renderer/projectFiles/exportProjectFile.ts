import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ExportProjectDialog } from './ExportProjectDialog';

let open: { root: Root; host: HTMLElement; done(): void } | null = null;

/**
 * "Export project file…" (the project's button and the File menu): the export dialog ("Leave out
 * team notes and assignees"), then the save dialog, then a note saying where the file went.
 * The dialog is mounted on its own, so every caller keeps calling this one function; resolves
 * when it closes.
 */
export function exportProjectFile(projectId: string): Promise<void> {
  close();
  return new Promise((resolve) => {
    const host = document.createElement('div');
    host.className = 'export-project-host';
    document.body.appendChild(host);
    const root = createRoot(host);
    open = { root, host, done: resolve };
    root.render(createElement(ExportProjectDialog, { projectId, onClose: close }));
  });
}

function close(): void {
  if (!open) return;
  const { root, host, done } = open;
  open = null;
  // Unmounted after the click that closed it has been handled.
  queueMicrotask(() => {
    root.unmount();
    host.remove();
    done();
  });
}
