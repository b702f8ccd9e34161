import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../shared/api/channels';
import { contract, type RequestOf } from '../../../shared/api/contract';
import type { ApiClient } from '../../../shared/api/client';
import type { Library } from '../../../main/library';
import { readChanges } from '../../../main/projectFiles/projectStore';
import { anchorOf, expectError, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary } from '../../support/library';

let library: Library;
let api: ApiClient;
beforeEach(() => {
  ({ library, api } = openTestLibrary());
});
afterEach(() => library.close());

const setup = () => projectWithArticle(api, { url: 'https://tass.com/politics/1859999' });

/** The project's history as the library holds it, newest first (no channel lists it whole). */
function historyOf(projectId: string, filter: { entityType?: string; entityId?: string } = {}) {
  return readChanges(library.ctx!, projectId)
    .reverse()
    .filter((change) => (filter.entityType ?? change.entityType) === change.entityType && (filter.entityId ?? change.entityId) === change.entityId);
}

const claimsOf = async (articleId: string) => (await api.call('workbench.loadArticle', { id: articleId })).claims;

/** A request each channel's schema accepts, about records that do not exist (or harmless ones). */
const MISSING = '00000000-0000-4000-8000-00000000dead';
const VALID_REQUESTS: { [C in Channel]: RequestOf<C> } = {
  'app.info': {},
  'settings.get': {},
  'settings.update': {},
  'projects.list': {},
  'projects.get': { id: MISSING },
  'projects.create': { title: 'Probe' },
  'projects.rename': { id: MISSING, title: 'Probe' },
  'projects.delete': { id: MISSING },
  'articles.create': { projectId: MISSING, title: 'T', outlet: '', author: '', url: '', publishedDate: '', language: '', direction: 'ltr', text: 'Text.' },
  'articles.update': { id: MISSING, text: 'Text.' },
  'articles.delete': { id: MISSING },
  'claims.create': { articleId: MISSING, anchor: { start: 0, end: 4, exact: 'Text', prefix: '', suffix: '.' } },
  'claims.update': { id: MISSING, fields: { claimant: 'X' } },
  'sources.create': { claimId: MISSING },
  'sources.update': { id: MISSING, fields: { title: 'S' } },
  'sources.delete': { id: MISSING },
  'verdicts.create': { projectId: MISSING, fields: { label: 'V', description: '', colour: '#000000', ratingValue: null } },
  'verdicts.update': { id: MISSING, fields: { label: 'V' } },
  'verdicts.reorder': { projectId: MISSING, orderedIds: [MISSING] },
  'verdicts.delete': { id: MISSING },
  'verdicts.applyPreset': { projectId: MISSING, preset: 'generic' },
  'reports.preview': { projectId: MISSING },
  'reports.export': { projectId: MISSING, format: 'html' },
  'projectFiles.export': { projectId: MISSING },
  'projectFiles.inspect': {},
  'projectFiles.apply': { importId: 'no-such-import' },
  'projectFiles.discard': { importId: 'no-such-import' },
  'projectFiles.backups': { projectId: MISSING },
  'projectFiles.restoreBackup': { backupId: MISSING },
  'workbench.loadArticle': { id: MISSING },
  'workbench.deleteClaims': { ids: [MISSING] },
  'workbench.deleteArticle': { id: MISSING },
  'workbench.restore': { claims: [], sources: [] },
  'workbench.setAnchors': { articleId: MISSING, anchors: [] },
  'workbench.claimHistory': { claimId: MISSING },
  'workbench.verdictUsage': { projectId: MISSING },
  'editorial.claimRecord': { claimId: MISSING },
  'editorial.addTeamNote': { claimId: MISSING, text: 'Note' },
  'editorial.addCorrection': { claimId: MISSING, kind: 'correction', text: 'Fixed' },
  'editorial.keepNewQuote': { claimId: MISSING },
  'editorial.claimantType': { name: 'Nobody' },
  'editorial.updateProject': { id: MISSING, description: 'D' },
  'editorial.markPublished': { projectId: MISSING, exportIds: [MISSING] },
  'editorial.publications': { projectId: MISSING },
  'libraryBackups.list': {},
  'libraryBackups.create': {},
  'libraryBackups.restore': { id: 'library-20000101-000000-manual.sqlite' },
  'tasks.cancel': { taskId: 'no-such-task' },
  'attachments.list': { claimId: MISSING },
  'attachments.addFromPath': { sourceId: MISSING },
  'attachments.uploadBegin': { sourceId: MISSING, name: 'probe.txt', mediaType: 'text/plain', size: 1 },
  'attachments.uploadChunk': { uploadId: MISSING, index: 0, base64: '' },
  'attachments.uploadFinish': { uploadId: MISSING },
  'attachments.uploadAbort': { uploadId: MISSING },
  'attachments.remove': { id: MISSING },
  'attachments.read': { id: MISSING },
  'attachments.openExternal': { id: MISSING },
  'attachments.capture': { sourceId: MISSING },
  'attachments.captureQueue': { claimId: MISSING },
  'claimLinks.list': { claimId: MISSING },
  'claimLinks.add': { claimId: MISSING, target: { kind: 'claim', id: MISSING } },
  'claimLinks.remove': { id: MISSING },
  'claimLinks.startFrom': { claimId: MISSING, target: { kind: 'reference', id: MISSING } },
  'references.inspect': {},
  'references.import': { path: path.join(__dirname, 'no-such-references.tsv'), collectionName: 'Probe' },
  'references.collections': {},
  'references.deleteCollection': { id: MISSING },
  'matching.checkedBefore': { claimId: MISSING },
  'search.query': { text: 'probe' },
  'search.facets': {},
  'files.showInFolder': { path: 'never-written.html' },
  'files.open': { path: 'never-written.html' },
};

