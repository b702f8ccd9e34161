// @vitest-environment jsdom
/**
 * "Export project file…" offers "Leave out evidence files", says what it costs (an approved claim
 * with evidence arrives In review), and sends the choice as `leaveOutEvidence`.
 */
import { bridge } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportProjectDialog } from '../../../renderer/projectFiles/ExportProjectDialog';
import { useAppStore } from '../../../renderer/store';
import { PROJECT_ID } from './fixtures';

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
});
afterEach(cleanup);

describe('Export project file: evidence', () => {
  it('sends leaveOutEvidence only when the box is ticked, and says the claim arrives In review', async () => {
    bridge.answer('projectFiles.export', () => ({ path: 'Kremlin.factcheck', bytes: 10 }));
    const onClose = vi.fn();
    render(<ExportProjectDialog projectId={PROJECT_ID} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Export project file' });
    const box = within(dialog).getByRole('checkbox', { name: 'Leave out evidence files' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(dialog.textContent).toMatch(/arrives “In review”/);
    const user = userEvent.setup();
    await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Export…' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(bridge.requests('projectFiles.export')[0]).toMatchObject({ projectId: PROJECT_ID, leaveOutEvidence: true });
  });
});
