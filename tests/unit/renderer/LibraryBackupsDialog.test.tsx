// @vitest-environment jsdom
/**
 * "Restore library backup…" (renderer/components/LibraryBackupsDialog.tsx): the list of whole-
 * library backups with dates, reasons and sizes, "Back up now", and a restore that first says what
 * will happen. Offered in Settings and on the screen shown when the library cannot be opened.
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryBackup } from '../../../shared/api/contract.libraryBackups';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { App } from '../../../renderer/components/App';
import { formatBackupDate, formatBackupSize, LibraryBackupsDialog } from '../../../renderer/components/LibraryBackupsDialog';
import { SettingsDialog } from '../../../renderer/components/SettingsDialog';
import { useAppStore } from '../../../renderer/store';

const DAILY: LibraryBackup = { id: 'library-20240504-090000-daily.sqlite', createdAt: '2024-05-04T09:00:00.000Z', reason: 'daily', bytes: 2_411_724 };
const MIGRATION: LibraryBackup = {
  id: 'library-20240420-070000-before-migration.sqlite',
  createdAt: '2024-04-20T07:00:00.000Z',
  reason: 'before-migration',
  bytes: 900_000,
};
const MADE: LibraryBackup = { id: 'library-20240504-120000-manual.sqlite', createdAt: '2024-05-04T12:00:00.000Z', reason: 'manual', bytes: 2_412_000 };
let backups: LibraryBackup[];

const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

async function openDialog(props: { libraryUsable?: boolean } = {}) {
  const user = userEvent.setup();
  const onClose = vi.fn();
  const onRestored = vi.fn();
  render(<LibraryBackupsDialog onClose={onClose} onRestored={onRestored} {...props} />);
  const dialog = screen.getByRole('dialog', { name: 'Library backups' });
  await within(dialog).findByRole('group', { name: 'Backups, newest first' });
  return { user, dialog, onClose, onRestored };
}

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  backups = [DAILY, MIGRATION];
  bridge
    .answer('libraryBackups.list', () => backups)
    .answer('libraryBackups.create', () => {
      backups = [MADE, ...backups];
      return MADE;
    })
    .answer('libraryBackups.restore', ({ id }) => ({ restored: backups.find((backup) => backup.id === id)!, safetyBackup: MADE, setAside: null }));
});
afterEach(cleanup);

describe('the library backups dialog', () => {
  it('lists the backups newest first with their date, reason and size; the newest is chosen', async () => {
    const { dialog } = await openDialog();
    const options = within(dialog).getAllByRole('radio');
    expect(options.map((option) => text(option.closest('label')!))).toEqual([
      `${formatBackupDate(DAILY.createdAt)} · Daily backup · 2.3 MB`,
      `${formatBackupDate(MIGRATION.createdAt)} · Before an app update · 879 KB`,
    ]);
    expect((options[0] as HTMLInputElement).checked).toBe(true);
    expect(formatBackupSize(512)).toBe('512 bytes');
  });

  it('says so when there is no backup yet, and offers no restore', async () => {
    backups = [];
    render(<LibraryBackupsDialog onClose={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Library backups' });
    expect(await within(dialog).findByText('There is no backup of this library yet.')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Restore…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('"Back up now" makes a backup and shows it chosen at the top', async () => {
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(within(dialog).getAllByRole('radio')).toHaveLength(3));
    expect(bridge.requests('libraryBackups.create')).toEqual([{}]);
    expect((within(dialog).getAllByRole('radio')[0] as HTMLInputElement).checked).toBe(true);
    expect(useAppStore.getState().notices.map((notice) => notice.message)).toEqual([
      `The library was backed up (${formatBackupDate(MADE.createdAt)}).`,
    ]);
  });

  it('shows why a backup could not be made (a full disk), and the list stays', async () => {
    bridge.answer('libraryBackups.create', () =>
      refuse('storage_full', 'The library backup could not be made in /data/backups: the disk is full. Free some space, then try again. Your library was not changed and keeps working.'),
    );
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Back up now' }));
    expect(text(await within(dialog).findByRole('alert'))).toMatch(/the disk is full\. Free some space/);
    expect(within(dialog).getAllByRole('radio')).toHaveLength(2);
    expect(useAppStore.getState().fatalError).toBeNull();
  });

  it('restores only after a confirmation that says what happens, then hands over (the window reloads)', async () => {
    const { user, dialog, onRestored } = await openDialog();
    await user.click(within(dialog).getAllByRole('radio')[1]!);
    await user.click(within(dialog).getByRole('button', { name: 'Restore…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Restore library backup?' });
    expect(text(confirm)).toContain(
      `Your library will be replaced by the backup of ${formatBackupDate(MIGRATION.createdAt)}. A backup of the current library is made first.`,
    );
    expect(bridge.requests('libraryBackups.restore')).toEqual([]);

    // Cancel goes back to the list, nothing restored.
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    const again = screen.getByRole('dialog', { name: 'Library backups' });
    expect(bridge.requests('libraryBackups.restore')).toEqual([]);
    expect(onRestored).not.toHaveBeenCalled();

    await user.click(within(again).getAllByRole('radio')[1]!);
    await user.click(within(again).getByRole('button', { name: 'Restore…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Restore backup' }));
    await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
    expect(bridge.requests('libraryBackups.restore')).toEqual([{ id: MIGRATION.id }]);
  });

  it('shows a refused restore in the list and does not hand over', async () => {
    bridge.answer('libraryBackups.restore', () =>
      refuse('database_corrupt', 'The backup library-20240504-090000-daily.sqlite is damaged (bad page). It was not restored; choose another backup.'),
    );
    const { user, onRestored } = await openDialog();
    await user.click(screen.getByRole('button', { name: 'Restore…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Restore backup' }));
    const dialog = await screen.findByRole('dialog', { name: 'Library backups' });
    expect(text(await within(dialog).findByRole('alert'))).toContain('It was not restored; choose another backup.');
    expect(onRestored).not.toHaveBeenCalled();
    // The dialog shows the refusal itself: a damaged backup does not turn the window into the failure screen.
    expect(useAppStore.getState().fatalError).toBeNull();
  });

  it('where the library cannot be opened: no "Back up now", and the confirmation says the current file is kept', async () => {
    const { user, dialog } = await openDialog({ libraryUsable: false });
    expect(within(dialog).queryByRole('button', { name: 'Back up now' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Restore…' }));
    expect(text(screen.getByRole('alertdialog'))).toContain(
      `Your library will be replaced by the backup of ${formatBackupDate(DAILY.createdAt)}. The current library file is kept in the backups folder.`,
    );
  });
});

describe('where it is offered', () => {
  it('on the screen shown when the library cannot be opened', async () => {
    const message = 'The library file /data/library.sqlite is damaged (Tree 3 page 62: invalid page number). Nothing was written to it. Restore a library backup to continue; the app keeps them in /data/backups.';
    bridge.answer('app.info', () => refuse('database_corrupt', message));
    const user = userEvent.setup();
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Your library could not be opened' })).toBeTruthy();
    expect(text(screen.getByRole('alert'))).toContain(message);
    await user.click(screen.getByRole('button', { name: 'Restore library backup…' }));
    const dialog = screen.getByRole('dialog', { name: 'Library backups' });
    expect(await within(dialog).findAllByRole('radio')).toHaveLength(2);
    expect(within(dialog).queryByRole('button', { name: 'Back up now' })).toBeNull();
  });

  it('in Settings, keeping the unsaved settings while it is open', async () => {
    bridge.answer('settings.get', () => DEFAULT_SETTINGS);
    const user = userEvent.setup();
    render(<SettingsDialog onClose={() => undefined} />);
    const settings = await screen.findByRole('form', { name: 'Settings' });
    await user.type(within(settings).getByLabelText('Your name'), 'Dana');
    await user.click(within(settings).getByRole('button', { name: 'Restore library backup…' }));
    const dialog = screen.getByRole('dialog', { name: 'Library backups' });
    expect(await within(dialog).findAllByRole('radio')).toHaveLength(2);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect((within(await screen.findByRole('form', { name: 'Settings' })).getByLabelText('Your name') as HTMLInputElement).value).toBe('Dana');
  });
});