const gone = (what: string) => `not_found: That ${what} no longer exists. It may have been deleted.`;
/** What each handler answers to VALID_REQUESTS in an empty library (dialogs are cancelled). */
const HANDLER_OUTCOMES: Record<Channel, string> = {
  'app.info': 'ok',
  'settings.get': 'ok',
  'settings.update': 'ok',
  'projects.list': 'ok',
  'projects.get': gone('project'),
  'projects.create': 'ok',
  'projects.rename': gone('project'),
  'projects.delete': gone('project'),
  'articles.create': gone('project'),
  'articles.update': gone('article'),
  'articles.delete': gone('article'),
  'claims.create': gone('article'),
  'claims.update': gone('claim'),
  'sources.create': gone('claim'),
  'sources.update': gone('source'),
  'sources.delete': gone('source'),
  'verdicts.create': gone('project'),
  'verdicts.update': gone('verdict'),
  'verdicts.reorder': 'invalid_request: The new order must list every verdict of the scale exactly once.',
  'verdicts.delete': gone('verdict'),
  'verdicts.applyPreset': gone('project'),
  'reports.preview': gone('project'),
  'reports.export': gone('project'),
  'projectFiles.export': gone('project'),
  'projectFiles.inspect': 'ok',
  'projectFiles.apply': 'not_found: That import is no longer open (the app may have restarted). Open the file again.',
  'projectFiles.discard': 'ok',
  'projectFiles.backups': gone('project'),
  'projectFiles.restoreBackup': 'not_found: That backup no longer exists. Only the newest few backups of each project are kept.',
  'workbench.loadArticle': gone('article'),
  'workbench.deleteClaims': gone('claim'),
  'workbench.deleteArticle': gone('article'),
  'workbench.restore': 'ok',
  'workbench.setAnchors': gone('article'),
  'workbench.claimHistory': 'ok',
  'workbench.verdictUsage': gone('project'),
  'editorial.claimRecord': gone('claim'),
  'editorial.addTeamNote': gone('claim'),
  'editorial.addCorrection': gone('claim'),
  'editorial.keepNewQuote': gone('claim'),
  'editorial.claimantType': 'ok',
  'editorial.updateProject': gone('project'),
  'editorial.markPublished': gone('project'),
  'editorial.publications': gone('project'),
  'libraryBackups.list': 'ok',
  'libraryBackups.create': 'ok',
  'libraryBackups.restore': 'not_found: That backup no longer exists. It may have been removed as too old.',
  'tasks.cancel': 'ok',
  'attachments.list': gone('claim'),
  'attachments.addFromPath': gone('source'),
  'attachments.uploadBegin': gone('source'),
  'attachments.uploadChunk': 'not_found: That upload is no longer open. Drop the file again.',
  'attachments.uploadFinish': 'not_found: That upload is no longer open. Drop the file again.',
  'attachments.uploadAbort': 'ok',
  'attachments.remove': 'not_found: That evidence file is no longer attached. It may have been removed.',
  'attachments.read': 'not_found: That evidence file is no longer attached. It may have been removed.',
  'attachments.openExternal': 'not_found: That evidence file is no longer attached. It may have been removed.',
  'attachments.capture': gone('source'),
  'attachments.captureQueue': gone('claim'),
  'claimLinks.list': gone('claim'),
  'claimLinks.add': gone('claim'),
  'claimLinks.remove': 'not_found: That link is no longer there.',
  'claimLinks.startFrom': gone('claim'),
  'references.inspect': 'ok',
  'references.import': 'not_found: “no-such-references.tsv” was not found. It may have been moved or deleted.',
  'references.collections': 'ok',
  'references.deleteCollection': gone('collection'),
  'matching.checkedBefore': gone('claim'),
  'search.query': 'ok',
  'search.facets': 'ok',
  'files.showInFolder': 'forbidden: Only files this app saved since it was started can be shown or opened from here.',
  'files.open': 'forbidden: Only files this app saved since it was started can be shown or opened from here.',
};

