/**
 * Claim links ("Previously checked") and "Use as starting point" in the library: rows in SQLite,
 * the reverse side, history, the approval rule, what reports print, and the copy of an earlier check.
 * Everything through the real registry on a real SQLite file.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { Library } from '../../../main/library';
import { readChanges } from '../../../main/projectFiles/projectStore';
import { loadReportData } from '../../../main/reports/exportReport';
import { renderModelClaimReviewJsonLd, ClaimReviewList } from '../../../shared/report/claimReview';
import { renderModelCsv } from '../../../shared/report/csv';
import { renderModelHtml } from '../../../shared/report/html';
import { renderModelMarkdown } from '../../../shared/report/markdown';
import { buildReportModel } from '../../../shared/report/model';
import { resolveReportOptions } from '../../../shared/report/options';
import { anchorOf, expectError, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary } from '../../support/library';

let library: Library;
let api: ApiClient;
beforeEach(async () => {
  ({ library, api } = openTestLibrary());
  await api.call('settings.update', { authorName: 'Editor Ed' });
});
afterEach(() => library.close());

/** Project A with a claim rated "False" (rationale, one source); project B with a fresh claim. */
async function twoProjects() {
  const a = await projectWithArticle(api);
  await api.call('projects.rename', { id: a.project.id, title: 'Project A' });
  const falseVerdict = a.verdicts.find((verdict) => verdict.label === 'False')!;
  const earlier = await api.call('claims.create', {
    articleId: a.article.id,
    anchor: anchorOf(a.article.text, 'Peskov'),
    fields: { statement: 'North Korean troops are in Kursk', verdictId: falseVerdict.id, rationale: 'No evidence [1].' },
  });
  await api.call('sources.create', { claimId: earlier.id, fields: { title: 'Briefing record', url: 'https://example.org/briefing' } });
  const b = await projectWithArticle(api);
  await api.call('projects.rename', { id: b.project.id, title: 'Project B' });
  const claim = await api.call('claims.create', { articleId: b.article.id, anchor: anchorOf(b.article.text, 'Peskov') });
  return { a, b, earlier, claim };
}

/** A reference fact-check row (migration 6), as an import would write it. */
function insertReference(fields: { url: string; rating: string; publisher: string; reviewDate: string; title?: string }): string {
  const db = library.ctx!.db;
  const collectionId = randomUUID();
  db.prepare(`INSERT INTO reference_collections (id, name, format, imported_at) VALUES (?, 'Test set', 'csv', ?)`).run(collectionId, new Date().toISOString());
  const id = randomUUID();
  db.prepare(
    `INSERT INTO reference_checks (id, collection_id, url, claim_text, title, publisher, rating, review_date)
     VALUES (?, ?, ?, 'Troops were sent', ?, ?, ?, ?)`,
  ).run(id, collectionId, fields.url, fields.title ?? 'Troops claim', fields.publisher, fields.rating, fields.reviewDate);
  return id;
}

