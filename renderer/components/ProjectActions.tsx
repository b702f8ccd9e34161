import { useEffect, useState } from 'react';
import { api } from '../api';
import { exportProjectFile } from '../projectFiles/exportProjectFile';
import { useAppStore } from '../store';

/** The project's file actions, the same as the native menu's, for the window (and the harness). */
export function ProjectActions({ projectId }: { projectId: string }) {
  const setOpenDialog = useAppStore((state) => state.setOpenDialog);
  // A merge makes a backup and changes the project's time, so the list is asked again after one.
  const updatedAt = useAppStore((state) => state.projects.find((project) => project.id === projectId)?.updatedAt);
  const [hasBackup, setHasBackup] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .call('projectFiles.backups', { projectId })
      .then((backups) => live && setHasBackup(backups.length > 0))
      .catch(() => live && setHasBackup(false));
    return () => {
      live = false;
    };
  }, [projectId, updatedAt]);
  return (
    <div className="project-actions">
      <button type="button" className="button button-small" onClick={() => setOpenDialog('export-report')}>
        Export report…
      </button>
      <button type="button" className="button button-small" onClick={() => void exportProjectFile(projectId)}>
        Export project file…
      </button>
      {hasBackup && (
        <button type="button" className="button button-quiet button-small" onClick={() => setOpenDialog('restore-backup')}>
          Restore version before import…
        </button>
      )}
    </div>
  );
}
