import { exportProjectFile } from '../projectFiles/exportProjectFile';
import { useAppStore } from '../store';

/** The project's file actions, the same as the native menu's, for the window (and the harness). */
export function ProjectActions({ projectId }: { projectId: string }) {
  const setOpenDialog = useAppStore((state) => state.setOpenDialog);
  return (
    <div className="project-actions">
      <button type="button" className="button button-small" onClick={() => setOpenDialog('export-report')}>
        Export report…
      </button>
      <button type="button" className="button button-small" onClick={() => void exportProjectFile(projectId)}>
        Export project file…
      </button>
      <button type="button" className="button button-quiet button-small" onClick={() => setOpenDialog('restore-backup')}>
        Restore version before import…
      </button>
    </div>
  );
}