describe('claim links', () => {
  it('stores a link with its snapshot, shows it from the other side, and lists it in the history', async () => {
    const { a, earlier, claim } = await twoProjects();
    const link = await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });

    const row = library.ctx!.db.prepare(`SELECT * FROM claim_links WHERE id = ?`).get(link.id) as Record<string, unknown>;
    expect(row).toMatchObject({
      claim_id: claim.id,
      target_kind: 'claim',
      target_id: earlier.id,
      publisher: 'Project A',
      rating: 'False',
      url: '',
      statement: 'North Korean troops are in Kursk',
      linked_by: 'Editor Ed',
    });
    expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const mine = await api.call('claimLinks.list', { claimId: claim.id });
    expect(mine.links.map((item) => item.id)).toEqual([link.id]);
    const theirs = await api.call('claimLinks.list', { claimId: earlier.id });
    expect(theirs.links).toEqual([]);
    expect(theirs.linkedFrom).toEqual([
      expect.objectContaining({ claimId: claim.id, number: claim.number, projectTitle: 'Project B' }),
    ]);

    const history = readChanges(library.ctx!, claim.projectId).filter((change) => change.entityId === claim.id).at(-1)!;
    expect(history.fields.links).toEqual({ before: '', after: `Project A, ${String(row.date)}, False` });
    expect(a.project.id).not.toBe(claim.projectId);
  });

  it('refuses a second link to the same check and a link to itself', async () => {
    const { earlier, claim } = await twoProjects();
    await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    await expectError(api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } }), 'conflict', /already linked/);
    await expectError(api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: claim.id } }), 'invalid_request');
    expect(library.ctx!.db.prepare(`SELECT COUNT(*) AS n FROM claim_links`).get()).toEqual({ n: 1 });
  });

  it('links a reference fact-check with its publisher, rating, date and http(s) address only', async () => {
    const { claim } = await twoProjects();
    const good = insertReference({ url: 'https://www.politifact.com/x', rating: 'False', publisher: 'PolitiFact', reviewDate: '2024-05-02' });
    const bad = insertReference({ url: 'javascript:alert(1)', rating: 'Mostly false', publisher: 'Other', reviewDate: '' });
    const first = await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'reference', id: good } });
    const second = await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'reference', id: bad } });
    expect(first).toMatchObject({ publisher: 'PolitiFact', rating: 'False', date: '2024-05-02', url: 'https://www.politifact.com/x' });
    expect(second.url).toBe('');
  });

  it('removing a link deletes its row; deleting the claim removes its links', async () => {
    const { earlier, claim } = await twoProjects();
    const link = await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    await api.call('claimLinks.remove', { id: link.id });
    expect(library.ctx!.db.prepare(`SELECT COUNT(*) AS n FROM claim_links`).get()).toEqual({ n: 0 });
    await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    await api.call('workbench.deleteClaims', { ids: [claim.id] });
    expect(library.ctx!.db.prepare(`SELECT COUNT(*) AS n FROM claim_links`).get()).toEqual({ n: 0 });
  });
});

describe('the approval rule', () => {
  async function approvedPair() {
    const setup = await twoProjects();
    const verdict = setup.b.verdicts[0]!;
    await api.call('claims.update', { id: setup.claim.id, fields: { verdictId: verdict.id } });
    const approved = await api.call('claims.update', { id: setup.claim.id, fields: { status: 'approved' } });
    expect(approved.status).toBe('approved');
    return setup;
  }
  const statusOf = (id: string) =>
    (library.ctx!.db.prepare(`SELECT status FROM claims WHERE id = ?`).get(id) as { status: string }).status;

  it('adding a link to an approved claim returns it to In review, with the reason in its history', async () => {
    const { earlier, claim } = await approvedPair();
    await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    expect(statusOf(claim.id)).toBe('in_review');
    const last = readChanges(library.ctx!, claim.projectId).filter((change) => change.entityId === claim.id).at(-1)!;
    expect(last.fields.approvalWithdrawn?.after).toBe('Changed after approval: previously checked.');
  });

  it('removing a link from an approved claim returns it to In review too', async () => {
    const { earlier, claim } = await approvedPair();
    const link = await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
    expect(statusOf(claim.id)).toBe('approved');
    await api.call('claimLinks.remove', { id: link.id });
    expect(statusOf(claim.id)).toBe('in_review');
  });

  it('an approved claim without links keeps its seal', async () => {
    const { claim } = await approvedPair();
    await api.call('claims.update', { id: claim.id, fields: { tags: ['unrelated'] } });
    expect(statusOf(claim.id)).toBe('approved');
  });
});

