// @vitest-environment jsdom
/**
 * The claim editor as a fact-checker uses it: each field saves itself through the API (debounced
 * while typing, at once on leaving the field or choosing an option), a failed save is shown with
 * its reason and a retry, and the fields follow undo.
 */
import { bridge, refuse } from './fakeBridge';
import { answerNoEarlierChecks } from './checkedBeforeAnswers';
import './domShims';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Claim } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { ClaimEditor } from '../../../renderer/workbench/ClaimEditor';
import { article, ARTICLE_ID, claim, overview, source, touched, VERDICTS } from './fixtures';

const c1 = claim(1, 'unemployment fell by half', { claimant: 'The minister' });
let stored: Claim;

const onFocused = () => {};
const onAdjustSpan = () => {};

/** The editor for c1 as the workbench shows it: the claim comes from the store. */
function Editor({ onDelete, onBackToArticle }: { onDelete(claim: Claim): void; onBackToArticle(): void }) {
  const current = useAppStore((state) => state.claims.find((candidate) => candidate.id === c1.id));
  if (!current) return null;
  return (
    <ClaimEditor
      claim={current}
      direction="ltr"
      language="en"
      focusClaimant={false}
      onFocused={onFocused}
      onBackToArticle={onBackToArticle}
      onAdjustSpan={onAdjustSpan}
      onDelete={onDelete}
    />
  );
}

async function renderEditor() {
  const props = { onDelete: vi.fn<(claim: Claim) => void>(), onBackToArticle: vi.fn<() => void>() };
  await useAppStore.getState().loadArticle(ARTICLE_ID);
  bridge.calls.length = 0;
  render(<Editor {...props} />);
  return { user: userEvent.setup(), ...props };
}

const claimUpdates = () => bridge.requests('claims.update');

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ current: overview() });
  stored = c1;
  answerNoEarlierChecks(bridge);
  bridge
    .answer('workbench.loadArticle', () => ({
      article: article(),
      claims: [stored],
      sources: [],
      claimants: ['The minister'],
      tags: [],
    }))
    .answer('projects.get', () => overview())
    .answer('claims.update', ({ fields }) => (stored = touched(stored, fields)))
    .answer('settings.get', () => ({ ...DEFAULT_SETTINGS, authorName: 'Ana Checker' }))
    .answer('editorial.claimRecord', () => ({
      teamNotes: [],
      corrections: [],
      lastPublished: null,
      correctionRequired: false,
    }))
    .answer('editorial.claimantType', () => '');
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('fields save themselves', () => {
  it('typing saves once the typing pauses, with the whole value', async () => {
    await renderEditor();
    // Keys without a pause between them: on a loaded machine a paused keystroke could outlast the debounce.
    const user = userEvent.setup({ delay: null });
    const claimant = screen.getByLabelText('Claimant');
    expect(claimant).toHaveProperty('value', 'The minister');

    await user.clear(claimant);
    await user.type(claimant, 'Minister of Labour');
    expect(screen.getByText('Saving…')).toBeTruthy();

    await waitFor(() =>
      expect(claimUpdates()).toEqual([{ id: c1.id, fields: { claimant: 'Minister of Labour' } }]),
    );
    await screen.findByText('Saved');
    expect(useAppStore.getState().claims[0]!.claimant).toBe('Minister of Labour');
  });

  it('leaving a field saves it at once', async () => {
    const { user } = await renderEditor();
    await user.type(screen.getByLabelText('Rationale'), 'The statistics office says 12%.');
    expect(claimUpdates()).toEqual([]);
    await user.tab();
    expect(claimUpdates()).toEqual([{ id: c1.id, fields: { rationale: 'The statistics office says 12%.' } }]);
    await screen.findByText('Saved');
  });

  it('choosing a verdict or a status saves at once', async () => {
    const { user } = await renderEditor();
    const heading = screen.getByRole('heading', { name: 'Claim 1' }).parentElement!;
    expect(within(heading).getByText('Not yet rated')).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'False');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Researching');
    await waitFor(() =>
      expect(claimUpdates()).toEqual([
        { id: c1.id, fields: { verdictId: VERDICTS[2]!.id } },
        { id: c1.id, fields: { status: 'researching' } },
      ]),
    );
    await waitFor(() => expect(within(heading).getByText('False')).toBeTruthy());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'Not yet rated');
    await waitFor(() => expect(claimUpdates().at(-1)).toEqual({ id: c1.id, fields: { verdictId: null } }));
  });

  it('the claim date saves as an ISO date', async () => {
    const { user } = await renderEditor();
    const date = screen.getByLabelText('Claim date');
    await user.type(date, '2024-04-29');
    await user.tab();
    await waitFor(() =>
      expect(claimUpdates().at(-1)).toEqual({ id: c1.id, fields: { claimDate: '2024-04-29' } }),
    );
  });
});

