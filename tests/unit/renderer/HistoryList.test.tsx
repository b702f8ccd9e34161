// @vitest-environment jsdom
/**
 * The claim history as a log: newest first by time (merged changes included), who and when, old →
 * new per field, long values behind "Show all", approvals in words without the seal, and "Restore
 * this value", which saves the old value through claims.update like any edit.
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, Claim } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { HistoryList } from '../../../renderer/workbench/HistoryList';
import { article, ARTICLE_ID, claim, id, overview, PROJECT_ID, touched, VERDICTS } from './fixtures';

const [TRUE, , FALSE] = VERDICTS as [(typeof VERDICTS)[0], (typeof VERDICTS)[0], (typeof VERDICTS)[0]];
const SEAL = 'f'.repeat(64);
const LONG = `The minister’s figure counts only full-time jobs. ${'Part-time work is left out of the count. '.repeat(8)}`.trim();

const c7 = claim(7, 'unemployment fell by half', {
  claimant: 'Minister of Labour',
  verdictId: FALSE.id,
  rationale: LONG,
  status: 'in_review',
});
let stored: Claim;

let seq = 1;
function change(at: string, author: string, fields: Change['fields'], op: Change['op'] = 'update'): Change {
  return { id: id(2000 + seq++), projectId: PROJECT_ID, entityType: 'claim', entityId: c7.id, op, fields, author, at };
}

/** As the library answers: newest stored first. The merged change (Bo's) was stored last but is older. */
const HISTORY: Change[] = [
  change('2024-05-02T09:00:00.000Z', 'Bo Merged', { claimant: { before: 'The minister', after: 'Minister of Labour' } }),
  change('2024-05-03T12:00:00.000Z', 'Dana Editor', {
    status: { before: 'approved', after: 'in_review' },
    approval: { before: { by: 'Dana Editor', at: '2024-05-03T11:00:00.000Z', seal: SEAL }, after: { by: '', at: '', seal: '' } },
    approvalWithdrawn: { after: 'Changed after approval: verdict.' },
  }),
  change('2024-05-03T12:00:00.000Z', 'Ana Checker', {
    verdictId: { before: TRUE.id, after: FALSE.id },
    rationale: { before: '', after: LONG },
  }),
  change('2024-05-03T11:00:00.000Z', 'Dana Editor', {
    status: { before: 'in_review', after: 'approved' },
    approval: { before: { by: '', at: '', seal: '' }, after: { by: 'Dana Editor', at: '2024-05-03T11:00:00.000Z', seal: SEAL } },
  }),
  change('2024-05-01T10:00:00.000Z', 'Ana Checker', { number: { after: 7 }, anchor: { after: c7.anchor } }, 'create'),
];

async function openHistory() {
  await useAppStore.getState().loadArticle(ARTICLE_ID);
  bridge.calls.length = 0;
  const user = userEvent.setup();
  render(<HistoryList claimId={c7.id} version={c7.updatedAt} />);
  await user.click(screen.getByText('History'));
  const log = await screen.findByRole('list', { name: 'History of this claim' });
  return { user, log };
}
/** What the element reads, spaces collapsed. */
const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ');
const entries = (log: HTMLElement) => within(log).getAllByRole('listitem').filter((item) => item.parentElement === log);

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ current: overview(article(), 1) });
  stored = c7;
  bridge
    .answer('workbench.loadArticle', () => ({ article: article(), claims: [stored], sources: [], claimants: [], tags: [] }))
    .answer('workbench.claimHistory', () => HISTORY)
    .answer('projects.get', () => overview(article(), 1))
    .answer('claims.update', ({ fields }) => (stored = touched(stored, fields)));
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('the history log', () => {
  it('lists entries newest first by time, each with who and when, a merged change in its place', async () => {
    const { log } = await openHistory();
    const items = entries(log);
    expect(items).toHaveLength(5);
    const authors = items.map((item) => item.querySelector('.history-author')?.textContent);
    expect(authors).toEqual(['Dana Editor', 'Ana Checker', 'Dana Editor', 'Bo Merged', 'Ana Checker']);
    const times = items.map((item) => item.querySelector('time')?.getAttribute('dateTime'));
    expect(times).toEqual([...times].sort().reverse());
    expect(text(items[4]!)).toContain('Marked as Claim 7');
  });

  it('shows approvals in words and never the seal', async () => {
    const { log } = await openHistory();
    expect(text(log)).toContain('Approval withdrawn: changed after approval: verdict');
    expect(text(log)).toContain('Status: Approved → In review');
    expect(text(log)).toContain('Approved by Dana Editor');
    expect(log.textContent).not.toContain(SEAL);
    expect(log.textContent).not.toContain('Status: In review → Approved');
  });

  it('shortens long values and shows them whole on "Show all"', async () => {
    const { user, log } = await openHistory();
    const line = within(log).getByText('Rationale:').closest('li')!;
    expect(line.textContent).not.toContain(LONG);
    expect(text(line)).toContain('Rationale: empty → “The minister’s figure');
    const toggle = within(line).getByRole('button', { name: 'Show all' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(line.textContent).toContain(`“${LONG}”`);
    expect(within(line).getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  });
});

describe('Restore this value', () => {
  it('saves the old value through claims.update, with an undo step', async () => {
    const { user, log } = await openHistory();
    const line = within(log).getByText('Claimant:').closest('li')!;
    expect(text(line)).toContain('Claimant: “The minister” → “Minister of Labour”');
    const restore = within(line).getByRole('button', { name: 'Restore this value' });
    expect(restore.title).toBe('Set the claimant back to “The minister”');
    await user.click(restore);
    await waitFor(() =>
      expect(bridge.requests('claims.update')).toEqual([{ id: c7.id, fields: { claimant: 'The minister' } }]),
    );
    await waitFor(() => expect(useAppStore.getState().claims[0]?.claimant).toBe('The minister'));
    expect(useAppStore.getState().undoStack.at(-1)?.label).toBe('Restore claimant');
  });

  it('is offered only for claim fields whose old value differs from the claim now', async () => {
    const { log } = await openHistory();
    const verdictLine = within(log).getByText('Verdict:').closest('li')!;
    expect(text(verdictLine)).toContain('Verdict: True → False');
    expect(within(verdictLine).getByRole('button', { name: 'Restore this value' }).title).toBe('Set the verdict back to True');
    // The rationale was empty before; the status and the approval are not restored from here.
    expect(within(within(log).getByText('Rationale:').closest('li')!).queryByRole('button', { name: 'Restore this value' })).not.toBeNull();
    expect(within(within(log).getByText('Status:').closest('li')!).queryByRole('button', { name: 'Restore this value' })).toBeNull();
    expect(within(log).getAllByRole('button', { name: 'Restore this value' })).toHaveLength(3);
  });

  it('shows why a restore was refused', async () => {
    bridge.answer('claims.update', () =>
      refuse('second_pair_of_eyes', '“Second pair of eyes” is on for this project.', 'status'),
    );
    const { user, log } = await openHistory();
    const line = within(log).getByText('Verdict:').closest('li')!;
    await user.click(within(line).getByRole('button', { name: 'Restore this value' }));
    expect(text(await screen.findByRole('alert'))).toContain('“Second pair of eyes” is on for this project.');
  });
});