describe('reports', () => {
  it('print "Previously checked" in HTML, Markdown, CSV and cite the address in ClaimReview', async () => {
    const { earlier, claim, b } = await twoProjects();
    const reference = insertReference({ url: 'https://www.politifact.com/x', rating: 'False', publisher: 'PolitiFact', reviewDate: '2024-05-02' });
    await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    await api.call('claimLinks.add', { claimId: claim.id, target: { kind: 'reference', id: reference } });
    await api.call('claims.update', { id: claim.id, fields: { verdictId: b.verdicts[0]!.id, status: 'approved' } });
    const settings = await api.call('settings.get', {});
    const model = buildReportModel(loadReportData(library.ctx!, b.project.id), settings, resolveReportOptions({}), new Date());

    const html = renderModelHtml(model);
    expect(html).toContain('Previously checked:');
    expect(html).toContain('PolitiFact');
    expect(html).toContain('href="https://www.politifact.com/x" rel="noopener noreferrer nofollow"');
    expect(html).toContain('Project A');
    const markdown = renderModelMarkdown(model);
    expect(markdown).toContain('**Previously checked:** PolitiFact, 2 May 2024, False, [https://www.politifact.com/x](https://www.politifact.com/x)');
    const csv = renderModelCsv(model);
    expect(csv.split('\r\n')[0]).toContain('"Previously checked"');
    expect(csv).toContain('PolitiFact, 2024-05-02, False, https://www.politifact.com/x');
    const reviews = ClaimReviewList.parse(JSON.parse(renderModelClaimReviewJsonLd(model)));
    expect(reviews[0]!.citation).toEqual(['https://www.politifact.com/x']);
  });
});

describe('use as starting point', () => {
  it('copies verdict (same label), rationale (appended, references renumbered) and sources in one go', async () => {
    const { earlier, claim, b } = await twoProjects();
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Our notes [1].' } });
    await api.call('sources.create', { claimId: claim.id, fields: { title: 'Our source' } });
    const result = await api.call('claimLinks.startFrom', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    const falseInB = b.verdicts.find((verdict) => verdict.label === 'False')!;
    expect(result.claim.verdictId).toBe(falseInB.id);
    expect(result.claim.rationale).toBe('Our notes [1].\n\nNo evidence [2].');
    expect(result.before).toEqual({ verdictId: null, rationale: 'Our notes [1].' });
    expect(result.sources.map((source) => [source.title, source.url, source.position])).toEqual([
      ['Briefing record', 'https://example.org/briefing', 1],
    ]);
    expect(result.notices).toEqual([]);
    const rows = library.ctx!.db.prepare(`SELECT title FROM sources WHERE claim_id = ? ORDER BY position`).all(claim.id);
    expect(rows).toEqual([{ title: 'Our source' }, { title: 'Briefing record' }]);
  });

  it('leaves the verdict when this project has no verdict of that label, and says so', async () => {
    const { earlier, claim, b } = await twoProjects();
    const falseInB = b.verdicts.find((verdict) => verdict.label === 'False')!;
    await api.call('verdicts.update', { id: falseInB.id, fields: { label: 'Wrong' } });
    const result = await api.call('claimLinks.startFrom', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    expect(result.claim.verdictId).toBeNull();
    expect(result.notices).toEqual(['The verdict was left as it is: this project’s scale has no “False”.']);
    expect(result.claim.rationale).toBe('No evidence [1].');
  });

  it('from a reference: the rating goes into the rationale and its address becomes a source', async () => {
    const { claim } = await twoProjects();
    const reference = insertReference({ url: 'https://www.politifact.com/x', rating: 'False', publisher: 'PolitiFact', reviewDate: '2024-05-02', title: 'No troops' });
    const result = await api.call('claimLinks.startFrom', { claimId: claim.id, target: { kind: 'reference', id: reference } });
    expect(result.claim.rationale).toBe('Rated “False” by PolitiFact on 2024-05-02');
    expect(result.sources).toEqual([
      expect.objectContaining({ url: 'https://www.politifact.com/x', title: 'No troops', publisher: 'PolitiFact', publishedDate: '2024-05-02' }),
    ]);
  });

  it('never approves, and returns an approved claim to In review', async () => {
    const { earlier, claim, b } = await twoProjects();
    await api.call('claims.update', { id: claim.id, fields: { verdictId: b.verdicts[0]!.id, status: 'approved' } });
    const result = await api.call('claimLinks.startFrom', { claimId: claim.id, target: { kind: 'claim', id: earlier.id } });
    expect(result.claim.status).toBe('in_review');
  });
});
