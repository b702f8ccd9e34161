import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { EarlierCheck } from '../../../shared/api/contract.matching';
import type { Library } from '../../../main/library';
import { anchorOf, expectError } from '../../support/apiHelpers';
import { openTestLibrary } from '../../support/library';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'matching');
const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'twins.json'), 'utf8')) as {
  twins: Array<{ language: string; earlier: string; later: string }>;
  others: string[];
};

let opened: Library | undefined;
afterEach(() => {
  opened?.close();
  opened = undefined;
});

function open(): ApiClient {
  const { library, api } = openTestLibrary();
  opened = library;
  return api;
}

/** A project with one article holding the statements, and a claim on each (its statement set too). */
async function projectWithClaims(api: ApiClient, title: string, statements: readonly string[]) {
  const project = await api.call('projects.create', { title });
  const text = statements.join('\n\n');
  const article = await api.call('articles.create', {
    projectId: project.id,
    title: `${title} article`,
    outlet: '',
    author: '',
    url: '',
    publishedDate: '',
    language: '',
    direction: 'ltr',
    text,
  });
  const claims = [];
  for (const statement of statements) {
    claims.push(await api.call('claims.create', { articleId: article.id, anchor: anchorOf(text, statement), fields: { statement } }));
  }
  return { project, claims };
}

const claimIdsOf = (items: readonly EarlierCheck[]) => items.map((item) => (item.kind === 'claim' ? item.claimId : item.referenceId));

describe('matching.checkedBefore', () => {
  it('finds the earlier twin of an English, Russian, Arabic and Korean claim in another project, never the claim itself', async () => {
    const api = open();
    const earlier = await projectWithClaims(api, 'Earlier checks', [...fixture.twins.map((twin) => twin.earlier), ...fixture.others]);
    const later = await projectWithClaims(api, 'This week', fixture.twins.map((twin) => twin.later));

    for (const [i, twin] of fixture.twins.entries()) {
      const asked = later.claims[i]!;
      const { items } = await api.call('matching.checkedBefore', { claimId: asked.id });
      expect(items.length, twin.language).toBeGreaterThan(0);
      const first = items[0]!;
      expect(first.kind, twin.language).toBe('claim');
      if (first.kind !== 'claim') continue;
      expect(first.claimId, `${twin.language}: ${JSON.stringify(items.map((item) => item.kind === 'claim' && item.statement))}`).toBe(
        earlier.claims[i]!.id,
      );
      expect(first.projectTitle).toBe('Earlier checks');
      expect(first.number).toBe(earlier.claims[i]!.number);
      expect(first.statement).toBe(twin.earlier);
      expect(first.status).toBe('unchecked');
      expect(first.verdict).toBeNull();
      expect(first.why.length, twin.language).toBeGreaterThan(0);
      // Each reason is text the earlier claim writes.
      for (const reason of first.why) expect(twin.earlier).toContain(reason);
      expect(claimIdsOf(items)).not.toContain(asked.id);
    }
  });

  it('shows why in the words of the earlier claim: the Arabic one keeps its harakat', async () => {
    const api = open();
    const arabic = fixture.twins.find((twin) => twin.language === 'ar')!;
    await projectWithClaims(api, 'Earlier checks', [arabic.earlier, ...fixture.others]);
    const later = await projectWithClaims(api, 'This week', [arabic.later]);
    const { items } = await api.call('matching.checkedBefore', { claimId: later.claims[0]!.id });
    expect(items[0]?.why).toContain('وزيرُ المياهِ');
  });

  it('finds a reference fact-check, with its collection, rating and title', async () => {
    const api = open();
    await api.call('references.import', { path: path.join(FIXTURES, 'references.tsv'), collectionName: 'Snopes sample' });
    const { claims } = await projectWithClaims(api, 'Storm week', [
      'Viral photo shows a shark swimming on a flooded highway after the hurricane',
      ...fixture.others,
    ]);
    const { items } = await api.call('matching.checkedBefore', { claimId: claims[0]!.id });
    const first = items[0]!;
    expect(first.kind).toBe('reference');
    if (first.kind !== 'reference') return;
    expect(first.collectionName).toBe('Snopes sample');
    expect(first.claimText).toBe('A photograph shows a shark swimming on a flooded highway after a hurricane.');
    expect(first.title).toBe('Is This a Shark Swimming on a Flooded Highway?');
    expect(first.why.join(' ')).toMatch(/shark/i);
  });

  it('answers [] when the library holds nothing else, and honours the limit', async () => {
    const api = open();
    const alone = await projectWithClaims(api, 'Alone', [fixture.twins[0]!.earlier]);
    expect((await api.call('matching.checkedBefore', { claimId: alone.claims[0]!.id })).items).toEqual([]);

    const copies = await projectWithClaims(api, 'Copies', [
      ...Array.from({ length: 6 }, (_, i) => `${fixture.twins[0]!.earlier} (${i + 1})`),
      ...fixture.others,
    ]);
    const { items } = await api.call('matching.checkedBefore', { claimId: copies.claims[0]!.id, limit: 3 });
    expect(items).toHaveLength(3);
    expect(claimIdsOf(items)).not.toContain(copies.claims[0]!.id);
  });

  it('refuses a claim that does not exist', async () => {
    const api = open();
    await expectError(api.call('matching.checkedBefore', { claimId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
  });
});
