// @vitest-environment jsdom
/**
 * The claims panel of the workbench: the list in reading order and its filters (text, verdict,
 * status), rendered in the article workspace that wires them, with the article from a fake bridge.
 */
import { bridge } from './fakeBridge';
import { answerNoEarlierChecks } from './checkedBeforeAnswers';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { ArticleWorkspace } from '../../../renderer/workbench/ArticleWorkspace';
import { article, ARTICLE_ID, claim, overview, PROJECT_ID, VERDICTS } from './fixtures';

const [TRUE, , FALSE] = VERDICTS;
const claims = [
  claim(1, 'unemployment fell by half', {
    claimant: 'The minister',
    verdictId: FALSE!.id,
    status: 'approved',
  }),
  claim(2, 'the figure ignores part-time work', {
    claimant: 'Critics',
    status: 'researching',
    rationale: 'The labour force survey counts part-time jobs.',
  }),
  claim(3, 'Exports doubled since 2020', {
    statement: 'Exports doubled between 2020 and 2024',
    verdictId: TRUE!.id,
    status: 'researching',
    tags: ['trade'],
  }),
  claim(4, 'according to the ministry', { anchorState: 'orphaned' }),
];

async function renderWorkspace() {
  const user = userEvent.setup();
  render(<ArticleWorkspace articleId={ARTICLE_ID} />);
  await screen.findByRole('list', { name: 'Claims' });
  return { user };
}

const listed = () =>
  within(screen.getByRole('list', { name: 'Claims' }))
    .queryAllByRole('button')
    .map((item) => /^Claim \d+/.exec(item.textContent ?? '')?.[0]);
const count = () =>
  within(screen.getByRole('search', { name: 'Filter claims' })).getByRole('status').textContent;

beforeEach(() => {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({
    current: overview(article(), claims.length),
    route: { kind: 'project', projectId: PROJECT_ID, articleId: ARTICLE_ID },
  });
  answerNoEarlierChecks(bridge);
  bridge
    .answer('workbench.loadArticle', () => ({
      article: article(),
      claims,
      sources: [],
      claimants: [],
      tags: [],
    }))
    .answer('settings.get', () => DEFAULT_SETTINGS)
    .answer('editorial.claimRecord', () => ({
      teamNotes: [],
      corrections: [],
      lastPublished: null,
      correctionRequired: false,
    }));
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('the claim list', () => {
  it('lists the anchored claims in reading order, numbered, with verdict and status; orphans apart', async () => {
    await renderWorkspace();
    expect(listed()).toEqual(['Claim 1', 'Claim 2', 'Claim 3']);
    expect(count()).toBe('3 claims');
    const first = within(screen.getByRole('list', { name: 'Claims' })).getAllByRole('button')[0]!;
    expect(first.textContent).toContain('unemployment fell by half');
    expect(first.textContent).toContain('False');
    expect(first.textContent).toContain('Approved');
    const third = within(screen.getByRole('list', { name: 'Claims' })).getAllByRole('button')[2]!;
    // The restated claim is shown, not the quote.
    expect(third.textContent).toContain('Exports doubled between 2020 and 2024');
    expect(
      within(screen.getByRole('list', { name: 'Needs re-anchoring' })).getAllByRole('listitem'),
    ).toHaveLength(1);
  });

  it('choosing a claim opens it in the editor', async () => {
    const { user } = await renderWorkspace();
    expect(screen.getByText('Choose a claim in the list or in the article.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Claim 2:/ }));
    expect(await screen.findByRole('heading', { name: 'Claim 2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Claim 2:/ }).getAttribute('aria-current')).toBe('true');
  });
});

describe('filtering the claims', () => {
  it('by text: quote, restated claim, claimant, rationale or tag, ignoring case', async () => {
    const { user } = await renderWorkspace();
    const text = screen.getByRole('searchbox', { name: 'Filter claims by text' });

    await user.type(text, 'MINISTER');
    await waitFor(() => expect(listed()).toEqual(['Claim 1']));
    expect(count()).toBe('1 of 3 claims');

    await user.clear(text);
    await user.type(text, 'trade');
    await waitFor(() => expect(listed()).toEqual(['Claim 3']));

    await user.clear(text);
    await user.type(text, 'Labour Force');
    await waitFor(() => expect(listed()).toEqual(['Claim 2']));

    await user.clear(text);
    await user.type(text, 'between 2020');
    await waitFor(() => expect(listed()).toEqual(['Claim 3']));

    await user.clear(text);
    await waitFor(() => expect(listed()).toEqual(['Claim 1', 'Claim 2', 'Claim 3']));
    expect(count()).toBe('3 claims');
  });

  it('by verdict, including "Not yet rated"', async () => {
    const { user } = await renderWorkspace();
    const verdict = screen.getByRole('combobox', { name: 'Filter by verdict' });
    expect(
      within(verdict)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All verdicts', 'Not yet rated', ...VERDICTS.map((candidate) => candidate.label)]);

    await user.selectOptions(verdict, 'False');
    await waitFor(() => expect(listed()).toEqual(['Claim 1']));
    await user.selectOptions(verdict, 'Not yet rated');
    await waitFor(() => expect(listed()).toEqual(['Claim 2']));
    await user.selectOptions(verdict, 'Misleading');
    await waitFor(() => expect(listed()).toEqual([]));
    expect(count()).toBe('0 of 3 claims');
    await user.selectOptions(verdict, 'All verdicts');
    await waitFor(() => expect(listed()).toHaveLength(3));
  });

  it('by status, and the filters combine', async () => {
    const { user } = await renderWorkspace();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by status' }), 'Researching');
    await waitFor(() => expect(listed()).toEqual(['Claim 2', 'Claim 3']));
    expect(count()).toBe('2 of 3 claims');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by verdict' }), 'True');
    await waitFor(() => expect(listed()).toEqual(['Claim 3']));
    await user.type(screen.getByRole('searchbox', { name: 'Filter claims by text' }), 'critics');
    await waitFor(() => expect(listed()).toEqual([]));
    expect(count()).toBe('0 of 3 claims');
  });

  it('"/" puts the caret in the text filter', async () => {
    const { user } = await renderWorkspace();
    await user.click(screen.getByRole('heading', { name: 'Claims' }));
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Filter claims by text' }));
  });
});