describe('registry', () => {
  it('answers unknown channels and malformed requests with a readable error, never a throw', async () => {
    expect(await library.registry.dispatch('projects.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await library.registry.dispatch('projects.create', { title: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'title' } });
    expect(await library.registry.dispatch('projects.create', { title: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await library.registry.dispatch('projects.get', { id: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'id' } });
    expect(await library.registry.dispatch('projects.get', null)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('lists exactly the channels of the contract', () => {
    expect(library.registry.channels).toEqual(CHANNELS);
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
  });

  it('has a handler for every channel: a valid request reaches it and gets its answer', async () => {
    // A missing handler answers `internal` (calling undefined throws inside dispatch), a channel
    // the registry does not know `unknown_channel`, a schema that refuses the request
    // `invalid_request`: each is a different outcome from the one the handler gives.
    const outcomes: Record<string, string> = {};
    for (const channel of CHANNELS) {
      const result = await library.registry.dispatch(channel, VALID_REQUESTS[channel]);
      outcomes[channel] = result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`;
    }
    expect(outcomes).toEqual(HANDLER_OUTCOMES);
  });

  it('refuses, on every channel, a request with a key its schema does not know (strict schemas)', async () => {
    for (const channel of CHANNELS) {
      const result = await library.registry.dispatch(channel, { ...(VALID_REQUESTS[channel] as object), __probe: true });
      expect(result, channel).toEqual({ ok: false, error: { code: 'invalid_request', message: 'Unrecognized key: "__probe".' } });
    }
  });

  it.each(['projects.drop', '', 'PROJECTS.LIST', 'api:projects.list', 'projects.list ', 'constructor', '__proto__', 'toString', 42, null, undefined])(
    'answers the unknown channel %j with unknown_channel',
    async (name) => {
      expect(await library.registry.dispatch(name, {})).toEqual({
        ok: false,
        error: { code: 'unknown_channel', message: `The app has no action called “${String(name)}”.` },
      });
    },
  );
});

describe('projects', () => {
  it('creates, lists, renames and deletes projects, with a default verdict scale', async () => {
    const project = await api.call('projects.create', { title: '  Election night  ' });
    expect(project.title).toBe('Election night');
    const overview = await api.call('projects.get', { id: project.id });
    expect(overview.verdicts.map((verdict) => verdict.label)).toEqual(['True', 'Mostly true', 'Half true', 'Mostly false', 'False', 'Misleading', 'Unverifiable']);
    expect(overview.progress).toEqual({ unchecked: 0, researching: 0, in_review: 0, approved: 0 });

    await api.call('projects.rename', { id: project.id, title: 'Election night 2024' });
    const list = await api.call('projects.list', {});
    expect(list).toMatchObject([{ id: project.id, title: 'Election night 2024', articleCount: 0, claimCount: 0 }]);

    await api.call('projects.delete', { id: project.id });
    expect(await api.call('projects.list', {})).toEqual([]);
    expect(library.db!.prepare('SELECT COUNT(*) AS n FROM verdicts').get()).toEqual({ n: 0 });
    await expectError(api.call('projects.get', { id: project.id }), 'not_found', /no longer exists/);
  });

  it('refuses an empty or whitespace title', async () => {
    await expectError(api.call('projects.create', { title: '   ' }), 'invalid_request', /Give the project a title/);
    await expectError(api.call('projects.create', { title: 'x'.repeat(501) }), 'invalid_request');
  });

  it('records history for the project', async () => {
    const project = await api.call('projects.create', { title: 'One' });
    await api.call('settings.update', { authorName: 'Dana Editor' });
    await api.call('projects.rename', { id: project.id, title: 'Two' });
    const history = historyOf(project.id, { entityType: 'project' });
    expect(history[0]).toMatchObject({ op: 'update', author: 'Dana Editor', fields: { title: { before: 'One', after: 'Two' } } });
    expect(history.at(-1)).toMatchObject({ op: 'create' });
  });
});

describe('articles', () => {
  it('stores normalised text and metadata', async () => {
    const { project, article } = await setup();
    expect(article.text.startsWith('date 2024-10-21 MOSCOW')).toBe(true);
    expect(article.text).not.toMatch(/\r|[ \t]+$/m);
    const stored = (await api.call('workbench.loadArticle', { id: article.id })).article;
    expect(stored).toEqual(article);
    const overview = await api.call('projects.get', { id: project.id });
    expect(overview.articles).toMatchObject([{ id: article.id, title: 'Peskov on DPRK', textLength: article.text.length, claimCount: 0 }]);
  });

  it('cleans NUL bytes and lone surrogates, keeps emoji', async () => {
    const project = await api.call('projects.create', { title: 'Odd text' });
    const article = await api.call('articles.create', {
      projectId: project.id,
      title: 'Odd',
      outlet: '',
      author: '',
      url: '',
      publishedDate: '',
      language: '',
      direction: 'ltr',
      text: 'A\u0000B \ud800 C 👍🏽\r\n\r\n\r\n\r\nNext   ',
    });
    expect(article.text).toBe('AB \ufffd C 👍🏽\n\nNext');
  });

  it('refuses bad metadata with a message for the field', async () => {
    const project = await api.call('projects.create', { title: 'P' });
    const base = { projectId: project.id, title: 'T', outlet: '', author: '', url: '', publishedDate: '', language: '', direction: 'ltr' as const, text: 'Text.' };
    expect((await expectError(api.call('articles.create', { ...base, url: 'not a url' }), 'invalid_request', /http:\/\/ or https:\/\//)).field).toBe('url');
    expect((await expectError(api.call('articles.create', { ...base, url: 'javascript:alert(1)' }), 'invalid_request')).field).toBe('url');
    expect((await expectError(api.call('articles.create', { ...base, publishedDate: '2999-01-01' }), 'invalid_request', /in the future/)).field).toBe('publishedDate');
    expect((await expectError(api.call('articles.create', { ...base, publishedDate: '21/10/2024' }), 'invalid_request')).field).toBe('publishedDate');
    expect((await expectError(api.call('articles.create', { ...base, title: ' ' }), 'invalid_request', /title/)).field).toBe('title');
    expect((await expectError(api.call('articles.create', { ...base, text: ' \n ' }), 'invalid_request', /Paste the article text/)).field).toBe('text');
    await expectError(api.call('articles.create', { ...base, text: 'x'.repeat(5_000_001) }), 'invalid_request', /too long/);
    await expectError(api.call('articles.create', { ...base, projectId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
    expect(library.db!.prepare('SELECT COUNT(*) AS n FROM articles').get()).toEqual({ n: 0 });
  });

  it('re-anchors claims when the text changes and orphans the ones it cannot find', async () => {
    const { article } = await setup();
    const kept = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Cooperation between Russia and North Korea is not directed against other countries') });
    const lost = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'North Korea is our close neighbor, our partner') });
    const newText = 'UPDATED: ' + article.text.replace('"North Korea is our close neighbor, our partner, and we are developing our relations in all areas. This is our sovereign right," the spokesman emphasized.', 'A paragraph that was rewritten entirely by the editors later on.');
    const { orphanedClaimIds } = await api.call('articles.update', { id: article.id, text: newText });
    expect(orphanedClaimIds).toEqual([lost.id]);
    const claims = await claimsOf(article.id);
    const keptNow = claims.find((claim) => claim.id === kept.id)!;
    expect(keptNow.anchorState).toBe('anchored');
    expect(keptNow.anchor.start).toBe(kept.anchor.start + 'UPDATED: '.length);
    expect(newText.slice(keptNow.anchor.start, keptNow.anchor.end)).toBe(kept.anchor.exact);
    expect(claims.find((claim) => claim.id === lost.id)).toMatchObject({ anchorState: 'orphaned', anchor: { exact: lost.anchor.exact } });
  });

  it('deletes an article with its claims and sources, each recorded in the history', async () => {
    const { project, article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Dmitry Peskov') });
    await api.call('sources.create', { claimId: claim.id, fields: { title: 'Kremlin transcript' } });
    await api.call('articles.delete', { id: article.id });
    for (const table of ['articles', 'claims', 'sources']) {
      expect(library.db!.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    const deletions = historyOf(project.id).filter((change) => change.op === 'delete');
    expect(deletions.map((change) => change.entityType)).toEqual(['article', 'claim', 'source']);
  });
});

describe('claims and sources', () => {
  it('creates a claim from an anchor, edits each field, and lists claims in reading order', async () => {
    const { project, article } = await setup();
    const later = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'This is our sovereign right') });
    const first = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Dmitry Peskov told reporters') });
    expect(first.statement).toBe('Dmitry Peskov told reporters');
    expect(first.status).toBe('unchecked');
    const verdicts = (await api.call('projects.get', { id: project.id })).verdicts;
    const updated = await api.call('claims.update', {
      id: first.id,
      fields: { claimant: 'Dmitry Peskov', verdictId: verdicts[4]!.id, rationale: 'See [1].', status: 'in_review', tags: ['kremlin'], claimDate: '2024-10-21' },
    });
    expect(updated).toMatchObject({ claimant: 'Dmitry Peskov', verdictId: verdicts[4]!.id, status: 'in_review', tags: ['kremlin'] });
    expect((await claimsOf(article.id)).map((claim) => claim.id)).toEqual([first.id, later.id]);
    expect((await api.call('projects.get', { id: project.id })).progress).toEqual({ unchecked: 1, researching: 0, in_review: 1, approved: 0 });
    const history = historyOf(project.id, { entityId: first.id });
    expect(history[0]!.fields).toMatchObject({ claimant: { before: '', after: 'Dmitry Peskov' }, status: { before: 'unchecked', after: 'in_review' } });
  });

  it('refuses anchors outside the text or not matching it, and verdicts of another project', async () => {
    const { article } = await setup();
    await expectError(api.call('claims.create', { articleId: article.id, anchor: { start: 0, end: 999_999, exact: 'x', prefix: '', suffix: '' } }), 'invalid_request');
    await expectError(api.call('claims.create', { articleId: article.id, anchor: { start: 5, end: 5, exact: '', prefix: '', suffix: '' } }), 'invalid_request', /Select some text/);
    await expectError(api.call('claims.create', { articleId: article.id, anchor: { start: 0, end: 4, exact: 'nope', prefix: '', suffix: '' } }), 'conflict', /changed/);
    await expectError(api.call('claims.create', { articleId: article.id, anchor: { ...anchorOf(article.text, 'Peskov'), exact: 'x'.repeat(10_001) } }), 'invalid_request', /at most 10000/);
    const other = await api.call('projects.create', { title: 'Other' });
    const foreignVerdict = (await api.call('projects.get', { id: other.id })).verdicts[0]!;
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov') });
    await expectError(api.call('claims.update', { id: claim.id, fields: { verdictId: foreignVerdict.id } }), 'invalid_request', /scale/);
  });

  it('keeps a claimant with HTML as plain text', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov'), fields: { claimant: '<img src=x onerror=alert(1)>' } });
    expect((await claimsOf(article.id))[0]!.claimant).toBe('<img src=x onerror=alert(1)>');
    expect(claim.claimant).toBe('<img src=x onerror=alert(1)>');
  });

  it('adds, edits, renumbers and deletes sources; refuses javascript: URLs', async () => {
    const { article } = await setup();
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov') });
    const a = await api.call('sources.create', { claimId: claim.id, fields: { title: 'A', url: 'https://kremlin.ru/events' } });
    const b = await api.call('sources.create', { claimId: claim.id, fields: { title: 'B' } });
    const c = await api.call('sources.create', { claimId: claim.id });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    await expectError(api.call('sources.update', { id: c.id, fields: { url: 'javascript:alert(1)' } }), 'invalid_request', /http/);
    await api.call('sources.update', { id: c.id, fields: { title: 'C', publisher: 'Reuters', accessedDate: '2024-10-22' } });
    await api.call('sources.delete', { id: a.id });
    const data = await api.call('workbench.loadArticle', { id: article.id });
    expect(data.sources.map((source) => [source.title, source.position])).toEqual([['B', 0], ['C', 1]]);
  });
});

describe('verdict scales', () => {
  it('adds, renames, reorders and deletes verdicts; a verdict in use needs a replacement', async () => {
    const { project, article } = await setup();
    const scale = (await api.call('projects.get', { id: project.id })).verdicts;
    const added = await api.call('verdicts.create', { projectId: project.id, fields: { label: 'Satire', description: '', colour: '#0e7490', ratingValue: null } });
    expect(added.position).toBe(scale.length);
    await api.call('verdicts.update', { id: added.id, fields: { label: 'Satire or parody' } });
    const reordered = await api.call('verdicts.reorder', { projectId: project.id, orderedIds: [added.id, ...scale.map((verdict) => verdict.id)] });
    expect(reordered[0]!.label).toBe('Satire or parody');
    await expectError(api.call('verdicts.reorder', { projectId: project.id, orderedIds: [added.id] }), 'invalid_request');

    const falseVerdict = scale.find((verdict) => verdict.label === 'False')!;
    const claim = await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov'), fields: { verdictId: falseVerdict.id } });
    await expectError(api.call('verdicts.delete', { id: falseVerdict.id }), 'conflict', /1 claim uses the verdict “False”/);
    const mostlyFalse = scale.find((verdict) => verdict.label === 'Mostly false')!;
    await api.call('verdicts.delete', { id: falseVerdict.id, replacementId: mostlyFalse.id });
    expect((await claimsOf(article.id))[0]!.verdictId).toBe(mostlyFalse.id);
    expect(historyOf(project.id, { entityId: claim.id })[0]!.fields).toMatchObject({ verdictId: { before: falseVerdict.id, after: mostlyFalse.id } });
    const positions = (await api.call('projects.get', { id: project.id })).verdicts.map((verdict) => verdict.position);
    expect(positions).toEqual(positions.map((_, index) => index));
  });

  it('applies a preset, keeping verdicts of the same label and refusing to drop one in use', async () => {
    const { project, article } = await setup();
    const scale = (await api.call('projects.get', { id: project.id })).verdicts;
    const politifact = await api.call('verdicts.applyPreset', { projectId: project.id, preset: 'politifact' });
    expect(politifact.map((verdict) => verdict.label)).toEqual(['True', 'Mostly True', 'Half True', 'Mostly False', 'False', 'Pants on Fire']);
    expect(politifact[0]!.id).toBe(scale[0]!.id);
    await api.call('claims.create', { articleId: article.id, anchor: anchorOf(article.text, 'Peskov'), fields: { verdictId: politifact[5]!.id } });
    await expectError(api.call('verdicts.applyPreset', { projectId: project.id, preset: 'conclusion' }), 'conflict', /Pants on Fire/);
    expect((await api.call('projects.get', { id: project.id })).verdicts).toHaveLength(6);
  });
});

describe('settings and info', () => {
  it('reads defaults, saves partial updates, refuses bad values', async () => {
    expect(await api.call('settings.get', {})).toEqual({
      authorName: '',
      organisationName: '',
      organisationLogo: '',
      reportBaseUrl: '',
      dateFormat: 'system',
    });
    await api.call('settings.update', { dateFormat: 'iso' });
    expect((await api.call('settings.get', {})).dateFormat).toBe('iso');
    await expectError(api.call('settings.update', { dateFormat: 'yyyy' as never }), 'invalid_request');
    // A value this app cannot use (written by another version) reads as the default.
    library.db!.prepare(`UPDATE settings SET value = '"lunar"' WHERE key = 'dateFormat'`).run();
    expect((await api.call('settings.get', {})).dateFormat).toBe('system');
    await api.call('settings.update', { organisationName: 'Newsroom Check' });
    expect(await api.call('settings.get', {})).toMatchObject({ organisationName: 'Newsroom Check' });
    await expectError(api.call('settings.update', { reportBaseUrl: 'ftp://x' }), 'invalid_request');
    await expectError(api.call('settings.update', { organisationLogo: 'data:text/html;base64,PHNjcmlwdD4=' }), 'invalid_request', /PNG, JPEG or SVG/);
    const info = await api.call('app.info', {});
    expect(info.dataPath).toBe(library.path);
  });
});

describe('storage failures', () => {
  it('turns a full disk into a clear message and keeps what was saved', async () => {
    const project = await api.call('projects.create', { title: 'Saved before the disk filled' });
    // Cap the file at its current size: the next page SQLite needs fails with SQLITE_FULL.
    library.db!.pragma('wal_checkpoint(TRUNCATE)');
    const pages = library.db!.pragma('page_count', { simple: true }) as number;
    library.db!.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(4_000_000);
    const error = await expectError(
      api.call('articles.create', { projectId: project.id, title: 'Huge', outlet: '', author: '', url: '', publishedDate: '', language: '', direction: 'ltr', text: big }),
      'storage_full',
      /disk is full/,
    );
    expect(error.message).toMatch(/nothing already saved was lost/);
    expect((await api.call('projects.list', {})).map((p) => p.title)).toEqual(['Saved before the disk filled']);
  });

  it('answers every call with the open error when the library cannot be opened', async () => {
    const { dataDir } = openTestLibrary();
    fs.writeFileSync(path.join(dataDir, 'library.sqlite.bad'), '');
    const broken = path.join(path.dirname(library.path), '..', 'broken-lib');
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'library.sqlite'), 'garbage garbage garbage garbage');
    const { library: failed, api: failedApi } = openTestLibrary(broken);
    expect(failed.openError?.code).toBe('database_corrupt');
    await expectError(failedApi.call('projects.list', {}), 'database_corrupt', /damaged/);
  });
});
