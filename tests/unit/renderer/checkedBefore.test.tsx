// @vitest-environment jsdom
/**
 * The "Checked before" panel as a fact-checker uses it, against the fake bridge: it asks for earlier
 * checks when a claim is open (quietly while it looks), lists them with verdict, status and why,
 * links one as the same claim (listed under "Previously checked", with Unlink), copies one in as a
 * starting point in one undo step, and shows errors instead of throwing.
 */
import { bridge, refuse } from './fakeBridge';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimLink, ClaimLinks } from '../../../shared/api/contract.claimLinks';
import type { EarlierCheck } from '../../../shared/api/contract.matching';
import { DEFAULT_SETTINGS, type Claim, type Source } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { CheckedBefore } from '../../../renderer/workbench/CheckedBefore';
import { article, ARTICLE_ID, claim, id, overview, source, touched, VERDICTS } from './fixtures';

const c1 = claim(1, 'unemployment fell by half', { rationale: 'Our notes.' });
let stored: Claim;
let links: ClaimLinks;

const earlierClaim: EarlierCheck = {
  kind: 'claim',
  claimId: id(900),
  projectId: id(901),
  projectTitle: 'Jobs report 2023',
  number: 7,
  statement: 'Unemployment fell by half last year',
  verdict: { label: 'False', color: '#cf222e' },
  status: 'approved',
  date: '2023-05-02T10:00:00.000Z',
  why: ['unemployment', 'fell by half'],
  score: 3,
};
const earlierReference: EarlierCheck = {
  kind: 'reference',
  referenceId: id(902),
  collectionName: 'ClaimReview feed',
  claimText: 'Unemployment was halved',
  title: 'No, unemployment did not halve',
  publisher: 'PolitiFact',
  rating: 'False',
  url: 'https://www.politifact.com/halved',
  reviewDate: '2024-05-02',
  language: 'en',
  why: ['unemployment'],
  score: 2,
};

function Panel() {
  const current = useAppStore((state) => state.claims.find((candidate) => candidate.id === c1.id));
  return current ? <CheckedBefore claim={current} /> : null;
}

