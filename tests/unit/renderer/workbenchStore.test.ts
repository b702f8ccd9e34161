// @vitest-environment jsdom
/**
 * The workbench store against a fake bridge (the renderer's network boundary): what each action
 * asks of main, how the store applies main's answers, and undo/redo end to end.
 */
import { bridge, refuse } from './fakeBridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeletedRecords } from '../../../shared/api/contract.workbench';
import { createAnchor } from '../../../shared/anchoring';
import type { Claim, Source } from '../../../shared/domain';
import { ApiCallError } from '../../../renderer/api';
import { article, ARTICLE_ID, ARTICLE_TEXT, claim, id, overview, PROJECT_ID, source, touched, VERDICTS } from './fixtures';
import { loadedArticle, loadOpenArticle, openArticleRoute, store, undoLabels, updateHeldClaim } from './workbenchSetup';

const c1 = claim(1, 'unemployment fell by half', { claimant: 'The minister' });
const c2 = claim(2, 'Exports doubled since 2020', { tags: ['economy'] });
const s1 = source(1, c1.id, { url: 'https://example.org/stats' });

/** What main holds, as far as these tests need it: the answers below read and write it. */
let claims: Map<string, Claim>;
let sources: Map<string, Source>;
let text: string;

const redoLabels = () => store().redoStack.map((entry) => entry.label);
const messages = () => store().notices.map((notice) => `${notice.kind}: ${notice.message}`);
const claimIds = () => store().claims.map((record) => record.id);

function answerAsMain() {
  bridge
    .answer('workbench.loadArticle', ({ id: articleId }) => {
      if (articleId !== ARTICLE_ID) refuse('not_found', 'That article no longer exists.');
      return loadedArticle({
        text,
        claims: claims.values(),
        sources: sources.values(),
        claimants: ['The minister'],
        tags: ['economy'],
      });
    })
    .answer('projects.get', () => overview(article({ text }), claims.size))
    .answer('claims.create', ({ anchor }) => {
      const created = claim(9, anchor.exact, { id: id(109) });
      claims.set(created.id, created);
      return created;
    })
    .answer('claims.update', ({ id: claimId, fields, anchor }) =>
      updateHeldClaim(claims, claimId, { ...fields, ...(anchor ? { anchor, anchorState: 'anchored' as const } : {}) }),
    )
    .answer('workbench.deleteClaims', ({ ids }) => {
      const gone: DeletedRecords = {
        article: null,
        claims: ids.map((claimId) => claims.get(claimId)!),
        sources: [...sources.values()].filter((record) => ids.includes(record.claimId)),
      };
      for (const record of gone.claims) claims.delete(record.id);
      for (const record of gone.sources) sources.delete(record.id);
      return gone;
    })
    .answer('workbench.deleteArticle', () => {
      const gone: DeletedRecords = {
        article: article({ text }),
        claims: [...claims.values()],
        sources: [...sources.values()],
      };
      claims.clear();
      sources.clear();
      return gone;
    })
    .answer('workbench.restore', (records) => {
      for (const record of records.claims) claims.set(record.id, record);
      for (const record of records.sources) sources.set(record.id, record);
      return { article: records.article ?? null, claims: records.claims, sources: records.sources };
    })
    .answer('workbench.setAnchors', ({ anchors, text: newText }) => {
      if (newText !== undefined) text = newText;
      for (const { claimId, anchor, anchorState } of anchors)
        claims.set(claimId, touched(claims.get(claimId)!, { anchor, anchorState }));
      return { article: article({ text }), claims: [...claims.values()] };
    })
    .answer('articles.update', ({ text: newText }) => {
      text = newText ?? text;
      // The second claim's quote is gone from the new text.
      const lost = [...claims.values()].filter((record) => !text.includes(record.anchor.exact));
      for (const record of lost) claims.set(record.id, { ...record, anchorState: 'orphaned' });
      return { article: article({ text }), orphanedClaimIds: lost.map((record) => record.id) };
    })
    .answer('sources.create', ({ claimId, fields }) => {
      const created = source(9, claimId, {
        ...fields,
        position: [...sources.values()].filter((s) => s.claimId === claimId).length,
      });
      sources.set(created.id, created);
      return created;
    })
    .answer('sources.update', ({ id: sourceId, fields }) => {
      const next = touched(
        sources.get(sourceId) ?? refuse('not_found', 'That source no longer exists.'),
        fields,
      );
      sources.set(sourceId, next);
      return next;
    })
    .answer('sources.delete', ({ id: sourceId }) => {
      sources.delete(sourceId);
      return null;
    });
}

