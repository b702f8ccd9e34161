// @vitest-environment jsdom
/**
 * Long calls in the window: the import dialog and the project export dialog send a taskId, show
 * main's 'task.progress' for it as a percentage, and their Cancel sends 'tasks.cancel' with it;
 * the call then answers 'cancelled' and the dialog says nothing was changed.
 */
import { ApiFailure, bridge, refuse } from './fakeBridge';
import './domShims';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview, ImportSummary } from '../../../shared/api/contract.projectFiles';
import { ExportProjectDialog } from '../../../renderer/projectFiles/ExportProjectDialog';
import { ImportProjectDialog } from '../../../renderer/projectFiles/ImportProjectDialog';
import { useAppStore } from '../../../renderer/store';
import { formatPercent } from '../../../renderer/format/dates';
import { PROJECT_ID } from './fixtures';

const zero = { verdicts: 0, articles: 0, claims: 0, sources: 0 };
/** Never opened: main is the fake bridge. */
const FILE = '/tmp/Big.factcheck'; // repo-paths: allow an invented path the fake main never reads
const PREVIEW: ImportPreview = {
  importId: 'import-1',
  fileName: 'Big.factcheck',
  projectId: PROJECT_ID,
  projectTitle: 'Big',
  mode: 'new',
  exportedBy: 'Ben',
  exportedAt: '2024-10-22T10:30:00.000Z',
  appVersion: '0.1.0',
  formatVersion: 2,
  counts: { ...zero, claims: 50_000, teamNotes: 0, corrections: 0, publications: 0, changes: 50_000 },
  effect: {
    added: { ...zero, claims: 50_000 },
    updated: zero,
    deleted: zero,
    editorialAdded: { teamNotes: 0, corrections: 0, publications: 0 },
    projectUpdated: false,
    changesImported: 50_000,
  },
  conflicts: [],
};

/** A call main has not answered yet, with its request, answered when the test says. */
function pending<T>() {
  let settle: { resolve(value: T): void; reject(error: unknown): void } = { resolve: () => undefined, reject: () => undefined };
  const answered = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { answered, ...settle };
}

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
});
afterEach(cleanup);

describe('progress and cancel', () => {
  it('the import shows main’s progress as a percentage, and Cancel import stops it with nothing changed', async () => {
    const apply = pending<ImportSummary>();
    bridge
      .answer('projectFiles.inspect', () => PREVIEW)
      .answer('projectFiles.apply', () => apply.answered)
      .answer('tasks.cancel', () => null);
    render(<ImportProjectDialog path={FILE} onClose={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import “Big.factcheck”' });
    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    const [request] = bridge.requests('projectFiles.apply');
    const taskId = request!.taskId!;
    expect(taskId).toMatch(/^[A-Za-z0-9_-]+$/);
    // The inspect call had a task of its own.
    expect(bridge.requests('projectFiles.inspect')[0]!.taskId).not.toBe(taskId);
    act(() => {
      bridge.emit('task.progress', { taskId: 'someone-else', label: 'Other work', done: 1, total: 2 });
      bridge.emit('task.progress', { taskId, label: 'Writing “Big” to your library', done: 63_400, total: 151_000 });
    });
    const status = within(dialog).getByRole('status');
    expect(status.textContent).toContain('Writing “Big” to your library');
    expect(status.textContent).toContain(formatPercent(41));
    expect(within(status).getByRole('progressbar', { name: 'Import: progress' }).getAttribute('value')).toBe('41');

    await user.click(within(dialog).getByRole('button', { name: 'Cancel import' }));
    expect(bridge.requests('tasks.cancel')).toEqual([{ taskId }]);
    expect(within(dialog).getByRole('status').textContent).toContain('Cancelling…');
    apply.reject(new ApiFailure({ code: 'cancelled', message: 'The import was cancelled. Nothing in your library was changed.' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The import was cancelled. Nothing in your library was changed.');
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
  });

  it('closing the dialog while the import runs cancels the import too', async () => {
    const apply = pending<ImportSummary>();
    const onClose = vi.fn();
    bridge
      .answer('projectFiles.inspect', () => PREVIEW)
      .answer('projectFiles.apply', () => apply.answered)
      .answer('projectFiles.discard', () => null)
      .answer('tasks.cancel', () => null);
    render(<ImportProjectDialog path={FILE} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import “Big.factcheck”' });
    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const taskId = bridge.requests('projectFiles.apply')[0]!.taskId!;
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.requests('tasks.cancel')).toEqual([{ taskId }]);
    expect(onClose).toHaveBeenCalled();
    apply.reject(new ApiFailure({ code: 'cancelled', message: 'The import was cancelled. Nothing in your library was changed.' }));
  });

  it('a cancelled import says nothing was changed, and the file can be imported after all', async () => {
    let calls = 0;
    bridge
      .answer('projectFiles.inspect', () => PREVIEW)
      .answer('projectFiles.apply', () => {
        calls++;
        return refuse('cancelled', 'The import was cancelled. Nothing in your library was changed.');
      });
    render(<ImportProjectDialog path={FILE} onClose={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import “Big.factcheck”' });
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The import was cancelled. Nothing in your library was changed.');
    expect(calls).toBe(1);
    // No progress is left on screen, and Import can be pressed again.
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('the project export shows progress once the file is being written, and can be cancelled', async () => {
    const exported = pending<{ path: string; bytes: number } | null>();
    bridge.answer('projectFiles.export', () => exported.answered).answer('tasks.cancel', () => null);
    render(<ExportProjectDialog projectId={PROJECT_ID} onClose={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Export project file' });
    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('button', { name: 'Export…' }));
    // While the save dialog is open there is nothing to show yet.
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
    const taskId = bridge.requests('projectFiles.export')[0]!.taskId!;
    act(() => bridge.emit('task.progress', { taskId, label: 'Compressing the project file', done: 0, total: 0 }));
    const bar = within(dialog).getByRole('progressbar', { name: 'Export: progress' });
    // A stage of unknown size: a bar without a value, no percentage.
    expect(bar.hasAttribute('value')).toBe(false);
    expect(within(dialog).getByRole('status').textContent).not.toContain('%');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel export' }));
    expect(bridge.requests('tasks.cancel')).toEqual([{ taskId }]);
    await act(async () => {
      exported.reject(new Error('main unreachable'));
      await exported.answered.catch(() => undefined);
    });
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
  });
});
