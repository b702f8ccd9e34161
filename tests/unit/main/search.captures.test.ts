/**
 * Captured pages in the library search (issue 13 item 2, migration 11): a capture's visible text
 * is kept with its capture-text row and searched as part of its claim's context; the result says
 * "Captured page". Removing the capture forgets its words; a teammate who imports the project
 * file, and a library made before migration 11, can search it too. Real SQLite files throughout.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeCapture } from '../../../main/capture/storeCapture';
import { putStream } from '../../../main/attachments/store';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import type { Library } from '../../../main/library';
import { exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { applyImport, readProjectFileFromPath } from '../../../main/projectFiles/importProject';
import { searchLibrary } from '../../../main/search/searchLibrary';
import type { PageCaptureResult } from '../../../main/services/pageCapture';
import type { ApiClient } from '../../../shared/api/client';
import type { SearchResult } from '../../../shared/api/contract.search';
import { anchorOf, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary, tempDir } from '../../support/library';

const opened: { library: Library; dataDir: string }[] = [];
let library: Library;
let api: ApiClient;
let dataDir: string;
const open = (dir?: string) => {
  const result = openTestLibrary(dir);
  opened.push(result);
  return result;
};
beforeEach(() => {
  ({ library, api, dataDir } = open());
});
afterEach(() => {
  for (const { library: each, dataDir: dir } of opened.splice(0)) {
    each.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const claimIds = (result: SearchResult) => result.projects.flatMap((project) => project.claims.map((claim) => claim.id));
const db = () => library.ctx!.db;

async function claimWithSource() {
  const p = await projectWithArticle(api);
  const claim = await api.call('claims.create', {
    articleId: p.article.id,
    anchor: anchorOf(p.article.text, 'Peskov'),
    fields: { statement: 'North Korean troops are in Kursk' },
  });
  const source = await api.call('sources.create', { claimId: claim.id, fields: { title: 'Ministry page', url: 'https://example.org/m' } });
  return { ...p, claim, source };
}

/** A capture as the capturer leaves it: a temp folder with the text file and a screenshot. */
function fakeCapture(text: string): PageCaptureResult {
  const folder = tempDir('factcheck-capture-');
  fs.writeFileSync(path.join(folder, 'page.txt'), text);
  fs.writeFileSync(path.join(folder, 'page.png'), Buffer.from('not really a png, but bytes all the same'));
  return {
    finalUrl: 'https://example.org/m',
    httpStatus: 200,
    capturedAt: '2026-12-01T08:00:00.000Z',
    folder,
    files: [
      { kind: 'capture-screenshot', name: 'page.png', mediaType: 'image/png', path: path.join(folder, 'page.png') },
      { kind: 'capture-text', name: 'page.txt', mediaType: 'text/plain', path: path.join(folder, 'page.txt') },
    ],
    text,
  };
}

const PAGE = 'Ministry of Defence. The brigade was seen near the Zaporozhetsky checkpoint on Tuesday, officials said.';