beforeEach(async () => {
  openArticleRoute();
  claims = new Map([c2, c1].map((record) => [record.id, record]));
  sources = new Map([[s1.id, s1]]);
  text = ARTICLE_TEXT;
  answerAsMain();
  await loadOpenArticle();
});

afterEach(() => {
  vi.useRealTimers();
  expect(bridge.unanswered).toEqual([]);
});

describe('loading an article', () => {
  it('holds the article, its claims in reading order with their highlights, sources by claim and suggestions', () => {
    const state = store();
    expect(state.wbStatus).toBe('ready');
    expect(state.wbArticle?.id).toBe(ARTICLE_ID);
    expect(claimIds()).toEqual([c1.id, c2.id]);
    expect(state.highlights.map((highlight) => [highlight.id, highlight.start])).toEqual([
      [c1.id, c1.anchor.start],
      [c2.id, c2.anchor.start],
    ]);
    expect(state.sourcesByClaim).toEqual({ [c1.id]: [s1] });
    expect(state.claimantSuggestions).toEqual(['The minister']);
    expect(state.tagSuggestions).toEqual(['economy']);
  });

  it('shows why an article could not be opened', async () => {
    await store().loadArticle(id(99));
    expect(bridge.requests('workbench.loadArticle')).toEqual([{ id: id(99) }]);
    expect(store().wbStatus).toBe('error');
    expect(store().wbError).toBe('That article no longer exists.');
  });

  it('keeps the selected claim when it is still there', async () => {
    store().selectClaim(c2.id);
    await store().loadArticle(ARTICLE_ID);
    expect(store().selectedClaimId).toBe(c2.id);
    claims.delete(c2.id);
    await store().loadArticle(ARTICLE_ID);
    expect(store().selectedClaimId).toBeNull();
  });
});

describe('marking a claim', () => {
  it('creates it at the snapped span, selects it, and undo/redo remove it and put it back with its id', async () => {
    const start = ARTICLE_TEXT.indexOf('Critics say');
    const marked = await store().markClaim(start, start + 'Critics say'.length);
    expect(bridge.requests('claims.create')).toEqual([
      { articleId: ARTICLE_ID, anchor: createAnchor(ARTICLE_TEXT, start, start + 'Critics say'.length) },
    ]);
    expect(claimIds()).toEqual([c1.id, marked.id, c2.id]);
    expect(store().selectedClaimId).toBe(marked.id);
    expect(undoLabels()).toEqual(['Mark claim']);

    await store().undo();
    expect(bridge.requests('workbench.deleteClaims')).toEqual([{ ids: [marked.id] }]);
    expect(claimIds()).toEqual([c1.id, c2.id]);
    expect(store().selectedClaimId).toBeNull();
    expect(undoLabels()).toEqual([]);
    expect(redoLabels()).toEqual(['Mark claim']);
    expect(messages()).toContain('info: Undone: Mark claim.');

    await store().redo();
    expect(bridge.requests('workbench.restore')).toEqual([{ article: null, claims: [marked], sources: [] }]);
    expect(claimIds()).toEqual([c1.id, marked.id, c2.id]);
    expect(undoLabels()).toEqual(['Mark claim']);
    expect(redoLabels()).toEqual([]);
    expect(messages()).toContain('info: Redone: Mark claim.');
  });

  it('refuses without an open article', async () => {
    store().closeArticle();
    await expect(store().markClaim(0, 3)).rejects.toThrow('No article is open.');
    expect(bridge.calls).toEqual([]);
  });
});

