// @vitest-environment jsdom
/**
 * Editorial integrity in the workbench, as a fact-checker meets it: approving (and being asked for
 * a name first), the approval withdrawn by a later change, the team's notes, correction notes on a
 * published claim, claimant types remembered by name, assignees, and quotes changed by a text edit.
 * The article workspace is rendered whole, with main played by a fake bridge.
 */
import { bridge, refuse } from './fakeBridge';
import { answerNoEarlierChecks } from './checkedBeforeAnswers';
import './domShims';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnchor } from '../../../shared/anchoring';
import type { ClaimRecord } from '../../../shared/api/contract.editorial';
import { DEFAULT_SETTINGS, type Claim, type TeamNote } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { formatDate } from '../../../renderer/format/dates';
import { ArticleWorkspace } from '../../../renderer/workbench/ArticleWorkspace';
import { article, ARTICLE_ID, ARTICLE_TEXT, claim, id, overview, PROJECT_ID, source, touched, VERDICTS } from './fixtures';
import { loadedArticle, openArticleRoute } from './workbenchSetup';

let stored: Claim[];
let authorName: string;
let record: ClaimRecord;

const NO_RECORD: ClaimRecord = {
  teamNotes: [],
  corrections: [],
  lastPublished: null,
  correctionRequired: false,
};
const APPROVED_AT = '2025-05-03T09:30:00.000Z';

/** Claim 7 (the first stored) as main holds it once Ana Checker approved it. */
const approveFirstClaim = () => {
  stored[0] = {
    ...stored[0]!,
    status: 'approved',
    approval: { by: 'Ana Checker', at: APPROVED_AT, seal: 'b'.repeat(64) },
  };
};
const find = (claimId: string) => stored.find((candidate) => candidate.id === claimId)!;
const replace = (next: Claim) => {
  stored = stored.map((candidate) => (candidate.id === next.id ? next : candidate));
  return next;
};

async function renderWorkspace() {
  const user = userEvent.setup();
  render(<ArticleWorkspace articleId={ARTICLE_ID} />);
  await screen.findByRole('list', { name: 'Claims' });
  return { user };
}

async function openClaim(user: ReturnType<typeof userEvent.setup>, number: number) {
  await user.click(screen.getByRole('button', { name: new RegExp(`^Claim ${number}:`) }));
  const heading = await screen.findByRole('heading', { name: `Claim ${number}` });
  return heading.closest('section')!;
}

const listed = () =>
  within(screen.getByRole('list', { name: 'Claims' }))
    .queryAllByRole('button')
    .map((item) => /^Claim \d+/.exec(item.textContent ?? '')?.[0]);

beforeEach(() => {
  stored = [
    claim(7, 'unemployment fell by half', { claimant: 'The minister', verdictId: VERDICTS[2]!.id }),
    claim(3, 'the figure ignores part-time work', { claimant: 'Critics' }),
  ];
  authorName = 'Ana Checker';
  record = NO_RECORD;
  openArticleRoute(overview(article(), stored.length));
  answerNoEarlierChecks(bridge);
  bridge
    .answer('workbench.loadArticle', () => loadedArticle({ claims: stored, claimants: ['Critics', 'The minister'] }))
    .answer('projects.get', () => overview(article(), stored.length))
    .answer('settings.get', () => ({ ...DEFAULT_SETTINGS, authorName }))
    .answer('settings.update', (fields) => {
      authorName = fields.authorName ?? authorName;
      return { ...DEFAULT_SETTINGS, authorName };
    })
    .answer('editorial.claimRecord', () => record)
    .answer('editorial.claimantType', () => '')
    .answer('claims.update', ({ id: claimId, fields }) => {
      const before = find(claimId);
      if (fields?.status === 'approved' && before.status !== 'approved') {
        if (!authorName)
          refuse(
            'author_required',
            'Approving records who approved: add your name in Settings first.',
            'authorName',
          );
        return replace(
          touched(before, { ...fields, approval: { by: authorName, at: APPROVED_AT, seal: 'a'.repeat(64) } }),
        );
      }
      // main withdraws an approval when something published changes.
      const withdrawn =
        before.status === 'approved' && fields?.verdictId !== undefined && fields.status === undefined;
      return replace(
        touched(
          before,
          withdrawn ? { ...fields, status: 'in_review', approval: { by: '', at: '', seal: '' } } : fields,
        ),
      );
    });
});