async function renderPanel() {
  await useAppStore.getState().loadArticle(ARTICLE_ID);
  bridge.calls.length = 0;
  render(<Panel />);
  return userEvent.setup();
}

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ current: overview() });
  stored = c1;
  links = { links: [], linkedFrom: [] };
  bridge
    .answer('workbench.loadArticle', () => ({ article: article(), claims: [stored], sources: [], claimants: [], tags: [] }))
    .answer('projects.get', () => overview())
    .answer('settings.get', () => ({ ...DEFAULT_SETTINGS, authorName: 'Ana Checker' }))
    .answer('claimLinks.list', () => links)
    .answer('matching.checkedBefore', () => ({ items: [earlierClaim, earlierReference] }));
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('Checked before', () => {
  it('asks for the open claim, says it is looking, then lists each check with verdict, status and why', async () => {
    let answer!: (value: { items: EarlierCheck[] }) => void;
    bridge.answer('matching.checkedBefore', () => new Promise((resolve) => (answer = resolve)));
    await renderPanel();
    const region = screen.getByRole('region', { name: 'Checked before' });
    expect(within(region).getByText('Looking for earlier checks…')).toBeTruthy();
    await waitFor(() => expect(bridge.requests('matching.checkedBefore')).toEqual([{ claimId: c1.id, limit: 5 }]));
    answer({ items: [earlierClaim, earlierReference] });

    const list = await within(region).findByRole('list', { name: 'Earlier checks' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first!.textContent).toContain('Jobs report 2023 · Claim 7');
    expect(first!.textContent).toContain('Unemployment fell by half last year');
    expect(first!.textContent).toContain('False');
    expect(first!.textContent).toContain('Approved');
    expect(first!.textContent).toContain('Shared: unemployment, fell by half');
    expect(second!.textContent).toContain('PolitiFact · False · 2024-05-02');
    const link = within(second!).getByRole('link', { name: 'No, unemployment did not halve' });
    expect(link.getAttribute('href')).toBe('https://www.politifact.com/halved');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.queryByText('Looking for earlier checks…')).toBeNull();
  });

  it('says so when there is nothing, and shows a failure instead of throwing', async () => {
    bridge.answer('matching.checkedBefore', () => ({ items: [] }));
    await renderPanel();
    expect(await screen.findByText('No earlier checks found.')).toBeTruthy();
    cleanup();
    bridge.answer('matching.checkedBefore', () => refuse('internal', 'The search index is damaged.'));
    await renderPanel();
    expect((await screen.findByRole('alert')).textContent).toBe('The search index is damaged.');
  });

  it('never shows a link that is not http(s)', async () => {
    bridge.answer('matching.checkedBefore', () => ({ items: [{ ...earlierReference, url: 'javascript:alert(1)' }] }));
    await renderPanel();
    await screen.findByRole('list', { name: 'Earlier checks' });
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('"Same claim" links the check; it is listed under "Previously checked" and can be unlinked', async () => {
    const made: ClaimLink = {
      id: id(950),
      projectId: c1.projectId,
      claimId: c1.id,
      targetKind: 'claim',
      targetId: earlierClaim.kind === 'claim' ? earlierClaim.claimId : '',
      publisher: 'Jobs report 2023',
      date: '2023-05-02',
      rating: 'False',
      url: '',
      statement: 'Unemployment fell by half last year',
      linkedBy: 'Ana Checker',
      linkedAt: new Date().toISOString(),
    };
    bridge
      .answer('claimLinks.add', () => {
        links = { links: [made], linkedFrom: [] };
        return made;
      })
      .answer('claimLinks.remove', () => {
        links = { links: [], linkedFrom: [] };
        return null;
      });
    const user = await renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Same claim as Claim 7 of Jobs report 2023' }));
    expect(bridge.requests('claimLinks.add')).toEqual([{ claimId: c1.id, target: { kind: 'claim', id: id(900) } }]);
    const previously = await screen.findByRole('region', { name: 'Previously checked' });
    expect(within(previously).getByText('Jobs report 2023, 2023-05-02, False')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Linked as the same claim: Claim 7 of Jobs report 2023' })).toHaveProperty('disabled', true);

    await user.click(within(previously).getByRole('button', { name: 'Unlink Jobs report 2023, 2023-05-02, False' }));
    expect(bridge.requests('claimLinks.remove')).toEqual([{ id: id(950) }]);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Previously checked' })).toBeNull());
  });

  it('shows who links to this claim', async () => {
    links = { links: [], linkedFrom: [{ linkId: id(960), claimId: id(961), projectId: id(962), projectTitle: 'Budget 2025', number: 4, statement: '' }] };
    await renderPanel();
    const previously = await screen.findByRole('region', { name: 'Previously checked' });
    expect(within(previously).getByText('Linked from Claim 4 of Budget 2025')).toBeTruthy();
  });

  it('"Use as starting point" copies in one undo step: undo removes the sources and restores the fields', async () => {
    const copied: Source = source(1, c1.id, { url: 'https://www.politifact.com/halved', title: 'No, unemployment did not halve', publisher: 'PolitiFact', position: 0 });
    bridge
      .answer('claimLinks.startFrom', () => {
        stored = touched(stored, { verdictId: VERDICTS[2]!.id, rationale: 'Our notes.\n\nRated “False” by PolitiFact on 2024-05-02' });
        return { claim: stored, before: { verdictId: null, rationale: 'Our notes.' }, sources: [copied], notices: [] };
      })
      .answer('sources.delete', () => null)
      .answer('claims.update', ({ fields }) => (stored = touched(stored, fields)));
    const user = await renderPanel();
    await user.click(
      await screen.findByRole('button', { name: 'Use PolitiFact: “No, unemployment did not halve” as starting point' }),
    );
    expect(bridge.requests('claimLinks.startFrom')).toEqual([{ claimId: c1.id, target: { kind: 'reference', id: id(902) } }]);
    expect((await screen.findByRole('status')).textContent).toContain('Copied from PolitiFact');
    expect(useAppStore.getState().sourcesByClaim[c1.id]?.map((item) => item.id)).toEqual([copied.id]);
    expect(useAppStore.getState().undoStack.map((entry) => entry.label)).toEqual(['Use as starting point']);

    await useAppStore.getState().undo();
    expect(bridge.requests('sources.delete')).toEqual([{ id: copied.id }]);
    expect(bridge.requests('claims.update')).toEqual([{ id: c1.id, fields: { verdictId: null, rationale: 'Our notes.' } }]);
    expect(useAppStore.getState().sourcesByClaim[c1.id]).toEqual([]);
    expect(useAppStore.getState().undoStack).toEqual([]);
    expect(useAppStore.getState().redoStack.map((entry) => entry.label)).toEqual(['Use as starting point']);
  });
});
