/**
 * A long text edited a little is stored once, not twice, in the history: `before` as a delta
 * against `after` (main/repositories/changeFields.ts). Every reader — the claim's history, project
 * files, merges — still sees the whole text before and after.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import type { Library } from '../../../main/library';
import { buildProjectFile } from '../../../main/projectFiles/exportProject';
import { parseProjectFile, writeMergeOutcome } from '../../../main/projectFiles/importProject';
import { planMerge, resolveMerge } from '../../../main/projectFiles/merge';
import { unpackProjectFile } from '../../../main/projectFiles/unpack';
import {
  insertProjectPayload,
  readChanges,
  readProjectPayload,
} from '../../../main/projectFiles/projectStore';
import { compactFields, expandFields } from '../../../main/repositories/changeFields';
import { updateClaim } from '../../../main/repositories/claims';
import { createRepoContext, type RepoContext } from '../../../main/repositories/context';
import type { ApiClient } from '../../../shared/api/client';
import type { Change } from '../../../shared/domain';
import { createProjectWithArticle, markClaim, readArticle } from '../../fixtures/project-files/helpers';
import { anchorOf, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary } from '../../support/library';

const ORIGINAL = 'Evidence from the ministry’s own figures shows otherwise. '.repeat(52).slice(0, 3_000);

/** The rationale after `times` edits in its middle: a word inserted at the centre each time. */
function editedInTheMiddle(times: number): string[] {
  const versions: string[] = [];
  let text = ORIGINAL;
  for (let i = 1; i <= times; i++) {
    const middle = Math.floor(text.length / 2);
    text = `${text.slice(0, middle)}edit${i} ${text.slice(middle)}`;
    versions.push(text);
  }
  return versions;
}

const rationaleUpdates = (changes: readonly Change[], claimId: string) =>
  changes.filter(
    (change) => change.entityId === claimId && change.op === 'update' && 'rationale' in change.fields,
  );

describe('history deltas in a library', () => {
  let library: Library;
  let api: ApiClient;
  beforeEach(async () => {
    ({ library, api } = openTestLibrary());
    await api.call('settings.update', { authorName: 'Ana' });
  });
  afterEach(() => library.close());

  /** Ana writes the rationale; Ben then edits it 60 times in the middle (folded into one change). */
  async function rationaleEditedByBen() {
    const { project, article } = await projectWithArticle(api);
    const claim = await api.call('claims.create', {
      articleId: article.id,
      anchor: anchorOf(article.text, 'Peskov'),
    });
    await api.call('claims.update', { id: claim.id, fields: { rationale: ORIGINAL } });
    await api.call('settings.update', { authorName: 'Ben' });
    const historySize = () =>
      (
        library
          .ctx!.db.prepare(`SELECT SUM(length(fields)) AS n FROM changes WHERE claim_id = ?`)
          .get(claim.id) as { n: number }
      ).n;
    const before = historySize();
    const versions = editedInTheMiddle(60);
    for (const rationale of versions)
      await api.call('claims.update', { id: claim.id, fields: { rationale } });
    return { project, claim, final: versions.at(-1)!, grown: historySize() - before };
  }

  it('60 edits in the middle of a 3,000-character rationale add less than 1.5× its size', async () => {
    const { claim, final, grown } = await rationaleEditedByBen();
    expect(grown).toBeLessThan(1.5 * ORIGINAL.length);
    // The saving is the delta's, not an accident: the row holds one whole text and a marker.
    const raw = library
      .ctx!.db.prepare(`SELECT fields FROM changes WHERE claim_id = ? AND author = 'Ben'`)
      .all(claim.id) as { fields: string }[];
    expect(raw).toHaveLength(1);
    expect(raw[0]!.fields).toContain('"$delta"');
    expect(raw[0]!.fields).toContain(JSON.stringify(final));
  });

  it('the claim history shows the whole text before and after', async () => {
    const { claim, final } = await rationaleEditedByBen();
    const history = await api.call('workbench.claimHistory', { claimId: claim.id });
    const byBen = history.filter((change) => change.author === 'Ben');
    expect(byBen).toHaveLength(1);
    expect(byBen[0]!.fields.rationale).toEqual({ before: ORIGINAL, after: final });
  });

  it('a project file carries the whole text before and after, and keeps folding afterwards right', async () => {
    const { project, claim, final } = await rationaleEditedByBen();
    const built = buildProjectFile(library.ctx!, project.id, {
      appVersion: 'test',
      exportedAt: '2024-10-21T09:00:00.000Z',
    });
    const json = new TextDecoder().decode(
      unpackProjectFile(built.bytes, { fileName: built.fileName }).projectJson,
    );
    expect(json).toContain(JSON.stringify(final));
    expect(json).not.toContain('$delta');
    const { payload } = parseProjectFile(built.bytes, built.fileName);
    const updates = rationaleUpdates(payload.changes, claim.id);
    expect(updates.map((change) => [change.author, change.fields.rationale])).toEqual([
      ['Ana', { before: '', after: ORIGINAL }],
      ['Ben', { before: ORIGINAL, after: final }],
    ]);
    // After the export nothing folds into Ben's change; a new one is stored compactly and reads whole.
    const next = `${final} One more sentence.`;
    await api.call('claims.update', { id: claim.id, fields: { rationale: next } });
    const latest = rationaleUpdates(readChanges(library.ctx!, project.id), claim.id).at(-1)!;
    expect(latest.fields.rationale).toEqual({ before: final, after: next });
  });
});

