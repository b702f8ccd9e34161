import { useState } from 'react';
import { api } from '../api';
import { Modal } from '../components/Modal';
import { TaskProgressBar, useLongTask } from '../components/TaskProgress';
import { useAppStore } from '../store';
import './projectFiles.css';

/**
 * "Export project file…": what goes into the file, then the save dialog. "Leave out team notes and
 * assignees" makes a file that can leave the team: no team notes and no assignee, not even in the
 * history; corrections, approvals and the rest of the history stay in.
 */
export function ExportProjectDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const [withoutTeamNotes, setWithoutTeamNotes] = useState(false);
  const [leaveOutEvidence, setLeaveOutEvidence] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notify = useAppStore((state) => state.notify);
  // Progress once the file is being written, and its Cancel (no file is left then).
  const task = useLongTask();

  const save = async () => {
    setBusy(true);
    setError(null);
    const taskId = task.begin();
    try {
      const result = await api.call('projectFiles.export', { projectId, withoutTeamNotes, leaveOutEvidence, taskId });
      if (!result) return; // The save dialog was cancelled: choose again, or cancel here.
      notify('info', 'Saved the project file.', [result.path]);
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The project file could not be written.');
    } finally {
      task.end();
      setBusy(false);
    }
  };

  return (
    <Modal title="Export project file" onClose={onClose}>
      <div className="modal-body">
        <p>
          A .factcheck file carries the whole project (articles, claims, sources, team notes and history) to a teammate, who imports it to merge
          your work with theirs.
        </p>
        <label className="check export-option">
          <input type="checkbox" checked={withoutTeamNotes} onChange={(event) => setWithoutTeamNotes(event.target.checked)} />
          <span>Leave out team notes and assignees</span>
        </label>
        <p className="muted export-option-hint">
          For a file that leaves the team: no team note and no one’s assignment is in it, not even in the history. Corrections, approvals and the
          rest of the history stay in.
        </p>
        <label className="check export-option">
          <input type="checkbox" checked={leaveOutEvidence} onChange={(event) => setLeaveOutEvidence(event.target.checked)} />
          <span>Leave out evidence files</span>
        </label>
        <p className="muted export-option-hint">
          For a smaller file: no evidence file and no record of one goes in. An approved claim with evidence then arrives “In review” in the other
          library, because its approval covers its evidence.
        </p>
        {task.progress && <TaskProgressBar task={task} what="Export" />}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy} autoFocus>
          Export…
        </button>
      </div>
    </Modal>
  );
}
