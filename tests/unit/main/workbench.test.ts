import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { Library } from '../../../main/library';
import { anchorOf, failure, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary } from '../../support/library';

let library: Library;
let api: ApiClient;
beforeEach(() => {
  ({ library, api } = openTestLibrary());
});
afterEach(() => library.close());

async function setup() {
  await api.call('settings.update', { authorName: 'Ana Checker' });
  return projectWithArticle(api);
}

describe('workbench.loadArticle', () => {
  it('answers the article with its claims, their sources, and the project’s claimants and tags', async () => {
    const { article } = await setup();
    const a = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'This is our sovereign right'),
      fields: { claimant: 'Dmitry Peskov', tags: ['DPRK', 'sovereignty'] },
    });
    await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
      fields: { claimant: 'Mark Rutte', tags: ['NATO'] },
    });
    await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'we are developing our relations'),
      fields: { claimant: 'Dmitry Peskov' },
    });
    const source = await api.call('sources.create', {
      claimId: a.id,
      fields: { url: 'https://example.org/a', title: 'A' },
    });
    const loaded = await api.call('workbench.loadArticle', { id: article.id });
    expect(loaded.article.id).toBe(article.id);
    expect(loaded.claims).toHaveLength(3);
    expect(loaded.sources).toEqual([source]);
    expect(loaded.claimants).toEqual(['Dmitry Peskov', 'Mark Rutte']);
    expect(loaded.tags).toEqual(['DPRK', 'NATO', 'sovereignty']);
  });
});

describe('delete and restore (undo)', () => {
  it('brings a deleted claim back with the same id, fields and sources in their order', async () => {
    const { article, verdicts } = await setup();
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'this cooperation is not directed against third countries'),
      fields: {
        claimant: 'Peskov',
        verdictId: verdicts[2]!.id,
        rationale: 'Line one\nLine two',
        status: 'researching',
        tags: ['x'],
      },
    });
    const s1 = await api.call('sources.create', {
      claimId: claim.id,
      fields: { url: 'https://example.org/1', title: 'One' },
    });
    const s2 = await api.call('sources.create', {
      claimId: claim.id,
      fields: { url: 'https://example.org/2', title: 'Two' },
    });

    const gone = await api.call('workbench.deleteClaims', { ids: [claim.id] });
    expect(gone.claims.map((c) => c.id)).toEqual([claim.id]);
    expect(gone.sources.map((s) => s.id)).toEqual([s1.id, s2.id]);
    expect((await api.call('workbench.loadArticle', { id: article.id })).claims).toEqual([]);

    const back = await api.call('workbench.restore', { claims: gone.claims, sources: gone.sources });
    const [restored] = (await api.call('workbench.loadArticle', { id: article.id })).claims;
    expect(restored).toMatchObject({
      id: claim.id,
      claimant: 'Peskov',
      verdictId: verdicts[2]!.id,
      rationale: 'Line one\nLine two',
      status: 'researching',
      tags: ['x'],
      anchor: claim.anchor,
      createdAt: claim.createdAt,
    });
    expect(back.sources.map((s) => [s.id, s.position])).toEqual([
      [s1.id, 0],
      [s2.id, 1],
    ]);
    const loaded = await api.call('workbench.loadArticle', { id: article.id });
    expect(loaded.sources.map((s) => s.title)).toEqual(['One', 'Two']);

    // Restoring twice is refused, and changes nothing.
    const again = await failure(api.call('workbench.restore', { claims: gone.claims, sources: [] }));
    expect(again.code).toBe('conflict');
  });

  it('puts a deleted source back at its old place', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
    });
    const titles = ['A', 'B', 'C'];
    const made = [];
    for (const title of titles)
      made.push(await api.call('sources.create', { claimId: claim.id, fields: { title } }));
    await api.call('sources.delete', { id: made[1]!.id });
    await api.call('workbench.restore', { claims: [], sources: [made[1]!] });
    const loaded = await api.call('workbench.loadArticle', { id: article.id });
    expect(loaded.sources.map((s) => [s.title, s.position])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
    ]);
  });

  it('deletes an article with all its claims and sources, and undo brings all of it back', async () => {
    const { project, article } = await setup();
    const quotes = ['North Korea is our close neighbor', 'serious escalation', 'nothing but another bogus'];
    const made = [];
    for (const quote of quotes)
      made.push(
        await api.call('claims.create', {
          articleId: article.id,
          anchor: anchorOf(article.text, quote),
          fields: { status: 'in_review' },
        }),
      );
    await api.call('sources.create', { claimId: made[0]!.id, fields: { title: 'Kremlin transcript' } });

    const gone = await api.call('workbench.deleteArticle', { id: article.id });
    expect(gone.article?.id).toBe(article.id);
    expect(gone.claims).toHaveLength(3);
    expect(gone.sources).toHaveLength(1);
    expect((await api.call('projects.get', { id: project.id })).articles).toEqual([]);
    expect((await api.call('projects.get', { id: project.id })).progress.in_review).toBe(0);

    await api.call('workbench.restore', gone);
    const overview = await api.call('projects.get', { id: project.id });
    expect(overview.articles.map((a) => [a.id, a.claimCount])).toEqual([[article.id, 3]]);
    expect(overview.progress.in_review).toBe(3);
    const loaded = await api.call('workbench.loadArticle', { id: article.id });
    expect(loaded.article.text).toBe(article.text);
    expect(loaded.claims.map((c) => c.id).sort()).toEqual(made.map((c) => c.id).sort());
    expect(loaded.sources.map((s) => s.title)).toEqual(['Kremlin transcript']);
  });

  it('re-anchors a restored claim when the text moved, and orphans it when the quote is gone', async () => {
    const { article } = await setup();
    const moved = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
    });
    const lost = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'nothing but another bogus'),
    });
    const gone = await api.call('workbench.deleteClaims', { ids: [moved.id, lost.id] });
    const edited =
      'Breaking: a new first paragraph.\n\n' +
      article.text.replace('nothing but another bogus', 'a fabrication');
    await api.call('articles.update', { id: article.id, text: edited });
    const back = await api.call('workbench.restore', { claims: gone.claims, sources: [] });
    const byId = new Map(back.claims.map((c) => [c.id, c]));
    const text = (await api.call('workbench.loadArticle', { id: article.id })).article.text;
    const m = byId.get(moved.id)!;
    expect(m.anchorState).toBe('anchored');
    expect(text.slice(m.anchor.start, m.anchor.end)).toBe('serious escalation');
    expect(byId.get(lost.id)!.anchorState).toBe('orphaned');
    expect(byId.get(lost.id)!.anchor.exact).toBe('nothing but another bogus');
  });

  it('restores a claim whose verdict was deleted meanwhile as not yet rated', async () => {
    const { article, verdicts } = await setup();
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
      fields: { verdictId: verdicts[0]!.id },
    });
    const gone = await api.call('workbench.deleteClaims', { ids: [claim.id] });
    await api.call('verdicts.delete', { id: verdicts[0]!.id });
    const back = await api.call('workbench.restore', { claims: gone.claims, sources: [] });
    expect(back.claims[0]!.verdictId).toBeNull();
  });
});

