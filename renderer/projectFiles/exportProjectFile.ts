import { api } from '../api';
import { useAppStore } from '../store';

/** "Export project file…": the save dialog, then a note saying where the file went. */
export async function exportProjectFile(projectId: string): Promise<void> {
  const { notify, reportError } = useAppStore.getState();
  try {
    const result = await api.call('projectFiles.export', { projectId });
    if (result) notify('info', `Saved ${result.path}`);
  } catch (error) {
    reportError(error);
  }
}
