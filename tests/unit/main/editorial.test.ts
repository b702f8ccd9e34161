/**
 * Editorial integrity in the library: the approval rule on every path that can change what a report
 * publishes, who approved and when, stable claim numbers, quotes changed by a text edit, team notes,
 * corrections and publications. Everything through the real registry on a real SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnchor } from '../../../shared/anchoring';
import type { ApiClient } from '../../../shared/api/client';
import type { Claim } from '../../../shared/domain';
import type { Library } from '../../../main/library';
import { readChanges } from '../../../main/projectFiles/projectStore';
import Database from 'better-sqlite3';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { anchorOf, failure, projectWithArticle } from '../../support/apiHelpers';
import { noDialogs, openTestLibrary, tempDir } from '../../support/library';

let library: Library;
let api: ApiClient;
let dataDir: string;
beforeEach(async () => {
  ({ library, api, dataDir } = openTestLibrary());
  await api.call('settings.update', { authorName: 'Editor Ed' });
});
afterEach(() => library.close());

const setup = () => projectWithArticle(api);

async function approvedClaim() {
  const base = await setup();
  const claim = await api.call('claims.create', {
    articleId: base.article.id,
    anchor: createAnchor(base.article.text, 100, 160),
    fields: { verdictId: base.verdicts[0]!.id, rationale: 'Because the record says so.' },
  });
  await api.call('sources.create', { claimId: claim.id, fields: { title: 'Record', url: 'https://example.org/record' } });
  const approved = await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
  return { ...base, claim: approved };
}

const getClaim = async (articleId: string, id: string): Promise<Claim> =>
  (await api.call('workbench.loadArticle', { id: articleId })).claims.find((claim) => claim.id === id)!;

const lastChangeOf = (projectId: string, claimId: string) =>
  readChanges(library.ctx!, projectId).filter((change) => change.entityId === claimId).at(-1)!;

describe('approval', () => {
  it('records who approved and when, with a seal of what was approved', async () => {
    const { claim } = await approvedClaim();
    expect(claim.status).toBe('approved');
    expect(claim.approval.by).toBe('Editor Ed');
    expect(Date.parse(claim.approval.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(claim.approval.seal).toMatch(/^[0-9a-f]{64}$/);
    const row = library.ctx!.db.prepare(`SELECT approved_by, approval_seal FROM claims WHERE id = ?`).get(claim.id);
    expect(row).toEqual({ approved_by: 'Editor Ed', approval_seal: claim.approval.seal });
  });

  it('is refused without an author name, and nothing changes', async () => {
    const { article, verdicts } = await setup();
    await api.call('settings.update', { authorName: '' });
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov'), fields: { verdictId: verdicts[1]!.id } });
    const error = await failure(api.call('claims.update', { id: claim.id, fields: { status: 'approved' } }));
    expect(error.code).toBe('author_required');
    expect(error.message).toMatch(/add your name in Settings/);
    expect((await getClaim(article.id, claim.id)).status).toBe('unchecked');
  });

  const publishedEdits: [string, (ids: { claim: Claim; verdicts: { id: string }[]; sourceId: string }) => Promise<unknown>][] = [
    ['verdict', ({ claim, verdicts }) => api.call('claims.update', { id: claim.id, fields: { verdictId: verdicts[2]!.id } })],
    ['statement', ({ claim }) => api.call('claims.update', { id: claim.id, fields: { statement: 'Something else' } })],
    ['claimant', ({ claim }) => api.call('claims.update', { id: claim.id, fields: { claimant: 'Dmitry Peskov' } })],
    ['claimant type', ({ claim }) => api.call('claims.update', { id: claim.id, fields: { claimantType: 'Person' } })],
    ['claim date', ({ claim }) => api.call('claims.update', { id: claim.id, fields: { claimDate: '2024-10-20' } })],
    ['rationale', ({ claim }) => api.call('claims.update', { id: claim.id, fields: { rationale: 'Different reasons.' } })],
    ['a new source', ({ claim }) => api.call('sources.create', { claimId: claim.id, fields: { title: 'Another' } })],
    ['a source edit', ({ sourceId }) => api.call('sources.update', { id: sourceId, fields: { url: 'https://example.org/other' } })],
    ['a deleted source', ({ sourceId }) => api.call('sources.delete', { id: sourceId })],
    ['a correction note', ({ claim }) => api.call('editorial.addCorrection', { claimId: claim.id, kind: 'update', text: 'Added context.' })],
    ['the quoted span', async ({ claim }) => {
      const article = (await api.call('workbench.loadArticle', { id: claim.articleId })).article;
      const longer = createAnchor(article.text, claim.anchor.start, Math.min(article.text.length, claim.anchor.end + 6));
      return api.call('claims.update', { id: claim.id, anchor: longer });
    }],
  ];

  for (const [what, edit] of publishedEdits) {
    it(`returns to In review when ${what} changes after approval, with a history entry`, async () => {
      const { claim, verdicts, article, project } = await approvedClaim();
      const sourceId = (await api.call('workbench.loadArticle', { id: article.id })).sources[0]!.id;
      await edit({ claim, verdicts, sourceId });
      const after = await getClaim(article.id, claim.id);
      expect(after.status).toBe('in_review');
      expect(after.approval).toEqual({ by: '', at: '', seal: '' });
      const entry = lastChangeOf(project.id, claim.id);
      expect(entry.fields.status).toEqual({ before: 'approved', after: 'in_review' });
      expect(String(entry.fields.approvalWithdrawn?.after)).toMatch(/Changed after approval/);
    });
  }

  it('keeps the approval for changes a report does not publish (tags, assignee, team notes)', async () => {
    const { claim, article } = await approvedClaim();
    await api.call('claims.update', { id: claim.id, fields: { tags: ['dprk'], assignee: 'Checker Cat' } });
    await api.call('editorial.addTeamNote', { claimId: claim.id, text: 'Looks fine to me.' });
    const after = await getClaim(article.id, claim.id);
    expect(after.status).toBe('approved');
    expect(after.approval.by).toBe('Editor Ed');
  });

  it('holds through undo: a deleted approved claim restored unchanged stays approved; a forged seal does not', async () => {
    const { claim, article } = await approvedClaim();
    const deleted = await api.call('workbench.deleteClaims', { ids: [claim.id] });
    await api.call('workbench.restore', { claims: deleted.claims, sources: deleted.sources });
    expect((await getClaim(article.id, claim.id)).status).toBe('approved');

    const again = await api.call('workbench.deleteClaims', { ids: [claim.id] });
    const forged = { ...again.claims[0]!, rationale: 'Rewritten behind the editor’s back.' };
    await api.call('workbench.restore', { claims: [forged], sources: again.sources });
    expect((await getClaim(article.id, claim.id)).status).toBe('in_review');
  });

  it('holds through a text edit that changes characters inside the quote', async () => {
    const { claim, article } = await approvedClaim();
    const inside = claim.anchor.start + 20;
    const text = article.text.slice(0, inside) + 'XY' + article.text.slice(inside + 2);
    await api.call('articles.update', { id: article.id, text });
    const after = await getClaim(article.id, claim.id);
    expect(after.status).toBe('in_review');
    expect(after.quoteChangedFrom).toBe(claim.anchor.exact);
    expect(after.anchor.exact).not.toBe(claim.anchor.exact);
  });

  it('keeps the approval when a text edit elsewhere only moves the quote', async () => {
    const { claim, article } = await approvedClaim();
    await api.call('articles.update', { id: article.id, text: `Editor’s note: updated.\n\n${article.text}` });
    const after = await getClaim(article.id, claim.id);
    expect(after.status).toBe('approved');
    expect(after.quoteChangedFrom).toBe('');
    expect(after.anchor.start).toBeGreaterThan(claim.anchor.start);
  });

  it('"Second pair of eyes": the last person to change the verdict cannot approve it', async () => {
    const { project, article, verdicts } = await setup();
    await api.call('editorial.updateProject', { id: project.id, secondPairOfEyes: true });
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov') });
    await api.call('claims.update', { id: claim.id, fields: { verdictId: verdicts[1]!.id } });
    const error = await failure(api.call('claims.update', { id: claim.id, fields: { status: 'approved' } }));
    expect(error.code).toBe('second_pair_of_eyes');
    expect(error.message).toContain('Editor Ed last changed this verdict');
    await api.call('settings.update', { authorName: 'Second Sam' });
    const approved = await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
    expect(approved.approval.by).toBe('Second Sam');
  });
});

describe('publication and corrections', () => {
  async function exportedAndPublished() {
    const base = await approvedClaim();
    // The harness-less registry cancels dialogs; give it a folder dialog that writes into dataDir.
    library.close();
    const { openLibraryApi } = await import('../../../main/library');
    const out = path.join(dataDir, 'report.md');
    library = openLibraryApi({
      dataDir,
      appVersion: 'test',
      dialogs: { ...noDialogs, chooseSavePath: async () => out },
      printer: { print: async () => Buffer.from('') },
      validateResponses: true,
      log: () => undefined,
    });
    const { createApiClient } = await import('../../../shared/api/client');
    api = createApiClient({ invoke: (channel, request) => library.registry.dispatch(channel, request), subscribe: () => () => undefined });
    const written = await api.call('reports.export', { projectId: base.project.id, format: 'md' });
    expect(written).not.toBeNull();
    return { ...base, written: written!, out };
  }

  it('"Mark as published" records the file checksum and each claim as published', async () => {
    const { project, claim, written, out } = await exportedAndPublished();
    const publication = await api.call('editorial.markPublished', { projectId: project.id, exportIds: [written.exportId] });
    const bytes = fs.readFileSync(out);
    const { createHash } = await import('node:crypto');
    expect(publication.files).toEqual([{ name: 'report.md', format: 'md', sha256: createHash('sha256').update(bytes).digest('hex') }]);
    expect(publication.claims).toEqual([
      { claimId: claim.id, number: claim.number, verdict: expect.any(String), statement: claim.statement, seal: claim.approval.seal },
    ]);
    expect(await api.call('editorial.publications', { projectId: project.id })).toHaveLength(1);
  });

  it('is refused while a claim in the report is not approved', async () => {
    const { project, claim, written } = await exportedAndPublished();
    await api.call('claims.update', { id: claim.id, fields: { status: 'in_review' } });
    const error = await failure(api.call('editorial.markPublished', { projectId: project.id, exportIds: [written.exportId] }));
    expect(error.message).toMatch(/every claim is approved.*Claim 1/);
    expect(await api.call('editorial.publications', { projectId: project.id })).toHaveLength(0);
  });

  it('a published claim that changed needs a correction or update note before it is approved again', async () => {
    const { project, claim, written, verdicts, article } = await exportedAndPublished();
    await api.call('editorial.markPublished', { projectId: project.id, exportIds: [written.exportId] });
    await api.call('claims.update', { id: claim.id, fields: { verdictId: verdicts[3]!.id } });
    expect((await api.call('editorial.claimRecord', { claimId: claim.id })).correctionRequired).toBe(true);
    const error = await failure(api.call('claims.update', { id: claim.id, fields: { status: 'approved' } }));
    expect(error.code).toBe('correction_required');
    expect((await getClaim(article.id, claim.id)).status).toBe('in_review');
    await api.call('editorial.addCorrection', { claimId: claim.id, kind: 'correction', text: 'The rating changed after new figures.' });
    expect((await api.call('editorial.claimRecord', { claimId: claim.id })).correctionRequired).toBe(false);
    expect((await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } })).status).toBe('approved');
  });
});

describe('claim numbers', () => {
  it('are given when a claim is marked, and never reused after a delete', async () => {
    const { article } = await setup();
    const words = ['Peskov', 'Kremlin', 'Pyongyang'].filter((word) => article.text.includes(word));
    const made = [];
    for (const word of words) made.push(await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, word) }));
    expect(made.map((claim) => claim.number)).toEqual(words.map((_, index) => index + 1));
    await api.call('workbench.deleteClaims', { ids: [made.at(-1)!.id] });
    const next = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, words[0]!) });
    expect(next.number).toBe(words.length + 1);
  });

  it('marking earlier text does not renumber later claims', async () => {
    const { article } = await setup();
    const late = article.text.lastIndexOf('Peskov');
    const first = await api.call('claims.create', { articleId: article.id, anchor: createAnchor(article.text, late, late + 6) });
    const early = await api.call('claims.create', { articleId: article.id, anchor: createAnchor(article.text, 0, 6) });
    expect([first.number, early.number]).toEqual([1, 2]);
  });

  it('existing libraries are numbered by creation time on migration, and old approvals are sealed', () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 2));
    const project = '00000000-0000-4000-8000-000000000001';
    const article = '00000000-0000-4000-8000-000000000002';
    db.prepare(`INSERT INTO projects (id, title, created_at, updated_at) VALUES (?, 'P', 't', 't')`).run(project);
    db.prepare(`INSERT INTO articles (id, project_id, title, text, created_at, updated_at) VALUES (?, ?, 'A', 'Some text here.', 't', 't')`).run(article, project);
    const insert = db.prepare(
      `INSERT INTO claims (id, project_id, article_id, anchor_start, anchor_end, anchor_exact, status, created_at, updated_at)
       VALUES (?, ?, ?, 0, 4, 'Some', ?, ?, '2024-01-01T00:00:00.000Z')`,
    );
    insert.run('00000000-0000-4000-8000-00000000000c', project, article, 'approved', '2024-03-01T00:00:00.000Z');
    insert.run('00000000-0000-4000-8000-00000000000a', project, article, 'unchecked', '2024-01-01T00:00:00.000Z');
    insert.run('00000000-0000-4000-8000-00000000000b', project, article, 'unchecked', '2024-01-01T00:00:00.000Z');
    migrate(db);
    const rows = db.prepare(`SELECT id, number, approval_seal FROM claims ORDER BY number`).all() as { id: string; number: number; approval_seal: string }[];
    expect(rows.map((row) => [row.id.slice(-1), row.number])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(rows[2]!.approval_seal).toMatch(/^[0-9a-f]{64}$/);
    expect(db.prepare(`SELECT next_claim_number FROM projects`).get()).toEqual({ next_claim_number: 4 });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('quotes changed by a text edit', () => {
  it('are kept for review, and "Keep new quote" or choosing the span again settles them', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, article.text.slice(0, 40)) });
    const edited = article.text.slice(0, 5) + 'ZZ' + article.text.slice(7);
    await api.call('articles.update', { id: article.id, text: edited });
    const changed = await getClaim(article.id, claim.id);
    expect(changed.quoteChangedFrom).toBe(claim.anchor.exact);
    expect(changed.anchorState).toBe('anchored');
    const kept = await api.call('editorial.keepNewQuote', { claimId: claim.id });
    expect(kept.quoteChangedFrom).toBe('');

    await api.call('articles.update', { id: article.id, text: edited.slice(0, 10) + 'Q' + edited.slice(11) });
    expect((await getClaim(article.id, claim.id)).quoteChangedFrom).not.toBe('');
    const reselected = await api.call('claims.update', { id: claim.id, anchor: createAnchor(edited.slice(0, 10) + 'Q' + edited.slice(11), 0, 30) });
    expect(reselected.quoteChangedFrom).toBe('');
  });
});

describe('team notes and claimant types', () => {
  it('keeps a thread per claim with author and time; refuses empty and oversized notes', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov') });
    await api.call('editorial.addTeamNote', { claimId: claim.id, text: 'Check the transcript.' });
    const record = await api.call('editorial.claimRecord', { claimId: claim.id });
    expect(record.teamNotes).toMatchObject([{ author: 'Editor Ed', text: 'Check the transcript.' }]);
    expect((await failure(api.call('editorial.addTeamNote', { claimId: claim.id, text: '   ' }))).message).toMatch(/Write something/);
    expect((await failure(api.call('editorial.addTeamNote', { claimId: claim.id, text: 'x'.repeat(1_000_000) }))).message).toMatch(/at most/);
    expect((await api.call('editorial.claimRecord', { claimId: claim.id })).teamNotes).toHaveLength(1);
  });

  it('refuses a claimant type that is not Person or Organization', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov') });
    const error = await failure(api.call('claims.update', { id: claim.id, fields: { claimantType: 'Robot' as never } }));
    expect(error.message).toMatch(/Person.*Organization/);
  });

  it('remembers the claimant type per claimant name', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov'), fields: { claimant: 'Dmitry Peskov' } });
    await api.call('claims.update', { id: claim.id, fields: { claimantType: 'Person' } });
    expect(await api.call('editorial.claimantType', { name: '  dmitry   PESKOV ' })).toBe('Person');
  });
});

describe('answers after the approval rule', () => {
  it('claims.update, workbench.restore and workbench.setAnchors answer the claim as committed (In review)', async () => {
    const { claim, verdicts, article } = await approvedClaim();
    const updated = await api.call('claims.update', { id: claim.id, fields: { verdictId: verdicts[2]!.id } });
    expect(updated.status).toBe('in_review');

    await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
    const gone = await api.call('workbench.deleteClaims', { ids: [claim.id] });
    const forged = { ...gone.claims[0]!, statement: 'Not what was approved' };
    const restored = await api.call('workbench.restore', { claims: [forged], sources: gone.sources });
    expect(restored.claims[0]!.status).toBe('in_review');

    await api.call('claims.update', { id: claim.id, fields: { statement: claim.statement } });
    await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
    const current = await getClaim(article.id, claim.id);
    const moved = createAnchor(article.text, current.anchor.start, current.anchor.end + 4);
    const answer = await api.call('workbench.setAnchors', { articleId: article.id, anchors: [{ claimId: claim.id, anchor: moved, anchorState: 'anchored' }] });
    expect(answer.claims.find((one) => one.id === claim.id)!.status).toBe('in_review');
  });
});
