/**
 * The library search index (migration 7) and "Search library" (search.query): the index follows
 * every write path (edit, delete, undo, project-file import and merge), finds Arabic, Russian and
 * Korean claims, never fails on what is typed, and is rebuilt for a library made at version 5.
 * Everything against real SQLite files, through the registry where the app goes through it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { SearchResult } from '../../../shared/api/contract.search';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { openLibrary } from '../../../main/db/open';
import type { Library } from '../../../main/library';
import { writeMergeOutcome } from '../../../main/projectFiles/importProject';
import { planMerge, resolveMerge } from '../../../main/projectFiles/merge';
import { insertProjectPayload, readProjectPayload } from '../../../main/projectFiles/projectStore';
import { createRepoContext } from '../../../main/repositories/context';
import { updateClaim } from '../../../main/repositories/claims';
import { runSearchCli } from '../../../main/search/cli';
import { searchLibrary } from '../../../main/search/searchLibrary';
import { anchorOf, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary, tempDir } from '../../support/library';

let library: Library;
let api: ApiClient;
let dataDir: string;
beforeEach(async () => {
  ({ library, api, dataDir } = openTestLibrary());
  await api.call('settings.update', { authorName: 'Editor Ed' });
});
afterEach(() => {
  library.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const claimIds = (result: SearchResult) => result.projects.flatMap((project) => project.claims.map((claim) => claim.id));
const search = (text: string, filters = {}) => api.call('search.query', { text, filters });
const db = () => library.ctx!.db;
const indexRows = () => (db().prepare(`SELECT COUNT(*) AS n FROM search_index`).get() as { n: number }).n;

async function markedClaim(fields: Record<string, unknown> = {}) {
  const p = await projectWithArticle(api);
  const claim = await api.call('claims.create', {
    articleId: p.article.id,
    anchor: anchorOf(p.article.text, 'Peskov'),
    fields: { statement: 'North Korean troops are in Kursk', ...fields },
  });
  return { ...p, claim };
}

describe('the index follows every write', () => {
  it('finds a claim by its statement, rationale, source and team note, and forgets old words after an edit', async () => {
    const { claim, project } = await markedClaim({ rationale: 'The ministry gave no zeppelinology evidence.' });
    expect(claimIds(await search('zeppelinology'))).toEqual([claim.id]);
    expect(claimIds(await search('kursk troops'))).toEqual([claim.id]);

    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Satellite pictures show otherwise.' } });
    expect(claimIds(await search('zeppelinology'))).toEqual([]);
    expect(claimIds(await search('satellite'))).toEqual([claim.id]);

    await api.call('sources.create', { claimId: claim.id, fields: { title: 'Quarterly hydrography bulletin', url: 'https://example.org/b' } });
    expect(claimIds(await search('hydrography'))).toEqual([claim.id]);
    await api.call('editorial.addTeamNote', { claimId: claim.id, text: 'Ask the archipelago desk.' });
    const hit = (await search('archipelago')).projects[0]!;
    expect(hit.projectId).toBe(project.id);
    expect(hit.claims[0]!.context).toMatchObject({ field: 'Team note' });
    expect(hit.claims[0]!.context!.excerpt.spans).toHaveLength(1);
  });

  it('removes a deleted claim and brings it back on undo (workbench.restore)', async () => {
    const { claim } = await markedClaim({ rationale: 'Quintessential marker word.' });
    await api.call('sources.create', { claimId: claim.id, fields: { title: 'Gazetteer', url: 'https://example.org/g' } });
    const before = indexRows();
    const removed = await api.call('workbench.deleteClaims', { ids: [claim.id] });
    expect(claimIds(await search('quintessential'))).toEqual([]);
    expect(indexRows()).toBe(before - 1);
    expect(db().prepare(`SELECT COUNT(*) AS n FROM search_records WHERE record_id = ?`).get(claim.id)).toEqual({ n: 0 });
    await api.call('workbench.restore', removed);
    expect(claimIds(await search('quintessential gazetteer'))).toEqual([claim.id]);
  });

  it('indexes a project-file import and a merge, and forgets a deleted project', async () => {
    const { claim, project } = await markedClaim({ rationale: 'Original wording.' });
    const ctx = library.ctx!;
    const payload = readProjectPayload(ctx, project.id)!;
    // An import into an empty library: the same rows, written by the importer.
    const other = openTestLibrary();
    try {
      const otherCtx = other.library.ctx!;
      insertProjectPayload(otherCtx, payload);
      const found = await other.api.call('search.query', { text: 'original wording' });
      expect(claimIds(found)).toEqual([claim.id]);
      // Their copy changes the rationale; merging it here re-indexes the claim.
      updateClaim(otherCtx, claim.id, { rationale: 'Revised after the phonebook check.' });
      const theirs = readProjectPayload(otherCtx, project.id)!;
      const ours = readProjectPayload(ctx, project.id)!;
      const outcome = resolveMerge(planMerge(ours, theirs), {}, { author: 'Editor Ed', now: new Date().toISOString(), newId: () => crypto.randomUUID() });
      writeMergeOutcome(ctx, ours, outcome);
    } finally {
      other.library.close();
      fs.rmSync(other.dataDir, { recursive: true, force: true });
    }
    expect(claimIds(await search('phonebook'))).toEqual([claim.id]);
    expect(claimIds(await search('original wording'))).toEqual([]);

    await api.call('projects.delete', { id: project.id });
    expect(indexRows()).toBe(0);
    expect(db().prepare(`SELECT COUNT(*) AS n FROM search_records`).get()).toEqual({ n: 0 });
  });
});

describe('search.query', () => {
  it('finds Arabic, Russian and Korean claims through their inflected forms', async () => {
    const ar = await markedClaim({ statement: 'أعلنت الحكومة عن زيادة الضرائب' });
    const ru = await markedClaim({ statement: 'Россия и КНДР расширяют сотрудничество в области обороны' });
    const ko = await markedClaim({ statement: '북한은 러시아에 병력을 파견했다' });
    expect(claimIds(await search('الحكومه'))).toEqual([ar.claim.id]);
    expect(claimIds(await search('сотрудничества обороны'))).toEqual([ru.claim.id]);
    const korean = await search('북한');
    expect(claimIds(korean)).toEqual([ko.claim.id]);
    expect(korean.projects[0]!.claims[0]!.statement.spans).toEqual([{ start: 0, end: 3 }]);
  });

  it('matches every word, the last as a prefix, and marks the words in the statement', async () => {
    const { claim } = await markedClaim({ statement: 'Exports of grain doubled in 2023' });
    await markedClaim({ statement: 'Exports of steel fell' });
    expect(claimIds(await search('grain export'))).toEqual([claim.id]);
    const typing = await search('exports gra');
    expect(claimIds(typing)).toEqual([claim.id]);
    const statement = typing.projects[0]!.claims[0]!.statement;
    expect(statement.spans.map((span) => statement.text.slice(span.start, span.end))).toEqual(['Exports', 'grain']);
  });

  it('ranks a match in the statement above one in the rationale', async () => {
    const inRationale = await markedClaim({ statement: 'A claim about budgets', rationale: 'Mentions lighthouse once.' });
    const inStatement = await markedClaim({ statement: 'The lighthouse was sold', rationale: 'Nothing else.' });
    expect(claimIds(await search('lighthouse'))).toEqual([inStatement.claim.id, inRationale.claim.id]);
  });

  it('applies the filters: status, verdict, claimant, tag, date, language, references only', async () => {
    const { claim, verdicts } = await markedClaim({ statement: 'Wheat harvest record', claimant: 'Minister Ivanov', tags: ['agriculture'], claimDate: '2024-05-02' });
    const falseVerdict = verdicts.find((verdict) => verdict.label === 'False')!;
    await api.call('claims.update', { id: claim.id, fields: { verdictId: falseVerdict.id, status: 'researching' } });
    const id = [claim.id];
    expect(claimIds(await search('wheat', { statuses: ['researching'] }))).toEqual(id);
    expect(claimIds(await search('wheat', { statuses: ['approved'] }))).toEqual([]);
    expect(claimIds(await search('wheat', { verdictLabels: ['false'] }))).toEqual(id);
    expect(claimIds(await search('wheat', { verdictLabels: ['True'] }))).toEqual([]);
    expect(claimIds(await search('wheat', { verdictLabels: ['No such verdict'] }))).toEqual([]);
    expect(claimIds(await search('wheat', { claimant: 'ivanov' }))).toEqual(id);
    expect(claimIds(await search('wheat', { claimant: 'Petrov' }))).toEqual([]);
    expect(claimIds(await search('wheat', { tag: 'Agriculture' }))).toEqual(id);
    expect(claimIds(await search('wheat', { tag: 'defence' }))).toEqual([]);
    expect(claimIds(await search('wheat', { from: '2024-05-01', to: '2024-05-31' }))).toEqual(id);
    expect(claimIds(await search('wheat', { from: '2024-06-01' }))).toEqual([]);
    expect(claimIds(await search('wheat', { language: 'en' }))).toEqual(id);
    expect(claimIds(await search('wheat', { language: 'ru' }))).toEqual([]);
    expect(claimIds(await search('wheat', { referencesOnly: true }))).toEqual([]);
    const hit = (await search('wheat')).projects[0]!.claims[0]!;
    expect(hit.verdict).toMatchObject({ id: falseVerdict.id, label: 'False' });
    expect(hit.status).toBe('researching');
  });

  it('finds reference fact-checks in their own group, and follows their edits and deletes', async () => {
    const collectionId = crypto.randomUUID();
    db().prepare(`INSERT INTO reference_collections (id, name, format, imported_at) VALUES (?, 'Set', 'csv', 't')`).run(collectionId);
    const id = crypto.randomUUID();
    db()
      .prepare(`INSERT INTO reference_checks (id, collection_id, url, claim_text, publisher, rating) VALUES (?, ?, 'https://example.org/fc', 'Vaccines contain microchips', 'AFP', 'False')`)
      .run(id, collectionId);
    const found = await search('microchip');
    expect(found.projects).toEqual([]);
    expect(found.references).toMatchObject([{ id, publisher: 'AFP', rating: 'False', url: 'https://example.org/fc' }]);
    expect((await search('microchip', { statuses: ['approved'] })).references).toEqual([]);
    db().prepare(`UPDATE reference_checks SET claim_text = 'Masks cause harm' WHERE id = ?`).run(id);
    expect((await search('microchip')).references).toEqual([]);
    db().prepare(`DELETE FROM reference_collections WHERE id = ?`).run(collectionId);
    expect((await search('masks')).references).toEqual([]);
    expect(indexRows()).toBe(0);
  });

  it('never fails on what is typed', async () => {
    await markedClaim({ statement: 'Prices rose (sharply) near the border' });
    const inputs = ['', '   ', '"', '""', '*', 'prices*', 'NEAR(prices rose)', 'prices OR rose', 'prices AND', '((prices', 'rose)', '^prices', 'main:prices', '-prices', '"unbalanced', '\u0000', '🙂', 'x'.repeat(100_000), 'prices '.repeat(20_000)];
    for (const text of inputs) {
      const result = await search(text);
      expect(result.projects.length, JSON.stringify(text.slice(0, 40))).toBeLessThanOrEqual(1);
    }
    expect(claimIds(await search('NEAR(prices rose)'))).toHaveLength(1);
    expect(claimIds(await search('"prices" OR'))).toEqual([]); // "or" is a word to find, not an operator
  });
});

describe('filters across the library (search.facets)', () => {
  it('offers the verdict labels of every scale, the languages and the tags, and a label finds its claims in every project', async () => {
    const generic = await markedClaim({ statement: 'Grain exports doubled', tags: ['agriculture', 'Trade'] });
    const other = await projectWithArticle(api, { language: 'ru' });
    const politifact = await api.call('verdicts.applyPreset', { projectId: other.project.id, preset: 'politifact' });
    const claimIn = (articleId: string, text: string, statement: string, fields: Record<string, unknown>) =>
      api.call('claims.create', { articleId, anchor: anchorOf(text, 'Peskov'), fields: { statement, ...fields } });
    const byLabel = (verdicts: { id: string; label: string }[], label: string) => verdicts.find((verdict) => verdict.label === label)!.id;
    await api.call('claims.update', { id: generic.claim.id, fields: { verdictId: byLabel(generic.verdicts, 'Mostly false') } });
    const mostlyFalse = await claimIn(other.article.id, other.article.text, 'Grain prices halved', { verdictId: byLabel(politifact, 'Mostly False'), tags: ['agriculture'] });
    const pants = await claimIn(other.article.id, other.article.text, 'Grain grows on the moon', { verdictId: byLabel(politifact, 'Pants on Fire') });
    const collectionId = crypto.randomUUID();
    db().prepare(`INSERT INTO reference_collections (id, name, format, imported_at) VALUES (?, 'Set', 'csv', 't')`).run(collectionId);
    db().prepare(`INSERT INTO reference_checks (id, collection_id, claim_text, language) VALUES (?, ?, 'Grain is blue', 'pt-BR')`).run(crypto.randomUUID(), collectionId);

    const facets = await api.call('search.facets', {});
    const labels = facets.verdicts.map((verdict) => verdict.label);
    // Two claims carry "Mostly false" (two spellings, one label), one "Pants on Fire"; the rest by label.
    expect(labels.slice(0, 2)).toEqual(['Mostly false', 'Pants on Fire']);
    expect(labels.filter((label) => label.toLowerCase() === 'mostly false')).toHaveLength(1);
    expect(labels.map((label) => label.toLowerCase())).toEqual(expect.arrayContaining(['misleading', 'unverifiable', 'half true', 'true']));
    expect(labels.slice(2)).toEqual([...labels.slice(2)].sort((a, b) => a.localeCompare(b)));
    expect(facets.verdicts[1]).toEqual({ label: 'Pants on Fire', colour: '#7f1d1d' });
    expect(facets.languages).toEqual(['en', 'pt-BR', 'ru']);
    expect(facets.tags).toEqual(['agriculture', 'Trade']);

    const found = await search('grain', { verdictLabels: ['MOSTLY FALSE'] });
    expect(new Set(claimIds(found))).toEqual(new Set([generic.claim.id, mostlyFalse.id]));
    expect(found.projects.map((project) => project.projectId).sort()).toEqual([generic.project.id, other.project.id].sort());
    expect(found.references).toEqual([]);
    expect(claimIds(await search('grain', { verdictLabels: ['Pants on Fire', 'mostly false'] }))).toHaveLength(3);
    expect(claimIds(await search('grain', { verdictLabels: ['pants on fire'] }))).toEqual([pants.id]);
    expect(claimIds(await search('grain', { language: 'ru', tag: 'AGRICULTURE' }))).toEqual([mostlyFalse.id]);
    expect((await search('grain', { language: 'pt' })).references).toHaveLength(1);
  });

  it('offers nothing in an empty library', async () => {
    expect(await api.call('search.facets', {})).toEqual({ verdicts: [], languages: [], tags: [] });
  });
});

describe('a very common word', () => {
  it('takes the newest matches instead of ranking them all, and says so', async () => {
    const ctx = library.ctx!;
    const first = await markedClaim({ statement: 'Grain, grain, grain in Kursk' });
    const second = await markedClaim({ statement: 'Grain prices rose' });
    const third = await markedClaim({ statement: 'Grain was exported' });
    // Ranked: the statement's repeats put the first claim on top.
    const ranked = searchLibrary(ctx, { text: 'grain' });
    expect(ranked.newestOnly).toBe(false);
    expect(claimIds(ranked)[0]).toBe(first.claim.id);

    // "grain" is in 3 records, more than this library may rank: the newest two, newest first.
    const newest = searchLibrary(ctx, { text: 'grain', limit: 2, rankAtMost: 2 });
    expect(newest.newestOnly).toBe(true);
    expect(newest.truncated).toBe(true);
    expect(claimIds(newest)).toEqual([third.claim.id, second.claim.id]);
    // The last word is a prefix: its count is that of every word it begins.
    expect(searchLibrary(ctx, { text: 'gra', rankAtMost: 2 }).newestOnly).toBe(true);
    // A rarer word beside it is cheap to rank.
    const narrowed = searchLibrary(ctx, { text: 'grain kursk', rankAtMost: 2 });
    expect(narrowed.newestOnly).toBe(false);
    expect(claimIds(narrowed)).toEqual([first.claim.id]);
    // Filters still apply on the newest path.
    expect(claimIds(searchLibrary(ctx, { text: 'grain', rankAtMost: 2, filters: { claimant: 'nobody' } }))).toEqual([]);
    expect((await search('grain')).newestOnly).toBe(false);
  });
});

describe('migration 7', () => {
  it('indexes the claims, sources, notes and articles of a library made at version 5', () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 5));
    old.exec(`
      INSERT INTO projects (id, title, created_at, updated_at) VALUES ('p', 'Old project', 't', 't');
      INSERT INTO articles (id, project_id, title, outlet, text, created_at, updated_at) VALUES ('a', 'p', 'Harbour news', 'Gazette', 'Budget rose.', 't', 't');
      INSERT INTO claims (id, project_id, article_id, number, anchor_start, anchor_end, anchor_exact, statement, rationale, created_at, updated_at)
        VALUES ('c', 'p', 'a', 1, 0, 6, 'Budget', 'The budget rose', 'Checked against the treasury ledger.', 't', 't');
      INSERT INTO sources (id, claim_id, position, title, url, created_at, updated_at) VALUES ('s', 'c', 0, 'Almanac', 'https://example.org/a', 't', 't');
      INSERT INTO team_notes (id, project_id, claim_id, author, text, created_at) VALUES ('n', 'p', 'c', 'x', 'Call the lighthouse keeper', 't');
    `);
    old.close();
    const { db: migrated } = openLibrary(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const ctx = createRepoContext(migrated);
      const find = (word: string) =>
        migrated
          .prepare(`SELECT r.kind, r.record_id FROM search_index JOIN search_records r ON r.rowid = search_index.rowid WHERE search_index MATCH ? ORDER BY r.kind`)
          .all(`"${word}"`);
      expect(find('ledger')).toEqual([{ kind: 'claim', record_id: 'c' }]);
      expect(find('almanac')).toEqual([{ kind: 'claim', record_id: 'c' }]);
      expect(find('lighthous')).toEqual([{ kind: 'claim', record_id: 'c' }]);
      expect(find('harbour')).toEqual([{ kind: 'article', record_id: 'a' }]);
      expect(find('gazett')).toEqual([{ kind: 'article', record_id: 'a' }]);
      expect(ctx.db.prepare(`SELECT COUNT(*) AS n FROM search_records`).get()).toEqual({ n: 2 });
    } finally {
      migrated.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run search', () => {
  it('prints project, claim number, verdict and statement, read-only', async () => {
    const { claim, project } = await markedClaim({ statement: 'The bridge cost twice as much', rationale: 'Tender documents.' });
    await api.call('projects.rename', { id: project.id, title: 'Bridges' });
    const lines: string[] = [];
    const errors: string[] = [];
    const code = runSearchCli(['bridge cost', '--data', dataDir], { out: (line) => lines.push(line), err: (line) => errors.push(line) });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(lines[0]).toBe('Bridges');
    expect(lines[1]).toMatch(new RegExp(`^  #${claim.number}  \\[no verdict, .+\\]  The bridge cost twice as much$`));
    expect(runSearchCli(['', '--data', dataDir], { out: (line) => lines.push(line), err: () => undefined })).toBe(0);
    expect(lines.at(-1)).toBe('Nothing to search for: give some words.');
    expect(runSearchCli([], { out: () => undefined, err: () => undefined })).toBe(2);
  });
});