describe('editing claim fields', () => {
  it('saves through claims.update and applies the answer; typing in one field is one undo step', async () => {
    await store().updateClaim(c2.id, { claimant: 'Jo' });
    await store().updateClaim(c2.id, { claimant: 'Joe' });
    expect(bridge.requests('claims.update')).toEqual([
      { id: c2.id, fields: { claimant: 'Jo' } },
      { id: c2.id, fields: { claimant: 'Joe' } },
    ]);
    expect(store().claims[1]!.claimant).toBe('Joe');
    expect(store().claimantSuggestions).toContain('Joe');
    expect(undoLabels()).toEqual(['Edit claimant']);

    await store().undo();
    expect(bridge.requests('claims.update').at(-1)).toEqual({ id: c2.id, fields: { claimant: '' } });
    expect(store().claims[1]!.claimant).toBe('');
    await store().redo();
    expect(bridge.requests('claims.update').at(-1)).toEqual({ id: c2.id, fields: { claimant: 'Joe' } });
    expect(store().claims[1]!.claimant).toBe('Joe');
  });

  it('names the step after the fields, or as the caller says', async () => {
    await store().updateClaim(c1.id, { verdictId: VERDICTS[2]!.id }, 'Set verdict to False');
    await store().updateClaim(c1.id, { status: 'researching' });
    await store().updateClaim(c1.id, { claimDate: '2024-04-29', tags: ['jobs'] });
    expect(undoLabels()).toEqual(['Set verdict to False', 'Edit status', 'Edit claim date, tags']);
  });

  it('saves of different fields are separate steps, undone newest first', async () => {
    await store().updateClaim(c1.id, { claimant: 'Minister of Labour' });
    await store().updateClaim(c1.id, { rationale: 'The statistics office says 12%.' });
    await store().undo();
    expect(store().claims[0]).toMatchObject({ claimant: 'Minister of Labour', rationale: '' });
    await store().undo();
    expect(store().claims[0]).toMatchObject({ claimant: 'The minister', rationale: '' });
  });

  it('a refused save throws the API error for the field to show, and records no step', async () => {
    bridge.answer('claims.update', () =>
      refuse('invalid_request', 'A claim can be at most 2000 characters.', 'statement'),
    );
    const saving = store().updateClaim(c1.id, { statement: 'x'.repeat(3000) });
    await expect(saving).rejects.toBeInstanceOf(ApiCallError);
    await expect(saving).rejects.toMatchObject({
      message: 'A claim can be at most 2000 characters.',
      field: 'statement',
    });
    expect(store().claims[0]!.statement).toBe(c1.statement);
    expect(undoLabels()).toEqual([]);
  });

  it('a save that cannot reach main says so', async () => {
    bridge.answer('claims.update', () => {
      throw new Error('IPC channel closed');
    });
    await expect(store().updateClaim(c1.id, { claimant: 'x' })).rejects.toThrow(
      'The app could not reach its storage. Your last change may not be saved; try again.',
    );
  });

  it('a new step after an undo clears what could be redone', async () => {
    await store().updateClaim(c1.id, { claimant: 'A' });
    await store().updateClaim(c1.id, { status: 'researching' });
    await store().undo();
    expect(redoLabels()).toEqual(['Edit status']);
    await store().updateClaim(c1.id, { rationale: 'New thought' });
    expect(redoLabels()).toEqual([]);
    expect(undoLabels()).toEqual(['Edit claimant', 'Edit rationale']);
    await store().redo();
    expect(messages()).toContain('info: Nothing to redo.');
    expect(store().claims[0]!.status).toBe('unchecked');
  });
});