describe('a failed save', () => {
  it('is shown at the field with the reason, keeps what was typed, and "Try again" saves it', async () => {
    bridge.answer('claims.update', () =>
      refuse('invalid_request', 'Claimant can be at most 200 characters.', 'fields'),
    );
    const { user } = await renderEditor();
    const claimant = screen.getByLabelText('Claimant');
    await user.clear(claimant);
    await user.type(claimant, 'Someone else');
    await user.tab();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Claimant can be at most 200 characters.');
    expect(claimant.getAttribute('aria-invalid')).toBe('true');
    expect(claimant.getAttribute('aria-describedby')).toContain(alert.id);
    expect(claimant).toHaveProperty('value', 'Someone else');
    expect(useAppStore.getState().claims[0]!.claimant).toBe('The minister');
    expect(useAppStore.getState().undoStack).toEqual([]);

    // Main accepts it now.
    bridge.answer('claims.update', ({ fields }) => (stored = touched(stored, fields)));
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('Saved');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(claimant.getAttribute('aria-invalid')).toBeNull();
    expect(claimUpdates()).toEqual([
      { id: c1.id, fields: { claimant: 'Someone else' } },
      { id: c1.id, fields: { claimant: 'Someone else' } },
    ]);
    expect(useAppStore.getState().claims[0]!.claimant).toBe('Someone else');
  });

  it('says so when the app cannot reach its storage', async () => {
    bridge.answer('claims.update', () => {
      throw new Error('IPC channel closed');
    });
    const { user } = await renderEditor();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Approved');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The app could not reach its storage.');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'approved');
  });
});

describe('with the rest of the workbench', () => {
  it('undo puts the earlier value back into the field, redo the later one', async () => {
    const { user } = await renderEditor();
    const claimant = screen.getByLabelText('Claimant');
    await user.clear(claimant);
    await user.type(claimant, 'Minister of Labour');
    await user.tab();
    await screen.findByText('Saved');

    await act(() => useAppStore.getState().undo());
    expect(claimant).toHaveProperty('value', 'The minister');
    await act(() => useAppStore.getState().redo());
    expect(claimant).toHaveProperty('value', 'Minister of Labour');
  });

  it('"Delete claim" and Escape hand over to the workbench', async () => {
    const { user, onDelete, onBackToArticle } = await renderEditor();
    await user.click(screen.getByRole('button', { name: 'Delete claim' }));
    expect(onDelete).toHaveBeenCalledWith(expect.objectContaining({ id: c1.id }));
    await user.click(screen.getByLabelText('Rationale'));
    await user.keyboard('{Escape}');
    expect(onBackToArticle).toHaveBeenCalledTimes(1);
  });

  it('"Add source" adds one ("Accessed" left empty) and puts the caret in its URL, which saves itself too', async () => {
    const added = source(1, c1.id);
    bridge
      .answer('sources.create', () => added)
      .answer('sources.update', ({ fields }) => touched(added, fields));
    const { user } = await renderEditor();
    expect(screen.getByText('No sources yet.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Add source' }));
    const group = await screen.findByRole('group', { name: 'Source 1' });
    expect(bridge.requests('sources.create')).toEqual([
      { claimId: c1.id, fields: {} },
    ]);
    expect((within(group).getByLabelText('Accessed') as HTMLInputElement).value).toBe('');
    const url = within(group).getByLabelText('Source URL');
    await waitFor(() => expect(document.activeElement).toBe(url));
    await user.type(url, 'https://example.org/stats');
    await user.tab();
    expect(bridge.requests('sources.update')).toEqual([
      { id: added.id, fields: { url: 'https://example.org/stats' } },
    ]);
    expect(await within(group).findByRole('link', { name: 'Open source 1' })).toBeTruthy();
  });
});
