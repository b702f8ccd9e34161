// @vitest-environment jsdom
/**
 * Notices (renderer/components/Notices.tsx): a saved file is named with "Show in folder" and
 * "Open", which ask main; the notices move to the top when the field being edited is under them,
 * and into a modal dialog while one is open (the page behind it is inert).
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notices } from '../../../renderer/components/Notices';
import { useAppStore } from '../../../renderer/store';

const notify = (...args: Parameters<ReturnType<typeof useAppStore.getState>['notify']>) => act(() => useAppStore.getState().notify(...args));

beforeEach(() => {
  bridge.reset();
  useAppStore.setState({ notices: [] });
});
afterEach(cleanup);

describe('notices', () => {
  it('name saved files and pass "Show in folder" and "Open" to main', async () => {
    bridge.answer('files.showInFolder', () => null).answer('files.open', () => null);
    const user = userEvent.setup();
    render(<Notices />);
    notify('info', 'Saved 2 files.', ['/home/ana/Documents/Budget report.pdf', 'C:\\Users\\ana\\Budget report.csv']);
    const files = within(screen.getByRole('status')).getByRole('list', { name: 'Saved files' });
    expect(within(files).getAllByRole('listitem').map((item) => item.querySelector('.notice-file-name')!.textContent)).toEqual([
      'Budget report.pdf',
      'Budget report.csv',
    ]);
    await user.click(screen.getByRole('button', { name: 'Show Budget report.pdf in folder' }));
    await user.click(screen.getByRole('button', { name: 'Open Budget report.csv' }));
    expect(bridge.requests('files.showInFolder')).toEqual([{ path: '/home/ana/Documents/Budget report.pdf' }]);
    expect(bridge.requests('files.open')).toEqual([{ path: 'C:\\Users\\ana\\Budget report.csv' }]);
  });

  it('show main’s refusal as an error notice', async () => {
    bridge.answer('files.open', () => refuse('forbidden', 'Only files this app saved since it was started can be shown or opened from here.'));
    const user = userEvent.setup();
    render(<Notices />);
    notify('info', 'Saved 1 file.', ['Reports/old.html']);
    await user.click(screen.getByRole('button', { name: 'Open old.html' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('Only files this app saved'));
  });

  it('move to the top when the focused field is where they would be', () => {
    render(
      <>
        <input aria-label="Claimant" />
        <Notices />
      </>,
    );
    const field = screen.getByLabelText('Claimant');
    // The field sits at the bottom left of a 1280×720 window, where the notices go first.
    field.getBoundingClientRect = () => new DOMRect(20, 660, 300, 30);
    Object.assign(window, { innerWidth: 1280, innerHeight: 720 });
    const list = document.querySelector('.notices') as HTMLElement;
    list.getBoundingClientRect = () => new DOMRect(16, 600, 400, 104);
    act(() => field.focus());
    notify('info', 'Settings saved.');
    expect(list.className).toContain('notices-top');

    field.getBoundingClientRect = () => new DOMRect(900, 200, 300, 30);
    act(() => {
      field.blur();
      field.focus();
    });
    expect(list.className).not.toContain('notices-top');
  });

  it('move into an open modal dialog, where they can be used', async () => {
    const { rerender } = render(<Notices />);
    notify('info', 'Saved 1 file.', ['/tmp/report.html']);
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.appendChild(dialog);
    rerender(<Notices />);
    await act(async () => undefined);
    expect(dialog.querySelector('.notices')).not.toBeNull();
    dialog.remove();
    await act(async () => undefined);
    expect(document.querySelector('.notices')!.closest('dialog')).toBeNull();
  });
});
