// @vitest-environment jsdom
/**
 * Fresh views after background changes: main sends `library.changed` after an import, a merge or a
 * restore, and the store reads again what the window shows, keeps the open claim while it exists,
 * and drops the undo steps that no longer apply.
 */
import { bridge, refuse } from './fakeBridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Claim, Source } from '../../../shared/domain';
import { libraryChangesSettled, watchLibraryChanges } from '../../../renderer/store/libraryEvents';
import { article, ARTICLE_TEXT, claim, id, overview, PROJECT_ID, projectSummary, source, touched } from './fixtures';
import {
  libraryChanged,
  loadedArticle,
  loadOpenArticle,
  openArticleRoute,
  store,
  undoLabels,
  updateHeldClaim,
} from './workbenchSetup';

const c1 = claim(1, 'unemployment fell by half', { claimant: 'The minister' });
const c2 = claim(2, 'Exports doubled since 2020');
const s1 = source(1, c1.id, { url: 'https://example.org/stats' });

/** What main holds. */
let claims: Map<string, Claim>;
let sources: Map<string, Source>;
let text: string;
let projectExists: boolean;
let articleExists: boolean;
let stopWatching: () => void;

const messages = () => store().notices.map((notice) => notice.message);
/** main changes a claim behind the window's back (an import, say). */
const changeInMain = (record: Claim, fields: Partial<Claim>) =>
  claims.set(record.id, touched(claims.get(record.id)!, fields));

beforeEach(async () => {
  openArticleRoute(overview(article(), 2));
  claims = new Map([c1, c2].map((record) => [record.id, record]));
  sources = new Map([[s1.id, s1]]);
  text = ARTICLE_TEXT;
  projectExists = true;
  articleExists = true;
  bridge
    .answer('projects.list', () =>
      projectExists ? [projectSummary(1, 'Budget check', { id: PROJECT_ID })] : [],
    )
    .answer('projects.get', () => {
      if (!projectExists) refuse('not_found', 'That project no longer exists. It may have been deleted.');
      const answer = overview(article({ text }), claims.size);
      return articleExists ? answer : { ...answer, articles: [] };
    })
    .answer('workbench.loadArticle', () => {
      if (!articleExists) refuse('not_found', 'That article no longer exists. It may have been deleted.');
      return loadedArticle({ text, claims: claims.values(), sources: sources.values() });
    })
    .answer('claims.update', ({ id: claimId, fields }) => updateHeldClaim(claims, claimId, fields));
  await loadOpenArticle();
  stopWatching = watchLibraryChanges();
});

afterEach(() => {
  stopWatching();
  expect(bridge.unanswered).toEqual([]);
});

describe('library.changed', () => {
  it('for another project: only the project list is read again', async () => {
    await libraryChanged(id(77));
    expect(bridge.channels()).toEqual(['projects.list']);
    expect(store().projects.map((project) => project.title)).toEqual(['Budget check']);
  });

  it('for the open project: the overview and the open article are read again in place, the selected claim stays open', async () => {
    store().selectClaim(c1.id);
    changeInMain(c1, { claimant: 'The prime minister' });
    const added = claim(3, 'Critics say', { id: id(103) });
    claims.set(added.id, added);
    const revision = store().backgroundRevision;
    await libraryChanged();
    expect(bridge.channels().sort()).toEqual(['projects.get', 'projects.list', 'workbench.loadArticle']);
    expect(store().current?.articles[0]?.claimCount).toBe(3);
    expect(store().claims.map((record) => record.id)).toEqual([c1.id, added.id, c2.id]);
    expect(store().claims[0]!.claimant).toBe('The prime minister');
    expect(store().selectedClaimId).toBe(c1.id);
    expect(store().wbStatus).toBe('ready');
    expect(store().backgroundRevision).toBe(revision + 1);
    expect(store().highlights.map((highlight) => highlight.id)).toContain(added.id);
  });

  it('null (a library backup restored) concerns the open project too', async () => {
    changeInMain(c2, { claimant: 'Ministry' });
    await libraryChanged(null);
    expect(store().claims.find((record) => record.id === c2.id)?.claimant).toBe('Ministry');
  });

  it('closes the editor with a notice when the selected claim was removed', async () => {
    store().selectClaim(c2.id);
    store().setAnchorMode({ kind: 'adjust', claimId: c2.id });
    claims.delete(c2.id);
    await libraryChanged();
    expect(store().selectedClaimId).toBeNull();
    expect(store().anchorMode).toBeNull();
    expect(store().claims.map((record) => record.id)).toEqual([c1.id]);
    expect(messages()).toContain(
      'Claim 2 is no longer in the project (import or restore); its editor was closed.',
    );
  });

  it('sources follow too', async () => {
    sources.set(s1.id, touched(s1, { note: 'From the file' }));
    const s2 = source(2, c2.id);
    sources.set(s2.id, s2);
    await libraryChanged();
    expect(store().sourcesByClaim[c1.id]?.[0]?.note).toBe('From the file');
    expect(store().sourcesByClaim[c2.id]).toEqual([s2]);
  });

  it('goes back to the article list when the open article is gone', async () => {
    articleExists = false;
    await libraryChanged();
    expect(store().route).toEqual({ kind: 'project', projectId: PROJECT_ID, articleId: null });
    expect(messages()).toContain('The article you had open is no longer in the project (import or restore).');
  });

  it('goes back to the project list when the open project is gone (a library restore)', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    projectExists = false;
    await libraryChanged(null);
    expect(store().route).toEqual({ kind: 'library' });
    expect(store().current).toBeNull();
    expect(store().undoStack).toEqual([]);
    expect(store().projects).toEqual([]);
    expect(messages()).toContain(
      'The project you had open is no longer in the library (a backup was restored).',
    );
  });
});

