import { useEffect, useState } from 'react';
import type { LibraryBackup, LibraryBackupReason } from '../../shared/api/contract.libraryBackups';
import { api } from '../api';
import { formatDateTime } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { useAppStore } from '../store';
import { BackupChoice } from './BackupChoice';
import { ConfirmDialog } from './ConfirmDialog';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';

const REASON_LABELS: Record<LibraryBackupReason, string> = {
  manual: 'Backed up by hand',
  daily: 'Daily backup',
  'before-migration': 'Before an app update',
  'before-restore': 'Before a restore',
};

export const formatBackupDate = (iso: string) => formatDateTime(iso);

export function formatBackupSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** After a restore everything the window holds (lists, undo steps) belongs to the old library: start afresh. */
const reloadWindow = () => window.location.reload();

const messageOf = (caught: unknown, fallback: string) => (caught instanceof Error ? caught.message : fallback);

interface LibraryBackupsDialogProps {
  onClose(): void;
  /** Called once a backup was restored; by default the window reloads. */
  onRestored?(): void;
  /**
   * False on the screen shown when the library could not be opened: nothing can be backed up then,
   * and a restore keeps the current file aside instead of backing it up.
   */
  libraryUsable?: boolean;
}

/**
 * "Restore library backup…": the copies of the whole library in the data folder's backups folder
 * (made daily, before app updates and restores, and by "Back up now"), newest first.
 */
export function LibraryBackupsDialog({ onClose, onRestored = reloadWindow, libraryUsable = true }: LibraryBackupsDialogProps) {
  const [backups, setBackups] = useState<LibraryBackup[] | null>(null);
  useDateFormat();
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'backing-up' | 'restoring' | null>(null);
  const [confirming, setConfirming] = useState<LibraryBackup | null>(null);
  const notify = useAppStore((state) => state.notify);

  useEffect(() => {
    api
      .call('libraryBackups.list', {})
      .then((list) => {
        setBackups(list);
        setChosen(list[0]?.id ?? null);
      })
      .catch((caught: unknown) => setError(messageOf(caught, 'The backups could not be read.')));
  }, []);

  const backUpNow = async () => {
    setBusy('backing-up');
    setError(null);
    try {
      const made = await api.call('libraryBackups.create', {});
      notify('info', `The library was backed up (${formatBackupDate(made.createdAt)}).`);
      setBackups(await api.call('libraryBackups.list', {}));
      setChosen(made.id);
    } catch (caught) {
      setError(messageOf(caught, 'The library could not be backed up.'));
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: LibraryBackup) => {
    setBusy('restoring');
    setError(null);
    try {
      await api.call('libraryBackups.restore', { id: backup.id });
      setConfirming(null);
      notify('info', `The library was restored from the backup of ${formatBackupDate(backup.createdAt)}.`);
      onRestored();
    } catch (caught) {
      setConfirming(null);
      setError(messageOf(caught, 'The backup could not be restored.'));
    } finally {
      setBusy(null);
    }
  };

  if (confirming) {
    return (
      <ConfirmDialog
        title="Restore library backup?"
        confirmLabel={busy === 'restoring' ? 'Restoring…' : 'Restore backup'}
        danger
        onConfirm={() => {
          if (busy === null) void restore(confirming);
        }}
        onCancel={() => {
          if (busy === null) setConfirming(null);
        }}
      >
        <p>
          Your library will be replaced by the backup of {formatBackupDate(confirming.createdAt)}.{' '}
          {libraryUsable
            ? 'A backup of the current library is made first.'
            : 'The current library file is kept in the backups folder.'}
        </p>
      </ConfirmDialog>
    );
  }

  const selected = backups?.find((backup) => backup.id === chosen) ?? null;
  return (
    <Modal title="Library backups" onClose={onClose}>
      <div className="modal-body">
        <p>
          A copy of the whole library is made every day while the app is in use, before each app update and before
          a restore. Copies are kept for 14 days.
        </p>
        {backups === null && !error && <p aria-busy="true">Loading…</p>}
        {backups?.length === 0 && <p>There is no backup of this library yet.</p>}
        {backups && backups.length > 0 && (
          <BackupChoice
            legend="Backups, newest first"
            name="library-backup"
            backups={backups}
            chosen={chosen}
            onChoose={setChosen}
            describe={(backup) =>
              `${formatBackupDate(backup.createdAt)} · ${REASON_LABELS[backup.reason]} · ${formatBackupSize(backup.bytes)}`
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
        cancelLabel="Close"
        confirmLabel="Restore…"
        onConfirm={() => setConfirming(selected)}
        confirmDisabled={!selected || busy !== null}
      >
        {libraryUsable && (
          <button type="button" className="button" onClick={() => void backUpNow()} disabled={busy !== null}>
            {busy === 'backing-up' ? 'Backing up…' : 'Back up now'}
          </button>
        )}
      </ModalActions>
    </Modal>
  );
}