afterEach(() => {
  cleanup();
  expect(bridge.unanswered).toEqual([]);
});

describe('claims are named by their stable number', () => {
  it('in the list and the editor heading, whatever their place in the text', async () => {
    const { user } = await renderWorkspace();
    expect(listed()).toEqual(['Claim 7', 'Claim 3']);
    await openClaim(user, 3);
    expect(screen.getByRole('heading', { name: 'Claim 3' })).toBeTruthy();
  });
});

describe('approving', () => {
  it('without a name in Settings asks for it, saves it, then approves', async () => {
    authorName = '';
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Status' }), 'Approved');

    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByRole('textbox', { name: 'Your name' });
    await user.click(within(dialog).getByRole('button', { name: 'Save name and approve' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('Type your name');
    expect(bridge.requests('settings.update')).toEqual([]);

    await user.type(name, 'Bea Editor');
    await user.click(within(dialog).getByRole('button', { name: 'Save name and approve' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.requests('settings.update')).toEqual([{ authorName: 'Bea Editor' }]);
    expect(bridge.requests('claims.update')).toEqual([
      { id: stored[0]!.id, fields: { status: 'approved' } },
      { id: stored[0]!.id, fields: { status: 'approved' } },
    ]);
    expect(await within(editor).findByText(/^Approved by Bea Editor on /)).toBeTruthy();
    expect(within(editor).getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'approved');
  });

  it('Cancel in the name prompt leaves the status as it was', async () => {
    authorName = '';
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Status' }), 'Approved');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(editor).getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'unchecked');
    expect(find(stored[0]!.id).status).toBe('unchecked');
  });

  it('shows who approved and when', async () => {
    approveFirstClaim();
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    // The app's one date format (renderer/format/dates.ts), "System" by default.
    const day = formatDate(APPROVED_AT);
    expect(within(editor).getByText(`Approved by Ana Checker on ${day}`)).toBeTruthy();
  });

  it('a refusal of the approval rule is shown beside the status, which stays as it was', async () => {
    bridge.answer('claims.update', () =>
      refuse(
        'second_pair_of_eyes',
        '“Second pair of eyes” is on for this project: Ana Checker last changed this verdict, so someone else must approve Claim 7.',
        'status',
      ),
    );
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    const status = within(editor).getByRole('combobox', { name: 'Status' });
    await user.selectOptions(status, 'Approved');
    const alert = await within(editor).findByRole('alert');
    expect(alert.textContent).toContain('someone else must approve Claim 7');
    expect(status).toHaveProperty('value', 'unchecked');
    expect(status.getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a change to an approved claim that returns it to review says so', async () => {
    approveFirstClaim();
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    await user.selectOptions(within(editor).getByRole('combobox', { name: 'Verdict' }), 'True');
    expect(
      await within(editor).findByText('Claim 7 was approved; this change returned it to In review.'),
    ).toBeTruthy();
    expect(
      within(editor)
        .getByText('Claim 7 was approved; this change returned it to In review.')
        .closest('[role="status"]'),
    ).toBeTruthy();
    expect(within(editor).getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'in_review');
    expect(within(editor).queryByText(/^Approved by/)).toBeNull();
  });

  it('finds the withdrawn approval when claims.update answered the claim as it was before main settled it', async () => {
    approveFirstClaim();
    bridge.answer('claims.update', ({ id: claimId, fields }) => {
      const answered = touched(find(claimId), fields);
      replace({ ...answered, status: 'in_review', approval: { by: '', at: '', seal: '' } });
      return answered;
    });
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    await user.type(within(editor).getByRole('textbox', { name: 'Rationale' }), 'Revised.');
    await user.tab();
    expect(
      await within(editor).findByText('Claim 7 was approved; this change returned it to In review.'),
    ).toBeTruthy();
    expect(within(editor).getByRole('combobox', { name: 'Status' })).toHaveProperty('value', 'in_review');
  });

  it('finds the withdrawn approval when main answers before it settles (a source, say)', async () => {
    approveFirstClaim();
    bridge.answer('sources.create', ({ claimId }) => {
      replace({ ...find(claimId), status: 'in_review', approval: { by: '', at: '', seal: '' } });
      return source(1, claimId, { accessedDate: '2025-05-03', createdAt: APPROVED_AT, updatedAt: APPROVED_AT });
    });
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    await user.click(within(editor).getByRole('button', { name: 'Add source' }));
    expect(
      await within(editor).findByText('Claim 7 was approved; this change returned it to In review.'),
    ).toBeTruthy();
    expect(useAppStore.getState().claims.find((candidate) => candidate.number === 7)!.status).toBe(
      'in_review',
    );
  });
});

describe('team notes', () => {
  it('lists the thread and posts a new note; an empty note is not sent', async () => {
    const earlier: TeamNote = {
      id: id(601),
      projectId: PROJECT_ID,
      claimId: stored[0]!.id,
      author: 'Ben Researcher',
      text: 'The ministry’s figure is seasonally adjusted.',
      createdAt: '2025-05-02T08:00:00.000Z',
    };
    record = { ...NO_RECORD, teamNotes: [earlier] };
    bridge.answer('editorial.addTeamNote', ({ claimId, text }) => ({
      id: id(602),
      projectId: PROJECT_ID,
      claimId,
      author: 'Ana Checker',
      text,
      createdAt: new Date().toISOString(),
    }));
    const { user } = await renderWorkspace();
    await openClaim(user, 7);
    const notes = screen.getByRole('region', { name: 'Team notes' });
    expect(await within(notes).findByText('The ministry’s figure is seasonally adjusted.')).toBeTruthy();
    expect(within(notes).getByText('Ben Researcher')).toBeTruthy();

    await user.click(within(notes).getByRole('button', { name: 'Post note' }));
    expect(within(notes).getByRole('alert').textContent).toBe('Write something before posting the note.');
    expect(bridge.requests('editorial.addTeamNote')).toEqual([]);

    await user.type(
      within(notes).getByRole('textbox', { name: 'New team note' }),
      'Asked the statistics office.',
    );
    await user.click(within(notes).getByRole('button', { name: 'Post note' }));
    expect(await within(notes).findByText('Asked the statistics office.')).toBeTruthy();
    expect(bridge.requests('editorial.addTeamNote')).toEqual([
      { claimId: stored[0]!.id, text: 'Asked the statistics office.' },
    ]);
    expect(within(notes).getByRole('textbox', { name: 'New team note' })).toHaveProperty('value', '');
    expect(within(notes).queryByRole('alert')).toBeNull();
  });
  it('a note posted while the thread is still being read shows once the thread is read again', async () => {
    const posted: TeamNote = {
      id: id(603),
      projectId: PROJECT_ID,
      claimId: stored[0]!.id,
      author: 'Ana Checker',
      text: 'Posted before the thread arrived.',
      createdAt: '2025-05-03T08:00:00.000Z',
    };
    // The first read was taken before the note was written, and answers only after the post.
    let answerFirstRead: (value: typeof record) => void = () => undefined;
    let reads = 0;
    bridge.answer('editorial.claimRecord', () => {
      reads += 1;
      if (reads === 1) return new Promise<typeof record>((resolve) => (answerFirstRead = resolve));
      return { ...NO_RECORD, teamNotes: [posted] };
    });
    bridge.answer('editorial.addTeamNote', () => posted);
    const { user } = await renderWorkspace();
    await openClaim(user, 7);
    const notes = screen.getByRole('region', { name: 'Team notes' });
    await waitFor(() => expect(reads).toBe(1));
    await user.type(within(notes).getByRole('textbox', { name: 'New team note' }), posted.text);
    await user.click(within(notes).getByRole('button', { name: 'Post note' }));
    await waitFor(() => expect(bridge.requests('editorial.addTeamNote')).toHaveLength(1));
    answerFirstRead(NO_RECORD);
    expect(await within(notes).findByText(posted.text)).toBeTruthy();
    expect(within(notes).queryByText('No notes yet.')).toBeNull();
  });
});

describe('corrections', () => {
  it('a published claim that changed asks for a correction or update note, and lists the ones added', async () => {
    record = {
      ...NO_RECORD,
      lastPublished: { publicationId: id(700), publishedAt: '2025-04-20T12:00:00.000Z' },
      correctionRequired: true,
    };
    bridge.answer('editorial.addCorrection', ({ claimId, kind, text }) => {
      const note = {
        id: id(701),
        projectId: PROJECT_ID,
        claimId,
        kind,
        text,
        author: 'Ana Checker',
        createdAt: new Date().toISOString(),
      };
      record = { ...record, corrections: [note], correctionRequired: false };
      return note;
    });
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    const day = formatDate('2025-04-20T12:00:00.000Z');
    expect(
      await within(editor).findByText(
        `This claim was published on ${day} and has changed since: add a correction or update note before approving it again.`,
      ),
    ).toBeTruthy();
    await user.click(within(editor).getByRole('radio', { name: 'Update' }));
    await user.type(
      within(editor).getByRole('textbox', { name: 'Correction note' }),
      'The verdict now reflects the revised figures.',
    );
    await user.click(within(editor).getByRole('button', { name: /^Add .*note$/ }));
    await waitFor(() =>
      expect(within(editor).queryByRole('textbox', { name: 'Correction note' })).toBeNull(),
    );
    expect(bridge.requests('editorial.addCorrection')).toEqual([
      { claimId: stored[0]!.id, kind: 'update', text: 'The verdict now reflects the revised figures.' },
    ]);
    const list = within(editor).getByRole('region', { name: 'Corrections and updates' });
    expect(within(list).getByText('The verdict now reflects the revised figures.')).toBeTruthy();
  });
});

describe('claimant type and assignee', () => {
  it('a new claimant takes the type chosen for that name before, in the same save', async () => {
    bridge.answer('editorial.claimantType', ({ name }) =>
      name === 'Ministry of Finance' ? 'Organization' : '',
    );
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 3);
    const type = within(editor).getByRole('combobox', { name: 'Claimant type' });
    expect(
      within(type)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Not set', 'Person', 'Organization']);
    const claimant = within(editor).getByRole('combobox', { name: 'Claimant' });
    await user.clear(claimant);
    await user.type(claimant, 'Ministry of Finance');
    await user.tab();
    await waitFor(() => expect(type).toHaveProperty('value', 'Organization'));
    expect(bridge.requests('claims.update').at(-1)).toEqual({
      id: stored[1]!.id,
      fields: { claimant: 'Ministry of Finance', claimantType: 'Organization' },
    });
    expect(bridge.requests('editorial.claimantType').at(-1)).toEqual({ name: 'Ministry of Finance' });
  });

  it('a claimant type already chosen is left alone', async () => {
    stored[1] = { ...stored[1]!, claimantType: 'Person' };
    bridge.answer('editorial.claimantType', () => 'Organization');
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 3);
    const claimant = within(editor).getByRole('combobox', { name: 'Claimant' });
    await user.clear(claimant);
    await user.type(claimant, 'Ministry of Finance');
    await user.tab();
    await waitFor(() =>
      expect(bridge.requests('claims.update').at(-1)).toEqual({
        id: stored[1]!.id,
        fields: { claimant: 'Ministry of Finance' },
      }),
    );
    expect(bridge.requests('editorial.claimantType')).toEqual([]);
    expect(within(editor).getByRole('combobox', { name: 'Claimant type' })).toHaveProperty('value', 'Person');
  });

  it('the assignee saves itself, and the list filters by assignee, "Assigned to me" by the name in Settings', async () => {
    stored.push(claim(9, 'Exports doubled since 2020', { assignee: 'Ben Researcher' }));
    const { user } = await renderWorkspace();
    const editor = await openClaim(user, 7);
    const assignee = within(editor).getByRole('combobox', { name: 'Assignee' });
    await user.type(assignee, 'Ana Checker');
    await user.tab();
    await waitFor(() =>
      expect(bridge.requests('claims.update').at(-1)).toEqual({
        id: stored[0]!.id,
        fields: { assignee: 'Ana Checker' },
      }),
    );

    const filter = screen.getByRole('combobox', { name: 'Filter by assignee' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Anyone', 'Assigned to me', 'Unassigned', 'Ben Researcher']);
    await user.selectOptions(filter, 'Assigned to me');
    await waitFor(() => expect(listed()).toEqual(['Claim 7']));
    await user.selectOptions(filter, 'Ben Researcher');
    await waitFor(() => expect(listed()).toEqual(['Claim 9']));
    await user.selectOptions(filter, 'Unassigned');
    await waitFor(() => expect(listed()).toEqual(['Claim 3']));
    await user.selectOptions(filter, 'Anyone');
    await waitFor(() => expect(listed()).toEqual(['Claim 7', 'Claim 3', 'Claim 9']));
  });
});

describe('quote changed by a text edit', () => {
  const edited = 'unemployment fell by half';
  beforeEach(() => {
    stored[0] = {
      ...stored[0]!,
      quoteChangedFrom: 'unemployment fell by a half',
      statement: 'unemployment fell by a half',
    };
  });

  it('is listed with the old and the new quote; "Keep new quote" settles it and offers the quote as the statement', async () => {
    bridge.answer('editorial.keepNewQuote', ({ claimId }) =>
      replace(touched(find(claimId), { quoteChangedFrom: '' })),
    );
    const { user } = await renderWorkspace();
    const section = screen.getByRole('region', { name: 'Quote changed' });
    const item = within(section).getByRole('group', { name: 'Claim 7' });
    expect(item.textContent).toContain('unemployment fell by a half');
    expect(item.textContent).toContain(edited);
    expect(within(item).getByText('a', { selector: 'del' })).toBeTruthy();
    // Not a status, and not "Needs re-anchoring".
    expect(screen.queryByRole('list', { name: 'Needs re-anchoring' })).toBeNull();
    expect(listed()).toEqual(['Claim 7', 'Claim 3']);

    await user.click(within(item).getByRole('button', { name: 'Keep new quote' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Quote changed' })).toBeNull());
    expect(bridge.requests('editorial.keepNewQuote')).toEqual([{ claimId: stored[0]!.id }]);

    // The statement still read as the old quote: the editor offers the new one.
    await openClaim(user, 7);
    await user.click(screen.getByRole('button', { name: 'Update statement' }));
    await waitFor(() =>
      expect(bridge.requests('claims.update').at(-1)).toEqual({
        id: stored[0]!.id,
        fields: { statement: edited },
      }),
    );
    expect(screen.queryByText('Update the statement to the new quote?')).toBeNull();
  });

  it('"Select quote again" starts selecting a new span for that claim', async () => {
    const { user } = await renderWorkspace();
    const item = within(screen.getByRole('region', { name: 'Quote changed' })).getByRole('group', {
      name: 'Claim 7',
    });
    await user.click(within(item).getByRole('button', { name: 'Select quote again' }));
    expect(useAppStore.getState().anchorMode).toEqual({ kind: 'adjust', claimId: stored[0]!.id });
    expect(screen.getByText(/Select the new text for Claim 7/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel re-anchoring' })).toBeTruthy();
  });
});

describe('adjusting a span', () => {
  it('offers the new quote as the statement when the statement was the old quote', async () => {
    bridge.answer('claims.update', ({ id: claimId, fields, anchor }) =>
      replace(
        touched(find(claimId), { ...(fields ?? {}), ...(anchor ? { anchor, quoteChangedFrom: '' } : {}) }),
      ),
    );
    const { user } = await renderWorkspace();
    await openClaim(user, 7);
    const start = ARTICLE_TEXT.indexOf('unemployment fell by half last year');
    await act(() =>
      useAppStore
        .getState()
        .setClaimSpan(stored[0]!.id, start, start + 'unemployment fell by half last year'.length),
    );
    expect(await screen.findByText('Update the statement to the new quote?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Update statement' }));
    await waitFor(() =>
      expect(bridge.requests('claims.update').at(-1)).toEqual({
        id: stored[0]!.id,
        fields: { statement: 'unemployment fell by half last year' },
      }),
    );
  });

  it('says nothing when the statement was restated', async () => {
    stored[0] = { ...stored[0]!, statement: 'Unemployment halved in 2023' };
    bridge.answer('claims.update', ({ id: claimId, anchor }) =>
      replace(touched(find(claimId), anchor ? { anchor } : {})),
    );
    const { user } = await renderWorkspace();
    await openClaim(user, 7);
    const start = ARTICLE_TEXT.indexOf('unemployment fell by half last year');
    const anchor = createAnchor(ARTICLE_TEXT, start, start + 35);
    await act(() => useAppStore.getState().setClaimSpan(stored[0]!.id, anchor.start, anchor.end));
    expect(screen.queryByText('Update the statement to the new quote?')).toBeNull();
  });
});