describe('undo after a background change', () => {
  it('drops the steps on records that changed underneath, so undo cannot bring back stale state', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    changeInMain(c1, { claimant: 'From the file' });
    await libraryChanged();
    expect(store().undoStack).toEqual([]);
    expect(messages()).toContain('The project changed (import or restore): undo history cleared.');

    bridge.calls.length = 0;
    await store().undo();
    expect(bridge.requests('claims.update')).toEqual([]);
    expect(messages()).toContain('Nothing to undo.');
    expect(claims.get(c1.id)).toMatchObject({ claimant: 'From the file', rationale: 'Mine' });
  });

  it('keeps the newer steps on records that did not change', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    await store().updateClaim(c2.id, { claimant: 'Ministry' });
    changeInMain(c1, { claimant: 'From the file' });
    await libraryChanged();
    expect(undoLabels()).toEqual(['Edit claimant']);
    expect(messages()).toContain(
      'The project changed (import or restore): 1 undo step that no longer applies was dropped.',
    );
    await store().undo();
    expect(bridge.requests('claims.update').at(-1)).toEqual({ id: c2.id, fields: { claimant: '' } });
  });

  it('a change that touched nothing the steps refer to leaves them, without a notice', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    changeInMain(c2, { claimant: 'Ministry' });
    await libraryChanged();
    expect(undoLabels()).toEqual(['Edit rationale']);
    expect(messages().filter((message) => message.startsWith('The project changed'))).toEqual([]);
  });

  it('an undo pressed while the project is being read again waits, and finds the stale step gone', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    changeInMain(c1, { claimant: 'From the file' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answerGet = () => overview(article({ text }), claims.size);
    bridge.answer('projects.get', async () => {
      await held;
      return answerGet();
    });
    bridge.emit('library.changed', { projectId: PROJECT_ID });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const undoing = store().undo();
    release();
    await libraryChangesSettled();
    await undoing;
    expect(bridge.requests('claims.update')).toEqual([{ id: c1.id, fields: { rationale: 'Mine' } }]);
    expect(messages()).toContain('Nothing to undo.');
  });

  it('the redo stack is checked the same way', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    await store().undo();
    expect(store().redoStack).toHaveLength(1);
    changeInMain(c1, { rationale: 'From the file' });
    await libraryChanged();
    expect(store().redoStack).toEqual([]);
  });

  it('with no article open the stacks are cleared (nothing can be checked)', async () => {
    await store().updateClaim(c1.id, { rationale: 'Mine' });
    store().closeArticle();
    await libraryChanged();
    expect(store().undoStack).toEqual([]);
  });

  it('after the listener stops, events change nothing', async () => {
    stopWatching();
    changeInMain(c1, { claimant: 'From the file' });
    await libraryChanged();
    expect(bridge.calls).toEqual([]);
    stopWatching = () => {};
  });
});
