import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import { importReferenceFile } from '../../../main/references/importReferences';
import type { EventSink } from '../../../main/services/events';
import { createCancelFlags, startTask } from '../../../main/tasks/tasks';
import type { TaskProgress } from '../../../shared/api/contract.tasks';
import { expectError } from '../../support/apiHelpers';
import { openTestLibrary, tempDir } from '../../support/library';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'references');
const fixture = (name: string) => path.join(FIXTURES, name);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function library() {
  const opened = openTestLibrary();
  dirs.push(opened.dataDir);
  return opened;
}

/** A CheckThat!-shaped TSV of `count` rows in a temp folder. */
function bigTsv(count: number): string {
  const dir = tempDir('factcheck-references-');
  dirs.push(dir);
  const file = path.join(dir, 'verified_claims.docs.tsv');
  const lines = ['\tvclaim\ttitle'];
  for (let i = 0; i < count; i++) lines.push(`vclaim-sno-${i}\tClaim number ${i} said something checkable about ${i % 97} things.\tTitle ${i}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

type Row = Record<string, string | number>;
const checks = (db: ReturnType<typeof library>['library']['ctx'], collectionId: string) =>
  db!.db.prepare(`SELECT external_id, url, claim_text, title, publisher, rating, review_date, language FROM reference_checks WHERE collection_id = ? ORDER BY external_id`).all(collectionId) as Row[];

describe('importing reference fact-checks', () => {
  it('imports the CheckThat! TSV without a mapping, and lists the collection with its count', async () => {
    const { api, library: lib } = library();
    const inspection = await api.call('references.inspect', { path: fixture('verified_claims.docs.tsv') });
    expect(inspection).toMatchObject({ format: 'tsv', needsMapping: false, itemCount: 20, countIsEstimate: false, columns: ['Column 1', 'vclaim', 'title'] });
    expect(inspection!.sample).toHaveLength(5);
    expect(inspection!.sample[0]).toMatchObject({ externalId: 'vclaim-sno-00001', title: 'Shark Swimming on Flooded Highway' });

    const result = await api.call('references.import', { path: fixture('verified_claims.docs.tsv'), collectionName: 'CheckThat 2020' });
    expect(result).toMatchObject({ collectionName: 'CheckThat 2020', added: 20, merged: 0, skipped: 0 });
    const rows = checks(lib.ctx, result.collectionId);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatchObject({ external_id: 'vclaim-sno-00001', claim_text: 'Says a photo shows a shark swimming on a flooded highway in Houston.', publisher: '' });

    const collections = await api.call('references.collections', {});
    expect(collections).toEqual([expect.objectContaining({ id: result.collectionId, name: 'CheckThat 2020', format: 'tsv', sourceFile: 'verified_claims.docs.tsv', itemCount: 20 })]);

    // Importing again into the same name merges every row instead of adding it twice.
    const again = await api.call('references.import', { path: fixture('verified_claims.docs.tsv'), collectionName: 'CheckThat 2020' });
    expect(again).toMatchObject({ collectionId: result.collectionId, added: 0, merged: 20 });
    expect(checks(lib.ctx, result.collectionId)).toHaveLength(20);
    lib.close();
  });

  it('merges duplicates by URL or id (the later updates the earlier), drops bad links and counts items without claim text', async () => {
    const { api, library: lib } = library();
    const result = await api.call('references.import', { path: fixture('duplicates.csv'), collectionName: 'Dups' });
    expect(result).toMatchObject({ added: 3, merged: 3, skipped: 2 });
    expect(checks(lib.ctx, result.collectionId)).toEqual([
      { external_id: 'c1', url: 'https://dups.example.org/1', claim_text: 'First claim (updated)', title: '', publisher: 'Dups', rating: 'Mostly false', review_date: '2020-01-01', language: 'en' },
      { external_id: 'c3', url: 'https://dups.example.org/3', claim_text: 'Third claim now with a link', title: '', publisher: 'Dups', rating: 'False', review_date: '2020-01-03', language: 'en' },
      { external_id: 'c9', url: 'https://dups.example.org/2', claim_text: 'Second claim again', title: '', publisher: 'Dups', rating: 'True', review_date: '2020-01-02', language: 'en' },
    ]);
    const [collection] = await api.call('references.collections', {});
    expect(collection!.itemCount).toBe(3);
    lib.close();
  });

  it('imports ClaimReview and fact-check API JSON, and a CSV through a mapping', async () => {
    const { api, library: lib } = library();
    const feed = await api.call('references.import', { path: fixture('claimreview-datafeed.json'), collectionName: 'Feed' });
    expect(feed).toMatchObject({ added: 3, merged: 0, skipped: 0 });
    const fromApi = await api.call('references.import', { path: fixture('factcheck-api.json'), collectionName: 'API' });
    expect(fromApi).toMatchObject({ added: 3 });
    const inspection = await api.call('references.inspect', { path: fixture('needs-mapping.csv') });
    expect(inspection).toMatchObject({ format: 'csv', needsMapping: true, suggestedMapping: {}, itemCount: 3, sample: [] });
    expect(inspection!.sampleRows[1]![0]).toBe('A claim with a comma, and a\nline break inside');
    await expectError(api.call('references.import', { path: fixture('needs-mapping.csv'), collectionName: 'Checkers' }), 'invalid_request', /Choose the column that holds the claim text/);
    const mapped = await api.call('references.import', {
      path: fixture('needs-mapping.csv'),
      collectionName: 'Checkers',
      mapping: { Quote: 'claimText', 'Link to article': 'url', Outcome: 'rating' },
    });
    expect(mapped).toMatchObject({ added: 3 });
    const names = (await api.call('references.collections', {})).map((collection) => [collection.name, collection.format, collection.itemCount]);
    expect(names).toEqual(expect.arrayContaining([['Feed', 'claimreview', 3], ['API', 'factcheck-api', 3], ['Checkers', 'csv', 3]]));
    lib.close();
  });

  it('refuses files it cannot read with a message, and writes nothing', async () => {
    const { api, library: lib } = library();
    await expectError(api.call('references.import', { path: fixture('notes.txt'), collectionName: 'x' }), 'invalid_request', /“notes.txt” is not JSON, CSV or TSV/);
    await expectError(api.call('references.import', { path: fixture('no-claimreview.json'), collectionName: 'x' }), 'invalid_request', /No ClaimReview found in “no-claimreview.json”/);
    await expectError(api.call('references.inspect', { path: fixture('missing.json') }), 'not_found', /“missing.json” was not found/);
    expect(await api.call('references.collections', {})).toEqual([]);
    lib.close();
  });

  it('deleting a collection removes its checks', async () => {
    const { api, library: lib } = library();
    const { collectionId } = await api.call('references.import', { path: fixture('verified_claims.docs.tsv'), collectionName: 'CheckThat' });
    await api.call('references.deleteCollection', { id: collectionId });
    expect(await api.call('references.collections', {})).toEqual([]);
    expect(lib.ctx!.db.prepare(`SELECT count(*) FROM reference_checks`).pluck().get()).toBe(0);
    await expectError(api.call('references.deleteCollection', { id: collectionId }), 'not_found');
    lib.close();
  });

  it('a cancel mid-import leaves the library file byte for byte as before', () => {
    const { library: lib, dataDir } = library();
    const file = bigTsv(20_000);
    const ctx = lib.ctx!;
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const libraryFile = path.join(dataDir, 'library.sqlite');
    const before = fs.readFileSync(libraryFile);
    const flags = createCancelFlags();
    const events: TaskProgress[] = [];
    const sink: EventSink = {
      emit(channel, payload) {
        if (channel !== 'task.progress') return;
        const progress = payload as TaskProgress;
        events.push(progress);
        if (progress.label.startsWith('Writing') && progress.done > 1_000) flags.cancel(progress.taskId);
      },
    };
    const task = startTask({ events: sink, cancelFlags: flags, now: () => performance.now() * 1000 }, 'refs-1', 'cancelled');
    expect(() => importReferenceFile(ctx, { path: file, collectionName: 'Big' }, task)).toThrowError(new AppError('cancelled', 'cancelled'));
    expect(events.some((event) => event.done > 1_000)).toBe(true);
    expect(ctx.db.inTransaction).toBe(false);
    expect(ctx.db.prepare(`SELECT count(*) FROM reference_collections`).pluck().get()).toBe(0);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(libraryFile).equals(before)).toBe(true);

    const done = importReferenceFile(ctx, { path: file, collectionName: 'Big' }, startTask({}, undefined, ''));
    expect(done).toMatchObject({ added: 20_000, merged: 0, skipped: 0 });
    lib.close();
  });
});