describe('workbench.setAnchors', () => {
  it('undoes an edit of the text: the old text and the old anchors, exactly', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'nothing but another bogus'),
    });
    const edited = article.text.replace('nothing but another bogus', 'a fabrication');
    const detail = await api.call('articles.update', { id: article.id, text: edited });
    expect(detail.orphanedClaimIds).toEqual([claim.id]);
    const undone = await api.call('workbench.setAnchors', {
      articleId: article.id,
      text: article.text,
      anchors: [{ claimId: claim.id, anchor: claim.anchor, anchorState: 'anchored' }],
    });
    expect(undone.article.text).toBe(article.text);
    expect(undone.claims[0]).toMatchObject({ anchor: claim.anchor, anchorState: 'anchored' });
  });

  it('refuses an anchor that does not quote the text', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
    });
    const error = await failure(
      api.call('workbench.setAnchors', {
        articleId: article.id,
        anchors: [
          {
            claimId: claim.id,
            anchor: { ...claim.anchor, start: claim.anchor.start + 1, end: claim.anchor.end + 1 },
            anchorState: 'anchored',
          },
        ],
      }),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/cannot be undone/);
  });
});

describe('workbench.claimHistory and verdictUsage', () => {
  it('lists the claim’s changes and its sources’ changes, newest first, with the author from Settings', async () => {
    const { article, verdicts } = await setup();
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
    });
    const other = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'North Korea is our close neighbor'),
    });
    await api.call('claims.update', { id: claim.id, fields: { verdictId: verdicts[4]!.id } });
    await api.call('claims.update', { id: claim.id, fields: { status: 'researching' } });
    const source = await api.call('sources.create', { claimId: claim.id, fields: { title: 'NATO press' } });
    await api.call('sources.update', { id: source.id, fields: { url: 'https://www.nato.int/' } });
    await api.call('sources.delete', { id: source.id });
    await api.call('sources.create', { claimId: other.id, fields: { title: 'unrelated' } });

    const history = await api.call('workbench.claimHistory', { claimId: claim.id });
    expect(
      history.map((c) => [
        c.entityType,
        c.op,
        Object.keys(c.fields).filter((k) => !['position'].includes(k))[0],
      ]),
    ).toEqual([
      ['source', 'delete', 'claimId'],
      ['source', 'update', 'url'],
      ['source', 'create', 'claimId'],
      ['claim', 'update', 'status'],
      ['claim', 'update', 'verdictId'],
      ['claim', 'create', 'number'],
    ]);
    expect(history.every((c) => c.author === 'Ana Checker')).toBe(true);
    expect(history[4]!.fields.verdictId).toEqual({ before: null, after: verdicts[4]!.id });
  });

  it('counts the claims per verdict', async () => {
    const { project, article, verdicts } = await setup();
    await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'serious escalation'),
      fields: { verdictId: verdicts[1]!.id },
    });
    await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'nothing but another bogus'),
      fields: { verdictId: verdicts[1]!.id },
    });
    await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'North Korea is our close neighbor'),
    });
    expect(await api.call('workbench.verdictUsage', { projectId: project.id })).toEqual([
      { verdictId: verdicts[1]!.id, count: 2 },
    ]);
  });
});