describe('spans and article text', () => {
  it('re-attaching or adjusting a span is a step; undo sets the old anchor back', async () => {
    const start = ARTICLE_TEXT.indexOf('fell by half');
    await store().setClaimSpan(c1.id, start, start + 'fell by half'.length);
    expect(bridge.requests('claims.update')).toEqual([
      { id: c1.id, anchor: createAnchor(ARTICLE_TEXT, start, start + 'fell by half'.length) },
    ]);
    expect(store().claims[0]!.anchor.exact).toBe('fell by half');
    expect(undoLabels()).toEqual(['Adjust claim span']);

    await store().undo();
    expect(bridge.requests('workbench.setAnchors')).toEqual([
      { articleId: ARTICLE_ID, anchors: [{ claimId: c1.id, anchor: c1.anchor, anchorState: 'anchored' }] },
    ]);
    expect(store().claims[0]!.anchor).toEqual(c1.anchor);
  });

  it('editing the text reports orphans; undo restores the old text with the old anchors, redo saves the new text', async () => {
    const edited = ARTICLE_TEXT.replace('Exports doubled since 2020', 'Exports rose');
    await expect(store().editArticleText(edited)).resolves.toEqual({ orphaned: 1, total: 2 });
    expect(bridge.requests('articles.update')).toEqual([{ id: ARTICLE_ID, text: edited }]);
    expect(store().wbArticle!.text).toBe(edited);
    expect(store().claims.find((record) => record.id === c2.id)!.anchorState).toBe('orphaned');
    expect(undoLabels()).toEqual(['Edit article text']);

    await store().undo();
    expect(bridge.requests('workbench.setAnchors')).toEqual([
      {
        articleId: ARTICLE_ID,
        text: ARTICLE_TEXT,
        anchors: [
          { claimId: c1.id, anchor: c1.anchor, anchorState: 'anchored' },
          { claimId: c2.id, anchor: c2.anchor, anchorState: 'anchored' },
        ],
      },
    ]);
    expect(store().wbArticle!.text).toBe(ARTICLE_TEXT);
    expect(store().claims.map((record) => record.anchorState)).toEqual(['anchored', 'anchored']);

    await store().redo();
    expect(bridge.requests('articles.update').at(-1)).toEqual({ id: ARTICLE_ID, text: edited });
    expect(store().wbArticle!.text).toBe(edited);
  });

  it('saving the same text again is no step', async () => {
    await store().editArticleText(ARTICLE_TEXT);
    expect(undoLabels()).toEqual([]);
  });
});

describe('deleting', () => {
  it('deleting a claim selects the next one; undo puts back exactly what main removed, sources included', async () => {
    store().selectClaim(c1.id);
    await store().deleteClaims([c1.id]);
    expect(bridge.requests('workbench.deleteClaims')).toEqual([{ ids: [c1.id] }]);
    expect(claimIds()).toEqual([c2.id]);
    expect(store().selectedClaimId).toBe(c2.id);
    expect(store().sourcesByClaim[c1.id]).toBeUndefined();
    expect(undoLabels()).toEqual(['Delete claim']);

    await store().undo();
    expect(bridge.requests('workbench.restore')).toEqual([{ article: null, claims: [c1], sources: [s1] }]);
    expect(claimIds()).toEqual([c1.id, c2.id]);
    expect(store().sourcesByClaim[c1.id]).toEqual([s1]);

    await store().redo();
    expect(bridge.requests('workbench.deleteClaims').at(-1)).toEqual({ ids: [c1.id] });
    expect(claimIds()).toEqual([c2.id]);
  });

  it('deleting several claims is one step', async () => {
    await store().deleteClaims([c1.id, c2.id]);
    expect(undoLabels()).toEqual(['Delete 2 claims']);
    await store().deleteClaims([]);
    expect(bridge.requests('workbench.deleteClaims')).toHaveLength(1);
  });

  it('deleting the article closes it; undo brings it back with its claims and opens it again', async () => {
    const gone = await store().deleteArticleWithClaims(ARTICLE_ID);
    expect(bridge.requests('workbench.deleteArticle')).toEqual([{ id: ARTICLE_ID }]);
    expect(gone.claims.map((record) => record.id).sort()).toEqual([c1.id, c2.id].sort());
    expect(store().wbArticleId).toBeNull();
    expect(store().route).toEqual({ kind: 'project', projectId: PROJECT_ID, articleId: null });
    expect(undoLabels()).toEqual(['Delete article']);

    await store().undo();
    expect(bridge.requests('workbench.restore')).toEqual([gone]);
    expect(store().route).toEqual({ kind: 'project', projectId: PROJECT_ID, articleId: ARTICLE_ID });

    await store().redo();
    expect(bridge.requests('workbench.deleteArticle')).toEqual([{ id: ARTICLE_ID }, { id: ARTICLE_ID }]);
  });
});