describe('history deltas across a merge', () => {
  /** Two libraries in memory with the same project: Alice's and Bob's copies. */
  function fork() {
    const library = (author: string) => {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      migrate(db);
      return createRepoContext(db, { author: () => author });
    };
    const origin = library('Origin');
    const { project, article } = createProjectWithArticle(origin, {
      title: 'Peskov',
      articleTitle: 'TASS',
      text: readArticle('en-tass-2024-10-21-peskov-dprk.txt'),
    });
    const claim = markClaim(origin, article, 'North Korea is our close neighbor', { rationale: ORIGINAL });
    const base = readProjectPayload(origin, project.id)!;
    const alice = library('Alice');
    const bob = library('Bob');
    insertProjectPayload(alice, base);
    insertProjectPayload(bob, base);
    return { projectId: project.id, claimId: claim.id, alice, bob };
  }
  const local = (author: string) => {
    let n = 0;
    return {
      author,
      now: '2024-10-23T12:00:00.000Z',
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    };
  };
  const merged = (ours: RepoContext, theirs: RepoContext, projectId: string, resolutions = {}) => {
    const before = readProjectPayload(ours, projectId)!;
    const outcome = resolveMerge(
      planMerge(before, readProjectPayload(theirs, projectId)!),
      resolutions,
      local('Alice'),
    );
    writeMergeOutcome(ours, before, outcome);
    return readProjectPayload(ours, projectId)!;
  };

  it('takes their long edit, with its whole history, and stores it compactly again', () => {
    const f = fork();
    const final = editedInTheMiddle(60).at(-1)!;
    updateClaim(f.bob, f.claimId, { rationale: final });
    updateClaim(f.alice, f.claimId, { claimant: 'Peskov' });
    const result = merged(f.alice, f.bob, f.projectId);
    expect(result.claims.find((claim) => claim.id === f.claimId)).toMatchObject({
      rationale: final,
      claimant: 'Peskov',
    });
    const bobs = rationaleUpdates(result.changes, f.claimId).filter((change) => change.author === 'Bob');
    expect(bobs.map((change) => change.fields.rationale)).toEqual([{ before: ORIGINAL, after: final }]);
    const stored = f.alice.db.prepare(`SELECT fields FROM changes WHERE author = 'Bob'`).get() as {
      fields: string;
    };
    expect(stored.fields).toContain('"$delta"');
    // Merging again changes nothing: both histories agree.
    const again = merged(f.alice, f.bob, f.projectId);
    expect(again.changes).toEqual(result.changes);
  });

  it('resolves a conflict on the long text both edited', () => {
    const f = fork();
    const alices = `${ORIGINAL.slice(0, 1_000)}Alice was here. ${ORIGINAL.slice(1_000)}`;
    const bobs = `${ORIGINAL.slice(0, 2_000)}Bob was here. ${ORIGINAL.slice(2_000)}`;
    updateClaim(f.alice, f.claimId, { rationale: alices });
    updateClaim(f.bob, f.claimId, { rationale: bobs });
    const plan = planMerge(
      readProjectPayload(f.alice, f.projectId)!,
      readProjectPayload(f.bob, f.projectId)!,
    );
    expect(
      plan.conflicts.map((conflict) => [conflict.field, conflict.yours.value, conflict.theirs.value]),
    ).toEqual([['rationale', alices, bobs]]);
    const result = merged(f.alice, f.bob, f.projectId, { [plan.conflicts[0]!.id]: 'theirs' });
    expect(result.claims.find((claim) => claim.id === f.claimId)!.rationale).toBe(bobs);
    const history = rationaleUpdates(result.changes, f.claimId).map((change) => [
      change.author,
      change.fields.rationale,
    ]);
    expect(history).toContainEqual(['Alice', { before: ORIGINAL, after: alices }]);
    expect(history).toContainEqual(['Bob', { before: ORIGINAL, after: bobs }]);
  });
});

describe('compactFields / expandFields', () => {
  it('round-trips long edits, short texts, non-text values and values that look like markers', () => {
    const cases: Change['fields'][] = [
      { rationale: { before: ORIGINAL, after: `${ORIGINAL}!` } },
      { rationale: { before: `x${ORIGINAL}`, after: ORIGINAL } },
      { rationale: { before: ORIGINAL, after: ORIGINAL.replace('ministry', 'agency') } },
      { rationale: { before: 'short', after: 'shorter' } },
      { rationale: { before: ORIGINAL, after: 'rewritten entirely' } },
      { rationale: { before: `${ORIGINAL}😀`, after: `${ORIGINAL}😁` } },
      { anchor: { before: { start: 1, end: 2 }, after: { start: 3, end: 4 } } },
      { note: { before: { $delta: { prefix: 1, suffix: 1, middle: 'x' } }, after: ORIGINAL } },
      { note: { before: { $raw: 'imported' }, after: 'y' } },
      { rationale: { after: ORIGINAL } },
      { rationale: { before: ORIGINAL } },
    ];
    for (const fields of cases) {
      const stored = JSON.parse(JSON.stringify(compactFields(fields))) as Change['fields'];
      expect(expandFields(stored)).toEqual(fields);
    }
    expect(JSON.stringify(compactFields(cases[0]!)).length).toBeLessThan(ORIGINAL.length + 200);
  });
});