describe('captured page text in the library search', () => {
  it('finds a claim by a word only its captured page holds, says where, and forgets it when the capture is removed', async () => {
    const { claim, source } = await claimWithSource();
    expect(claimIds(await api.call('search.query', { text: 'zaporozhetsky' }))).toEqual([]);

    const stored = await storeCapture(library.ctx!, dataDir, source.id, fakeCapture(PAGE));
    const textRow = db().prepare(`SELECT id, search_text FROM attachments WHERE kind = 'capture-text'`).get() as { id: string; search_text: string };
    expect(textRow.search_text).toBe(PAGE);
    // Only the text is searchable: the screenshot row keeps none.
    expect(db().prepare(`SELECT search_text FROM attachments WHERE kind = 'capture-screenshot'`).get()).toEqual({ search_text: '' });

    const result = await api.call('search.query', { text: 'zaporozhetsky checkpoint' });
    expect(claimIds(result)).toEqual([claim.id]);
    const context = result.projects[0]!.claims[0]!.context!;
    expect(context.field).toBe('Captured page');
    expect(context.excerpt.text).toContain('Zaporozhetsky checkpoint');
    expect(context.excerpt.spans.map((span) => context.excerpt.text.slice(span.start, span.end))).toEqual(['Zaporozhetsky', 'checkpoint']);

    // An edit of the claim computes its row again, captured text included.
    await api.call('claims.update', { id: claim.id, fields: { rationale: 'Seen by two reporters.' } });
    expect(claimIds(await api.call('search.query', { text: 'zaporozhetsky reporters' }))).toEqual([claim.id]);

    await api.call('attachments.remove', { id: stored.find((a) => a.kind === 'capture-text')!.id });
    expect(claimIds(await api.call('search.query', { text: 'zaporozhetsky' }))).toEqual([]);
    expect(claimIds(await api.call('search.query', { text: 'kursk' }))).toEqual([claim.id]);
  });

  it('forgets the captured words when the source goes', async () => {
    const { claim, source } = await claimWithSource();
    await storeCapture(library.ctx!, dataDir, source.id, fakeCapture(PAGE));
    expect(claimIds(await api.call('search.query', { text: 'zaporozhetsky' }))).toEqual([claim.id]);
    await api.call('sources.delete', { id: source.id });
    expect(claimIds(await api.call('search.query', { text: 'zaporozhetsky' }))).toEqual([]);
    expect(claimIds(await api.call('search.query', { text: 'kursk' }))).toEqual([claim.id]);
  });

  it('excerpts a long page around its match, near its end', async () => {
    const { claim, source } = await claimWithSource();
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(15_000);
    await storeCapture(library.ctx!, dataDir, source.id, fakeCapture(`${filler}Finally the quartermaster signed.`));
    const result = await api.call('search.query', { text: 'quartermaster' });
    expect(claimIds(result)).toEqual([claim.id]);
    const context = result.projects[0]!.claims[0]!.context!;
    expect(context.field).toBe('Captured page');
    expect(context.excerpt.text.length).toBeLessThan(300);
    expect(context.excerpt.text).toMatch(/quartermaster signed\.$/);
  });

  it('searches the captures of a project imported from a teammate’s file', async () => {
    const { claim, source, project } = await claimWithSource();
    await storeCapture(library.ctx!, dataDir, source.id, fakeCapture(PAGE));
    const file = path.join(tempDir('factcheck-export-'), 'project.factcheck');
    exportProjectToFile(library.ctx!, project.id, file, { appVersion: 'test' });

    const teammate = open();
    applyImport(teammate.library.ctx!, readProjectFileFromPath(file));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const found = searchLibrary(teammate.library.ctx!, { text: 'zaporozhetsky' });
    expect(claimIds(found)).toEqual([claim.id]);
    expect(found.projects[0]!.claims[0]!.context?.field).toBe('Captured page');
  });

  it('indexes the captures of a library made at version 10, from their stored files', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'library.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 10));
    const stored = await putStream(dir, Readable.from([Buffer.from(PAGE)]));
    old.exec(`
      INSERT INTO projects (id, title, created_at, updated_at) VALUES ('p', 'Old project', 't', 't');
      INSERT INTO articles (id, project_id, title, outlet, text, created_at, updated_at) VALUES ('a', 'p', 'Harbour news', 'Gazette', 'Budget rose.', 't', 't');
      INSERT INTO claims (id, project_id, article_id, number, anchor_start, anchor_end, anchor_exact, statement, created_at, updated_at)
        VALUES ('c', 'p', 'a', 1, 0, 6, 'Budget', 'The budget rose', 't', 't');
      INSERT INTO sources (id, claim_id, position, title, url, created_at, updated_at) VALUES ('s', 'c', 0, 'Almanac', 'https://example.org/a', 't', 't');
      INSERT INTO attachments (id, project_id, source_id, sha256, name, media_type, size, kind, added_at)
        VALUES ('t', 'p', 's', '${stored.sha256}', 'capture-page.txt', 'text/plain', ${stored.size}, 'capture-text', 't');
    `);
    old.close();
    const migrated = open(dir);
    const ctx = migrated.library.ctx!;
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(claimIds(searchLibrary(ctx, { text: 'zaporozhetsky' }))).toEqual(['c']);
  });

  it('reads the captured pages of a result by index', async () => {
    const { claim } = await claimWithSource();
    const plan = db()
      .prepare(
        `EXPLAIN QUERY PLAN SELECT a.search_text FROM sources s JOIN attachments a ON a.source_id = s.id
         WHERE s.claim_id = ? AND a.kind = 'capture-text' AND a.search_text <> '' ORDER BY s.position, a.added_at, a.id`,
      )
      .all(claim.id) as { detail: string }[];
    const details = plan.map((row) => row.detail);
    expect(details.filter((detail) => /^SCAN /.test(detail))).toEqual([]);
    expect(details.join(' | ')).toMatch(/SEARCH a USING INDEX attachments_by_source \(source_id=\?\)/);
  });
});