describe('sources', () => {
  it('adding ("Accessed" left for the person), editing and removing a source are steps undone in turn', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2024, 4, 2, 9, 30));
    const added = await store().addSource(c2.id);
    expect(bridge.requests('sources.create')).toEqual([
      { claimId: c2.id, fields: {} },
    ]);
    expect(store().sourcesByClaim[c2.id]).toEqual([added]);

    await store().updateSource(added.id, { url: 'https://example.org/a' });
    vi.setSystemTime(new Date(2024, 4, 2, 9, 30, 2));
    await store().updateSource(added.id, { url: 'https://example.org/trade' });
    await store().deleteSource(s1.id);
    expect(bridge.requests('sources.delete')).toEqual([{ id: s1.id }]);
    expect(store().sourcesByClaim[c1.id]).toEqual([]);
    expect(undoLabels()).toEqual(['Add source', 'Edit source URL', 'Remove source']);

    await store().undo();
    expect(bridge.requests('workbench.restore')).toEqual([{ article: null, claims: [], sources: [s1] }]);
    expect(store().sourcesByClaim[c1.id]).toEqual([s1]);
    await store().undo();
    expect(bridge.requests('sources.update').at(-1)).toEqual({ id: added.id, fields: { url: '' } });
    await store().undo();
    expect(bridge.requests('sources.delete').at(-1)).toEqual({ id: added.id });
    expect(store().sourcesByClaim[c2.id]).toEqual([]);
    expect(redoLabels()).toEqual(['Remove source', 'Edit source URL', 'Add source']);
  });
});

describe('the undo queue', () => {
  it('says when there is nothing to undo or redo, and asks main nothing', async () => {
    await store().undo();
    await store().redo();
    expect(messages()).toEqual(['info: Nothing to undo.', 'info: Nothing to redo.']);
    // (A progress refresh left over from an earlier test may land here; it is no undo.)
    expect(bridge.channels().filter((channel) => channel !== 'projects.get')).toEqual([]);
  });

  it('a step that fails (its claim deleted elsewhere) is shown and dropped; the next undo goes on', async () => {
    await store().updateClaim(c1.id, { claimant: 'A' });
    await store().updateClaim(c2.id, { claimant: 'B' });
    claims.delete(c2.id);
    await store().undo();
    expect(messages()).toContain('error: That claim no longer exists.');
    expect(undoLabels()).toEqual(['Edit claimant']);
    expect(redoLabels()).toEqual([]);

    await store().undo();
    expect(bridge.requests('claims.update').at(-1)).toEqual({
      id: c1.id,
      fields: { claimant: 'The minister' },
    });
    expect(redoLabels()).toEqual(['Edit claimant']);
  });

  it('quick presses run one after the other, in order', async () => {
    await store().updateClaim(c1.id, { claimant: 'A' });
    await store().updateClaim(c2.id, { claimant: 'B' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    bridge.answer('claims.update', async ({ id: claimId, fields }) => {
      await held;
      return touched(claims.get(claimId)!, fields);
    });
    bridge.calls.length = 0;

    const first = store().undo();
    const second = store().undo();
    await vi.waitFor(() => expect(bridge.calls).toHaveLength(1));
    // The second undo waits for the first: it has not asked main anything yet.
    expect(bridge.requests('claims.update')).toEqual([{ id: c2.id, fields: { claimant: '' } }]);
    release();
    await Promise.all([first, second]);
    expect(bridge.requests('claims.update')).toEqual([
      { id: c2.id, fields: { claimant: '' } },
      { id: c1.id, fields: { claimant: 'The minister' } },
    ]);
    expect(redoLabels()).toEqual(['Edit claimant', 'Edit claimant']);
  });

  it('undoing a status change refreshes the project progress once, a moment later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await store().updateClaim(c1.id, { status: 'approved' });
    await store().undo();
    expect(bridge.requests('projects.get')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(bridge.requests('projects.get')).toEqual([{ id: PROJECT_ID }]);
  });

  it('clearUndo (another project) empties both stacks', async () => {
    await store().updateClaim(c1.id, { claimant: 'A' });
    await store().updateClaim(c1.id, { status: 'in_review' });
    await store().undo();
    store().clearUndo();
    expect(store().undoStack).toEqual([]);
    expect(store().redoStack).toEqual([]);
  });
});
