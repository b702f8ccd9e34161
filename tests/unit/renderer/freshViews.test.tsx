// @vitest-environment jsdom
/**
 * The workbench after an import or restore changed the open project (main sends `library.changed`):
 * the claims list and the open claim editor follow without a reload, a field the person is typing
 * in keeps their text, the team notes are read again, and a claim that is gone closes its editor.
 */
import { bridge } from './fakeBridge';
import { answerNoEarlierChecks } from './checkedBeforeAnswers';
import './domShims';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRecord } from '../../../shared/api/contract.editorial';
import { DEFAULT_SETTINGS, type Claim } from '../../../shared/domain';
import { watchLibraryChanges } from '../../../renderer/store/libraryEvents';
import { ArticleWorkspace } from '../../../renderer/workbench/ArticleWorkspace';
import { article, ARTICLE_ID, claim, id, overview, PROJECT_ID, projectSummary, touched } from './fixtures';
import { libraryChanged, loadedArticle, openArticleRoute, store, updateHeldClaim } from './workbenchSetup';

const c1 = claim(1, 'unemployment fell by half', { claimant: 'The minister' });
const c2 = claim(2, 'Exports doubled since 2020', { claimant: 'Ministry' });

let claims: Map<string, Claim>;
let record: ClaimRecord;
let stopWatching: () => void;

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const listItem = (number: number) =>
  within(screen.getByRole('list', { name: 'Claims' })).getByRole('button', {
    name: new RegExp(`^Claim ${number}:`),
  });

async function openClaim(number: number) {
  const user = userEvent.setup();
  render(<ArticleWorkspace articleId={ARTICLE_ID} />);
  await screen.findByRole('list', { name: 'Claims' });
  await user.click(listItem(number));
  await screen.findByRole('heading', { name: `Claim ${number}` });
  await screen.findByText('No notes yet.');
  return user;
}

beforeEach(() => {
  openArticleRoute(overview(article(), 2));
  claims = new Map([c1, c2].map((each) => [each.id, each]));
  record = { teamNotes: [], corrections: [], lastPublished: null, correctionRequired: false };
  answerNoEarlierChecks(bridge);
  bridge
    .answer('workbench.loadArticle', () => loadedArticle({ claims: claims.values() }))
    .answer('projects.get', () => overview(article(), claims.size))
    .answer('projects.list', () => [projectSummary(1, 'Budget check', { id: PROJECT_ID })])
    .answer('settings.get', () => DEFAULT_SETTINGS)
    .answer('editorial.claimRecord', () => record)
    .answer('claims.update', ({ id: claimId, fields }) => updateHeldClaim(claims, claimId, fields));
  stopWatching = watchLibraryChanges();
});

afterEach(() => {
  stopWatching();
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('the workbench after a background change', () => {
  it('the list and the open editor follow; the field being typed in keeps its text and saves it', async () => {
    const user = await openClaim(1);
    await user.click(field('Rationale'));
    await user.keyboard('Typing right now');

    // An import changes claim 1's claimant and rationale and brings a team note.
    claims.set(
      c1.id,
      touched(claims.get(c1.id)!, { claimant: 'The prime minister', rationale: 'From the file' }),
    );
    record = {
      ...record,
      teamNotes: [
        {
          id: id(600),
          projectId: PROJECT_ID,
          claimId: c1.id,
          author: 'Ben',
          text: 'Checked the archive.',
          createdAt: '2024-06-01T10:00:00.000Z',
        },
      ],
    };
    await libraryChanged();

    await waitFor(() => expect(field('Claimant').value).toBe('The prime minister'));
    expect(listItem(1).textContent).toContain('The prime minister');
    expect(screen.getByRole('heading', { name: 'Claim 1' })).toBeTruthy();
    expect(field('Rationale').value).toBe('Typing right now');
    expect(await screen.findByText('Checked the archive.')).toBeTruthy();

    // The person's typing is saved as it stands, over the file's value for that one field.
    await waitFor(() =>
      expect(bridge.requests('claims.update')).toEqual([
        { id: c1.id, fields: { rationale: 'Typing right now' } },
      ]),
    );
    expect(claims.get(c1.id)).toMatchObject({
      claimant: 'The prime minister',
      rationale: 'Typing right now',
    });
  });

  it('a field that is not being typed in takes the new value even while it has focus', async () => {
    const user = await openClaim(2);
    await user.click(field('Claimant'));
    claims.set(c2.id, touched(c2, { claimant: 'Statistics office' }));
    await libraryChanged();
    await waitFor(() => expect(field('Claimant').value).toBe('Statistics office'));
    expect(bridge.requests('claims.update')).toEqual([]);
  });

  it('the open claim removed: its editor closes with a notice', async () => {
    await openClaim(2);
    claims.delete(c2.id);
    await libraryChanged();
    await screen.findByText('Choose a claim in the list or in the article.');
    expect(screen.queryByRole('heading', { name: 'Claim 2' })).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Claims' })).getAllByRole('button')).toHaveLength(1);
    expect(store().notices.map((notice) => notice.message)).toContain(
      'Claim 2 is no longer in the project (import or restore); its editor was closed.',
    );
  });
});
