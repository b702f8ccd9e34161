import { useEffect, useState } from 'react';
import type { ProjectBackup } from '../../shared/api/contract.projectFiles';
import { api } from '../api';
import { BackupChoice } from '../components/BackupChoice';
import { Modal } from '../components/Modal';
import { ModalActions } from '../components/ModalActions';
import { countOf, formatDateTime } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { useAppStore } from '../store';

/** "Restore version before import": the backups taken before each merge, newest first. */
export function RestoreBackupDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const [backups, setBackups] = useState<ProjectBackup[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  useDateFormat();
  const [error, setError] = useState<string | null>(null);
  const refreshProject = useAppStore((state) => state.refreshProject);
  const notify = useAppStore((state) => state.notify);

  useEffect(() => {
    api
      .call('projectFiles.backups', { projectId })
      .then((list) => {
        setBackups(list);
        setChosen(list[0]?.id ?? null);
      })
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : 'The backups could not be read.'));
  }, [projectId]);

  const restore = async () => {
    if (!chosen) return;
    try {
      await api.call('projectFiles.restoreBackup', { backupId: chosen });
      await refreshProject();
      notify('info', 'The earlier version is back. The version you replaced was backed up too.');
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The backup could not be restored.');
    }
  };

  return (
    <Modal title="Restore version before import" onClose={onClose}>
      <div className="modal-body">
        {backups === null && !error && <p aria-busy="true">Loading…</p>}
        {backups?.length === 0 && <p>There is no backup of this project: it has not been merged with a file yet.</p>}
        {backups && backups.length > 0 && (
          <BackupChoice
            legend="Backups"
            name="backup"
            backups={backups}
            chosen={chosen}
            onChoose={setChosen}
            describe={(backup) =>
              `${backup.reason} · ${formatDateTime(backup.createdAt)} · ${countOf(backup.claimCount, 'claim')}`
            }
          />
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <ModalActions
        onCancel={onClose}
        confirmLabel="Restore this version"
        onConfirm={() => void restore()}
        confirmDisabled={!chosen}
      />
    </Modal>
  );
}
