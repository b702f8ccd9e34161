import Database from 'better-sqlite3';
import { createAnchor, reanchor } from '../../../shared/anchoring';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/db/migrate';
import { ProjectPayload as ProjectPayloadSchema, type ProjectPayload } from '../../../main/projectFiles/format';
import {
  planMerge,
  resolveMerge,
  type MergeOutcome,
  type Resolutions,
  type Side,
} from '../../../main/projectFiles/merge';
import { writeMergeOutcome } from '../../../main/projectFiles/importProject';
import { insertProjectPayload, readProjectPayload } from '../../../main/projectFiles/projectStore';
import { MERGE_FIELDS } from '../../../main/projectFiles/records';
import { checkIntegrity } from '../../../main/projectFiles/validate';
import { AppError } from '../../../main/errors';
import { currentSeal } from '../../../main/repositories/approvals';
import { updateArticle } from '../../../main/repositories/articles';
import { getClaim, updateClaim } from '../../../main/repositories/claims';
import { addCorrection, addTeamNote } from '../../../main/repositories/editorial';
import { createRepoContext, type RepoContext } from '../../../main/repositories/context';
import { updateProject } from '../../../main/repositories/projects';
import { createSource, deleteSource, updateSource } from '../../../main/repositories/sources';
import { deleteVerdict, updateVerdict } from '../../../main/repositories/verdicts';
import {
  createProjectWithArticle,
  deleteArticle,
  deleteClaim,
  markClaim,
  prng,
  readArticle,
  verdictId,
} from '../../fixtures/project-files/helpers';

/** A clock that ticks a second per call and can be set forward (a checker importing later). */
function settableClock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => {
      const now = new Date(t).toISOString();
      t += 1000;
      return now;
    },
    setForward: (to: string) => {
      t = Math.max(t, Date.parse(to));
    },
  };
}
const clocks = new WeakMap<RepoContext, ReturnType<typeof settableClock>>();

/** A library in memory: the same schema and repositories as the app. */
function memoryLibrary(author: string, start: string): RepoContext {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const clock = settableClock(start);
  const ctx = createRepoContext(db, { author: () => author, now: clock.now });
  clocks.set(ctx, clock);
  return ctx;
}
/** Sets the library's clock forward: what it writes next comes after `to`. */
const setClock = (ctx: RepoContext, to: string) => clocks.get(ctx)!.setForward(to);

const TEXT = readArticle('en-tass-2024-10-21-peskov-dprk.txt');

interface Fork {
  base: ProjectPayload;
  projectId: string;
  articleId: string;
  a: RepoContext;
  b: RepoContext;
  claimIds: string[];
}

/** A project with an article and two claims (one with a source), copied to checker A and checker B. */
function fork(): Fork {
  const origin = memoryLibrary('Origin', '2024-10-21T08:00:00.000Z');
  const { project, article } = createProjectWithArticle(origin, {
    title: 'Peskov',
    articleTitle: 'TASS',
    text: TEXT,
  });
  const c1 = markClaim(origin, article, 'North Korea is our close neighbor');
  const c2 = markClaim(origin, article, 'This is our sovereign right');
  createSource(origin, c1.id, { title: 'Map', url: 'https://example.org/map' });
  const base = readProjectPayload(origin, project.id)!;
  const a = memoryLibrary('Alice', '2024-10-22T09:00:00.000Z');
  const b = memoryLibrary('Bob', '2024-10-22T10:00:00.000Z');
  insertProjectPayload(a, base);
  insertProjectPayload(b, base);
  return { base, projectId: project.id, articleId: article.id, a, b, claimIds: [c1.id, c2.id] };
}

const payload = (ctx: RepoContext, projectId: string) => readProjectPayload(ctx, projectId)!;
let idCounter = 0;
const local = (author = 'Alice') => ({
  author,
  now: '2024-10-23T12:00:00.000Z',
  newId: () => `00000000-0000-4000-8000-${String(++idCounter).padStart(12, '0')}`,
});
function merge(
  ours: ProjectPayload,
  theirs: ProjectPayload,
  resolutions: Resolutions = {},
  side?: Side,
): MergeOutcome {
  return resolveMerge(planMerge(ours, theirs), resolutions, local(), side);
}
const article = (f: Fork, ctx: RepoContext) => payload(ctx, f.projectId).articles[0]!;
const claimById = (p: ProjectPayload, id: string) => p.claims.find((claim) => claim.id === id);
const byId = <T extends { id: string }>(list: readonly T[]) =>
  [...list].sort((x, y) => (x.id < y.id ? -1 : 1));
const records = (p: ProjectPayload) => ({
  project: p.project,
  verdicts: byId(p.verdicts),
  articles: byId(p.articles),
  claims: byId(p.claims),
  sources: byId(p.sources),
  teamNotes: byId(p.teamNotes),
  corrections: byId(p.corrections),
  publications: byId(p.publications),
});
/** Applies a merge outcome to a library the way an import does (the approval rule included). */
function applyTo(ctx: RepoContext, before: ProjectPayload, outcome: MergeOutcome): number {
  return writeMergeOutcome(ctx, before, outcome);
}

describe('planMerge / resolveMerge', () => {
  it('changes nothing when both copies are the same', () => {
    const f = fork();
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(outcome.changed).toBe(false);
    expect(outcome.appendChanges).toEqual([]);
    expect(planMerge(f.base, f.base).conflicts).toEqual([]);
  });

  it('takes a field only they changed, and keeps one only we changed', () => {
    const f = fork();
    updateClaim(f.b, f.claimIds[0]!, { rationale: 'Shares a border.' });
    updateClaim(f.a, f.claimIds[1]!, { claimant: 'Peskov' });
    const ours = payload(f.a, f.projectId);
    const theirs = payload(f.b, f.projectId);
    const plan = planMerge(ours, theirs);
    expect(plan.conflicts).toEqual([]);
    const outcome = resolveMerge(plan, {}, local());
    expect(claimById(outcome.payload, f.claimIds[0]!)!.rationale).toBe('Shares a border.');
    expect(claimById(outcome.payload, f.claimIds[1]!)!.claimant).toBe('Peskov');
    expect(outcome.summary.updated.claims).toBe(1);
    expect(outcome.summary.changesImported).toBe(1);
    expect(outcome.summary.changesRecorded).toBe(0);
    expect(outcome.appendChanges.map((change) => change.author)).toEqual(['Bob']);
  });

  it('merges different fields of one record without a conflict', () => {
    const f = fork();
    updateClaim(f.a, f.claimIds[0]!, { status: 'researching' });
    updateClaim(f.b, f.claimIds[0]!, { rationale: 'Border of 17 km.' });
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    const claim = claimById(outcome.payload, f.claimIds[0]!)!;
    expect(claim).toMatchObject({ status: 'researching', rationale: 'Border of 17 km.' });
  });

  it('sees no conflict when both made the same change', () => {
    const f = fork();
    updateClaim(f.a, f.claimIds[0]!, { status: 'approved' });
    updateClaim(f.b, f.claimIds[0]!, { status: 'approved' });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    // Both approved the same content: two approvals, never a question; the earlier one is kept.
    expect(plan.conflicts).toEqual([]);
    const outcome = resolveMerge(plan, {}, local());
    expect(claimById(outcome.payload, f.claimIds[0]!)!.approval.by).toBe('Alice');
    expect(resolveMerge(planMerge(payload(f.b, f.projectId), payload(f.a, f.projectId)), {}, local('Bob')).payload.claims.find((claim) => claim.id === f.claimIds[0])!.approval.by).toBe('Alice');
  });

  it('reports a field both changed differently, with who and when, and applies the choice', () => {
    const f = fork();
    const False = verdictId(f.a.db, f.projectId, 'False');
    const Misleading = verdictId(f.b.db, f.projectId, 'Misleading');
    updateClaim(f.a, f.claimIds[0]!, { verdictId: False });
    updateClaim(f.b, f.claimIds[0]!, { verdictId: Misleading });
    const ours = payload(f.a, f.projectId);
    const theirs = payload(f.b, f.projectId);
    const plan = planMerge(ours, theirs);
    expect(plan.conflicts).toHaveLength(1);
    const [conflict] = plan.conflicts;
    expect(conflict).toMatchObject({
      id: `claim:${f.claimIds[0]}:verdictId`,
      kind: 'field',
      entityType: 'claim',
      field: 'verdictId',
      fieldLabel: 'Verdict',
      label: 'North Korea is our close neighbor',
      yours: { value: False, display: 'False', author: 'Alice', deleted: false },
      theirs: { value: Misleading, display: 'Misleading', author: 'Bob', deleted: false },
    });
    expect(conflict!.yours.at.startsWith('2024-10-22T09')).toBe(true);
    expect(conflict!.theirs.at.startsWith('2024-10-22T10')).toBe(true);

    expect(() => resolveMerge(plan, {}, local())).toThrow(/1 of 1 is still open/);
    const theirsWins = resolveMerge(plan, { [conflict!.id]: 'theirs' }, local());
    expect(claimById(theirsWins.payload, f.claimIds[0]!)!.verdictId).toBe(Misleading);
    expect(theirsWins.summary.resolved).toEqual({ yours: 0, theirs: 1 });
    const recorded = theirsWins.appendChanges.filter((change) => change.author === 'Alice');
    expect(recorded).toEqual([
      expect.objectContaining({
        entityId: f.claimIds[0],
        op: 'update',
        fields: { verdictId: { before: False, after: Misleading } },
      }),
    ]);
    const yoursWins = resolveMerge(plan, { [conflict!.id]: 'yours' }, local());
    expect(claimById(yoursWins.payload, f.claimIds[0]!)!.verdictId).toBe(False);
    expect(resolveMerge(plan, {}, local(), 'theirs').summary.resolved.theirs).toBe(1);
  });

  it('adds records only they created, with their sources and history', () => {
    const f = fork();
    const text = article(f, f.b).text;
    const created = markClaim(
      f.b,
      { id: f.articleId, projectId: f.projectId, text },
      'We will continue to develop this cooperation',
    );
    createSource(f.b, created.id, { title: 'Kremlin transcript' });
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(outcome.summary.added).toEqual({ verdicts: 0, articles: 0, claims: 1, sources: 1 });
    expect(claimById(outcome.payload, created.id)).toBeTruthy();
    expect(outcome.summary.changesRecorded).toBe(0);
  });

  it('deletes what they deleted when we did not touch it, sources included', () => {
    const f = fork();
    deleteClaim(f.b, f.claimIds[0]!);
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(claimById(outcome.payload, f.claimIds[0]!)).toBeUndefined();
    expect(outcome.payload.sources).toEqual([]);
    expect(outcome.summary.deleted).toEqual({ verdicts: 0, articles: 0, claims: 1, sources: 1 });
    expect(outcome.summary.changesRecorded).toBe(0); // their delete changes say it already
  });

  it('makes "deleted by them, edited by us" a conflict, either way round', () => {
    const f = fork();
    deleteClaim(f.b, f.claimIds[1]!);
    updateClaim(f.a, f.claimIds[1]!, { rationale: 'Checked the treaty text.' });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        id: `claim:${f.claimIds[1]}:deleted`,
        kind: 'deleted',
        field: null,
        yours: expect.objectContaining({
          deleted: false,
          author: 'Alice',
          display: 'Kept and edited (rationale)',
        }),
        theirs: expect.objectContaining({ deleted: true, author: 'Bob', display: 'Deleted', value: null }),
      }),
    ]);
    const keep = resolveMerge(plan, { [plan.conflicts[0]!.id]: 'yours' }, local());
    expect(claimById(keep.payload, f.claimIds[1]!)!.rationale).toBe('Checked the treaty text.');
    // Their delete is in the merged history, so the merge records that it brought the claim back.
    expect(keep.appendChanges.at(-1)).toMatchObject({
      op: 'create',
      entityId: f.claimIds[1],
      fields: {},
      author: 'Alice',
    });
    const drop = resolveMerge(plan, { [plan.conflicts[0]!.id]: 'theirs' }, local());
    expect(claimById(drop.payload, f.claimIds[1]!)).toBeUndefined();

    // Mirror image: we deleted, they edited.
    const g = fork();
    deleteClaim(g.a, g.claimIds[1]!);
    updateClaim(g.b, g.claimIds[1]!, { status: 'in_review' });
    const mirror = planMerge(payload(g.a, g.projectId), payload(g.b, g.projectId));
    expect(mirror.conflicts[0]).toMatchObject({
      yours: { deleted: true, author: 'Alice' },
      theirs: { deleted: false, author: 'Bob' },
    });
    expect(claimById(resolveMerge(mirror, {}, local(), 'theirs').payload, g.claimIds[1]!)!.status).toBe(
      'in_review',
    );
    expect(claimById(resolveMerge(mirror, {}, local(), 'yours').payload, g.claimIds[1]!)).toBeUndefined();
  });

  it('counts a source added to a claim the other side deleted as an edit of that claim', () => {
    const f = fork();
    deleteClaim(f.a, f.claimIds[0]!);
    createSource(f.b, f.claimIds[0]!, { title: 'Second source' });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(plan.conflicts.map((conflict) => conflict.id)).toEqual([`claim:${f.claimIds[0]}:deleted`]);
    const restored = resolveMerge(plan, {}, local(), 'theirs');
    expect(
      restored.payload.sources
        .filter((source) => source.claimId === f.claimIds[0])
        .map((source) => source.title)
        .sort(),
    ).toEqual(['Map', 'Second source']);
    const gone = resolveMerge(plan, {}, local(), 'yours');
    expect(gone.payload.sources).toEqual([]);
    // The new source had no delete in anyone's history: the merge records one.
    expect(
      gone.appendChanges
        .filter((change) => change.author === 'Alice' && change.op === 'delete')
        .map((change) => change.entityType),
    ).toEqual(['source']);
  });

  it('treats an article deleted on one side and marked further on the other as one conflict', () => {
    const f = fork();
    deleteArticle(f.b, f.articleId);
    const text = article(f, f.a).text;
    const added = markClaim(
      f.a,
      { id: f.articleId, projectId: f.projectId, text },
      'We will continue to develop this cooperation',
    );
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(plan.conflicts.map((conflict) => conflict.id)).toEqual([`article:${f.articleId}:deleted`]);
    expect(plan.conflicts[0]!.yours.display).toBe('Kept and edited (its claims)');

    const keep = resolveMerge(plan, {}, local(), 'yours');
    // The article comes back with every claim, including those they deleted along with it.
    expect(keep.payload.claims.map((claim) => claim.id).sort()).toEqual([...f.claimIds, added.id].sort());
    expect(keep.payload.sources).toHaveLength(1);
    checkIntegrity(keep.payload, 'test');

    const drop = resolveMerge(plan, {}, local(), 'theirs');
    expect(drop.payload.articles).toEqual([]);
    expect(drop.payload.claims).toEqual([]);
    const recordedDeletes = drop.appendChanges.filter(
      (change) => change.author === 'Alice' && change.op === 'delete',
    );
    expect(recordedDeletes.map((change) => change.entityId)).toEqual([added.id]);
  });

  it('does not let a deleted verdict take a rating with it silently', () => {
    const f = fork();
    const Unverifiable = verdictId(f.b.db, f.projectId, 'Unverifiable');
    deleteVerdict(f.b, Unverifiable, null, (claimId, id) => updateClaim(f.b, claimId, { verdictId: id }));
    updateClaim(f.a, f.claimIds[0]!, { verdictId: Unverifiable });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(plan.conflicts.map((conflict) => conflict.id)).toEqual([`verdict:${Unverifiable}:deleted`]);
    const keep = resolveMerge(plan, {}, local(), 'yours');
    expect(claimById(keep.payload, f.claimIds[0]!)!.verdictId).toBe(Unverifiable);
    checkIntegrity(keep.payload, 'test');
    const drop = resolveMerge(plan, {}, local(), 'theirs');
    expect(claimById(drop.payload, f.claimIds[0]!)!.verdictId).toBeNull();
    expect(drop.appendChanges.at(-1)).toMatchObject({
      author: 'Alice',
      fields: { verdictId: { before: Unverifiable, after: null } },
    });
    checkIntegrity(drop.payload, 'test');
    // Positions of the remaining scale are 0..n-1.
    expect(drop.payload.verdicts.map((verdict) => verdict.position).sort((x, y) => x - y)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
  });

  it('renumbers sources both sides added to one claim', () => {
    const f = fork();
    createSource(f.a, f.claimIds[1]!, { title: 'Alice’s source' });
    createSource(f.b, f.claimIds[1]!, { title: 'Bob’s source' });
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    const positions = outcome.payload.sources
      .filter((source) => source.claimId === f.claimIds[1])
      .map((source) => [source.title, source.position]);
    expect(positions.sort()).toEqual([
      ['Alice’s source', 0],
      ['Bob’s source', 1],
    ]);
    expect(outcome.appendChanges.filter((change) => change.author === 'Alice')).toHaveLength(1);
  });

  it('re-anchors our new claims when their edit moved the text, and orphans those whose quote is gone', () => {
    const f = fork();
    const old = article(f, f.b);
    // B inserts a paragraph at the top and removes a sentence; A marks two claims in the old text.
    const newText = `Editor's note: updated.\n\n${old.text.replace('"We will continue to develop this cooperation," he pointed out.', '')}`;
    updateArticle(f.b, old.id, { text: newText });
    const moved = markClaim(f.a, old, 'Kremlin Spokesman Dmitry Peskov told reporters');
    const removed = markClaim(f.a, old, 'We will continue to develop this cooperation');
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    const movedClaim = claimById(outcome.payload, moved.id)!;
    expect(newText.slice(movedClaim.anchor.start, movedClaim.anchor.end)).toBe(
      'Kremlin Spokesman Dmitry Peskov told reporters',
    );
    expect(claimById(outcome.payload, removed.id)!.anchorState).toBe('orphaned');
    // B edited the text without re-anchoring (as a bare repository call does): the two base claims are repaired too.
    expect(outcome.summary).toMatchObject({ reanchoredClaims: 3, orphanedClaims: 1 });
    checkIntegrity(outcome.payload, 'test');
  });

  it('merges the project’s own fields', () => {
    const f = fork();
    updateProject(f.a, f.projectId, { title: 'Peskov (Alice)' });
    updateProject(f.b, f.projectId, { title: 'Peskov (Bob)', description: 'Bob’s notes' });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(plan.conflicts.map((conflict) => conflict.id)).toEqual([`project:${f.projectId}:title`]);
    const outcome = resolveMerge(plan, {}, local(), 'yours');
    expect(outcome.payload.project).toMatchObject({ title: 'Peskov (Alice)', description: 'Bob’s notes' });
    expect(outcome.summary.projectUpdated).toBe(true);
  });

  it('keeps the history of both sides, each change once, ours first', () => {
    const f = fork();
    updateClaim(f.a, f.claimIds[0]!, { status: 'researching' });
    updateVerdict(f.b, verdictId(f.b.db, f.projectId, 'True'), { description: 'Right.' });
    const ours = payload(f.a, f.projectId);
    const theirs = payload(f.b, f.projectId);
    const outcome = merge(ours, theirs);
    const ids = outcome.payload.changes.map((change) => change.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set([...ours.changes, ...theirs.changes].map((change) => change.id)));
    expect(ids.slice(0, ours.changes.length)).toEqual(ours.changes.map((change) => change.id));
  });

  it('refuses to merge two different projects', () => {
    const f = fork();
    const other = { ...f.base, project: { ...f.base.project, id: '11111111-1111-4111-8111-111111111111' } };
    expect(() => planMerge(f.base, other)).toThrow();
  });

  it('decides over every field a person can change, of every kind of record', () => {
    // Written out: a field dropped from a repository's list (MERGE_FIELDS is those lists) is a
    // field whose edits a merge silently loses.
    expect(MERGE_FIELDS).toEqual({
      project: ['title', 'description', 'secondPairOfEyes'],
      verdict: ['label', 'description', 'colour', 'ratingValue', 'position'],
      article: ['title', 'outlet', 'author', 'url', 'publishedDate', 'language', 'direction', 'text'],
      claim: [
        'number',
        'anchor',
        'anchorState',
        'statement',
        'claimant',
        'claimantType',
        'claimDate',
        'verdictId',
        'rationale',
        'status',
        'approval',
        'tags',
        'assignee',
        'quoteChangedFrom',
      ],
      source: ['position', 'url', 'title', 'publisher', 'publishedDate', 'accessedDate', 'archivedUrl', 'excerpt', 'note'],
    });
    // And nothing a project file carries is left out: a record that gains a field must have it
    // merged too. Only ids, parents and timestamps are not decided field by field, nor the
    // project's next claim number (a counter: the higher of the two).
    const fixed = new Set(['id', 'projectId', 'articleId', 'claimId', 'createdAt', 'updatedAt', 'nextClaimNumber']);
    const shape = ProjectPayloadSchema.shape;
    const carried = {
      project: shape.project,
      verdict: shape.verdicts.element,
      article: shape.articles.element,
      claim: shape.claims.element,
      source: shape.sources.element,
    };
    for (const [kind, schema] of Object.entries(carried)) {
      const editable = Object.keys(schema.shape).filter((field) => !fixed.has(field));
      expect(editable.sort(), kind).toEqual([...MERGE_FIELDS[kind as keyof typeof carried]].sort());
    }
  });

  it('takes every field of a claim they edited', () => {
    const f = fork();
    const theirEdit = {
      statement: 'North Korea is a close neighbour',
      claimant: 'Dmitry Peskov',
      claimDate: '2024-10-21',
      verdictId: verdictId(f.b.db, f.projectId, 'True'),
      rationale: 'They share a border.',
      status: 'approved' as const,
      tags: ['DPRK'],
    };
    updateClaim(f.b, f.claimIds[0]!, theirEdit);
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(claimById(outcome.payload, f.claimIds[0]!)).toMatchObject(theirEdit);
  });

  it('keeps the team notes, corrections and publications of both sides', () => {
    const f = fork();
    const mine = addTeamNote(f.a, f.claimIds[0]!, 'Alice: call the embassy.');
    const theirs = addTeamNote(f.b, f.claimIds[0]!, 'Bob: the map is from 2019.');
    const correction = addCorrection(f.b, f.claimIds[1]!, 'update', 'Added the treaty text.');
    const outcome = merge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(outcome.payload.teamNotes.map((note) => note.text)).toEqual([mine.text, theirs.text]);
    expect(outcome.payload.corrections).toEqual([correction]);
    expect(outcome.summary.editorialAdded).toEqual({ teamNotes: 1, corrections: 1, publications: 0 });
    expect(outcome.changed).toBe(true);
    // Both ways round.
    const back = merge(payload(f.b, f.projectId), payload(f.a, f.projectId));
    expect(back.payload.teamNotes.map((note) => note.id).sort()).toEqual([mine.id, theirs.id].sort());
    // A claim the merge removes takes its notes with it.
    const g = fork();
    addTeamNote(g.a, g.claimIds[1]!, 'On a claim Bob deletes.');
    deleteClaim(g.b, g.claimIds[1]!);
    expect(merge(payload(g.a, g.projectId), payload(g.b, g.projectId)).payload.teamNotes).toEqual([]);
  });

  it('A approves claim 1, B changes its verdict, A imports B’s file: claim 1 is In review, both in the history', () => {
    const f = fork();
    const claimId = f.claimIds[0]!;
    updateClaim(f.a, claimId, { status: 'approved' });
    expect(getClaim(f.a, claimId).approval).toMatchObject({ by: 'Alice' });
    updateClaim(f.b, claimId, { verdictId: verdictId(f.b.db, f.projectId, 'Misleading') });
    const before = payload(f.a, f.projectId);
    const outcome = merge(before, payload(f.b, f.projectId));
    expect(outcome.approvalChecks).toEqual([claimId]);
    expect(applyTo(f.a, before, outcome)).toBe(1);
    const claim = getClaim(f.a, claimId);
    expect(claim).toMatchObject({ status: 'in_review', approval: { by: '', at: '', seal: '' } });
    expect(claim.verdictId).toBe(verdictId(f.a.db, f.projectId, 'Misleading'));
    const history = payload(f.a, f.projectId).changes.filter((change) => change.entityId === claimId);
    expect(history.map((change) => change.author)).toEqual(expect.arrayContaining(['Alice', 'Bob']));
    expect(history.find((change) => change.author === 'Bob')!.fields.verdictId).toBeTruthy();
    expect(history.at(-1)).toMatchObject({
      author: 'Alice',
      fields: {
        status: { before: 'approved', after: 'in_review' },
        approvalWithdrawn: { after: 'Changed after approval: imported changes.' },
      },
    });
    // An approval whose claim nobody else touched survives the merge.
    const g = fork();
    updateClaim(g.a, g.claimIds[0]!, { status: 'approved' });
    updateClaim(g.b, g.claimIds[1]!, { rationale: 'Unrelated.' });
    const gBefore = payload(g.a, g.projectId);
    expect(applyTo(g.a, gBefore, merge(gBefore, payload(g.b, g.projectId)))).toBe(0);
    expect(getClaim(g.a, g.claimIds[0]!).status).toBe('approved');
  });

  it('clears an approval that no longer goes with the status the person chose', () => {
    const f = fork();
    const claimId = f.claimIds[0]!;
    updateClaim(f.a, claimId, { status: 'approved' });
    updateClaim(f.b, claimId, { status: 'researching' });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    expect(plan.conflicts.map((conflict) => conflict.field)).toEqual(['status']);
    const outcome = resolveMerge(plan, {}, local(), 'theirs');
    expect(claimById(outcome.payload, claimId)).toMatchObject({ status: 'researching', approval: { by: '', at: '', seal: '' } });
    expect(outcome.appendChanges.at(-1)).toMatchObject({ author: 'Alice', fields: { approval: { after: { by: '', at: '', seal: '' } } } });
    checkIntegrity(outcome.payload, 'test');
  });

  it('settles a claim number both copies gave out the same way, whoever imports whom', () => {
    const f = fork();
    const base = payload(f.a, f.projectId);
    expect(base.project.nextClaimNumber).toBe(3);
    const text = article(f, f.a).text;
    const onArticle = { id: f.articleId, projectId: f.projectId, text };
    // Bob marks first (his clock is an hour ahead), then Alice: both get number 3.
    const bobs = markClaim(f.b, onArticle, 'This is our sovereign right', {});
    const alices = markClaim(f.a, onArticle, 'We will continue to develop this cooperation');
    const alicesLater = markClaim(f.a, onArticle, 'Lloyd Austin');
    expect([alices.number, alicesLater.number, bobs.number]).toEqual([3, 4, 3]);
    const ours = payload(f.a, f.projectId);
    const theirs = payload(f.b, f.projectId);
    const aTakesB = merge(ours, theirs);
    const bTakesA = resolveMerge(planMerge(theirs, ours), {}, local('Bob'));
    const numbers = (p: ProjectPayload) => Object.fromEntries(p.claims.map((claim) => [claim.id, claim.number]));
    expect(numbers(aTakesB.payload)).toEqual(numbers(bTakesA.payload));
    // Alice's claims were marked first (her clock is behind): they keep 3 and 4, Bob's becomes 5.
    expect(numbers(aTakesB.payload)).toMatchObject({ [alices.id]: 3, [alicesLater.id]: 4, [bobs.id]: 5 });
    expect(aTakesB.payload.project.nextClaimNumber).toBe(6);
    expect(bTakesA.payload.project.nextClaimNumber).toBe(6);
    expect(aTakesB.summary.renumberedClaims).toEqual([
      { claimId: bobs.id, from: 3, to: 5, statement: 'This is our sovereign right' },
    ]);
    expect(bTakesA.summary.renumberedClaims).toEqual(aTakesB.summary.renumberedClaims);
    // Never a conflict, and each renumbering is a change that travels with the file.
    expect(planMerge(ours, theirs).conflicts).toEqual([]);
    expect(aTakesB.appendChanges.filter((change) => change.author === 'Alice')).toEqual([
      expect.objectContaining({ entityId: bobs.id, op: 'update', fields: { number: { before: 3, after: 5 } } }),
    ]);
    checkIntegrity(aTakesB.payload, 'a');
    checkIntegrity(bTakesA.payload, 'b');
    // Both copies then trade results: nothing left to do on either side.
    applyTo(f.a, ours, aTakesB);
    applyTo(f.b, theirs, bTakesA);
    const aNow = payload(f.a, f.projectId);
    const bNow = payload(f.b, f.projectId);
    const final = resolveMerge(planMerge(aNow, bNow), {}, local());
    expect(final.payload.claims.map((claim) => [claim.id, claim.number]).sort()).toEqual(
      aNow.claims.map((claim) => [claim.id, claim.number]).sort(),
    );
    expect(records(resolveMerge(planMerge(bNow, aNow), {}, local('Bob')).payload).claims).toEqual(
      records(final.payload).claims,
    );
  });

  it('converges: after A takes B’s file, B taking A’s result has no conflicts and ends identical (random edits)', () => {
    const seen = { renumbered: 0, withdrawn: 0, notes: 0 };
    for (let seed = 1; seed <= Number(process.env.MERGE_SEEDS ?? 40); seed++) {
      const f = fork();
      const random = prng(seed);
      randomEdits(f, f.a, random, Number(process.env.MERGE_EDITS ?? 8));
      randomEdits(f, f.b, random, Number(process.env.MERGE_EDITS ?? 8));
      const aBefore = payload(f.a, f.projectId);
      const plan = planMerge(aBefore, payload(f.b, f.projectId));
      expect(
        plan.conflicts.filter((conflict) => conflict.field === 'number' || conflict.field === 'approval'),
        `seed ${seed}`,
      ).toEqual([]);
      const resolutions = Object.fromEntries(
        plan.conflicts.map((conflict) => [conflict.id, random() < 0.5 ? 'yours' : 'theirs'] as const),
      );
      const merged = resolveMerge(plan, resolutions, local('Alice'));
      checkIntegrity(merged.payload, `seed ${seed}`);
      // A imports after B's work (what the approval rule writes is stamped with A's clock).
      setClock(f.a, '2024-10-22T12:00:00.000Z');
      seen.withdrawn += applyTo(f.a, aBefore, merged);
      seen.renumbered += merged.summary.renumberedClaims.length;
      seen.notes += merged.summary.editorialAdded.teamNotes;
      const m = payload(f.a, f.projectId);
      // What A's library holds is the merge, except approvals the approval rule withdrew on commit.
      expect(withoutApprovals(records(m), merged.approvalChecks), `seed ${seed}`).toEqual(
        withoutApprovals(records(merged.payload), merged.approvalChecks),
      );
      for (const claim of m.claims)
        if (claim.status === 'approved') expect(claim.approval.seal, `seed ${seed}`).toBe(currentSeal(f.a, claim));

      const bBefore = payload(f.b, f.projectId);
      const back = planMerge(bBefore, m);
      expect(back.conflicts, `seed ${seed}`).toEqual([]);
      const bMerged = resolveMerge(back, {}, local('Bob'));
      expect(records(bMerged.payload), `seed ${seed}`).toEqual(records(m));
      // And A taking B's result back changes nothing.
      expect(applyTo(f.b, bBefore, bMerged), `seed ${seed}`).toBe(0);
      const bAfter = payload(f.b, f.projectId);
      expect(records(bAfter), `seed ${seed}`).toEqual(records(m));
      // Claim numbers: unique, below the counter, and the same in both copies.
      const numbers = bAfter.claims.map((claim) => claim.number);
      expect(new Set(numbers).size, `seed ${seed}`).toBe(numbers.length);
      expect(Math.max(0, ...numbers), `seed ${seed}`).toBeLessThan(bAfter.project.nextClaimNumber);
      expect(bAfter.project.nextClaimNumber, `seed ${seed}`).toBe(m.project.nextClaimNumber);
      const again = resolveMerge(planMerge(m, bAfter), {}, local('Alice'));
      expect(again.changed, `seed ${seed}`).toBe(false);
    }
    // The random sessions do reach what this test is about.
    expect(seen.renumbered).toBeGreaterThan(0);
    expect(seen.withdrawn).toBeGreaterThan(0);
    expect(seen.notes).toBeGreaterThan(0);
  });
});

/** Records with the approval fields of the given claims left out (the rule may have withdrawn them). */
function withoutApprovals(r: ReturnType<typeof records>, ids: readonly string[]) {
  const checked = new Set(ids);
  return {
    ...r,
    claims: r.claims.map((claim) =>
      checked.has(claim.id) ? { ...claim, status: 'checked', approval: null, updatedAt: '' } : claim,
    ),
  };
}

/** A checker's session: marks, edits, rates, deletes, at random (seeded). */
function randomEdits(f: Fork, ctx: RepoContext, random: () => number, count: number): void {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const quotes: readonly string[] = [
    'Kremlin Spokesman Dmitry Peskov',
    'our close neighbor',
    'This is our sovereign right',
    'contradictory information',
    'the Defense Ministry',
    'Lloyd Austin',
    'serious escalation',
  ];
  for (let i = 0; i < count; i++) {
    try {
      randomEdit(f, ctx, random, pick, quotes);
    } catch (error) {
      // Refused as in the app (an approval under "Second pair of eyes", say): nothing written.
      if (!(error instanceof AppError)) throw error;
    }
  }
}

function randomEdit(
  f: Fork,
  ctx: RepoContext,
  random: () => number,
  pick: <T>(list: readonly T[]) => T | undefined,
  quotes: readonly string[],
): void {
  {
    const current = payload(ctx, f.projectId);
    const claim = pick(current.claims);
    const source = pick(current.sources);
    const verdict = pick(current.verdicts);
    const art = current.articles[0];
    switch (Math.floor(random() * 15)) {
      case 0:
        if (art) ctx.tx(() => markClaimSafe(ctx, art, pick(quotes)!));
        break;
      case 1:
        if (claim)
          updateClaim(ctx, claim.id, {
            status: pick(['unchecked', 'researching', 'in_review', 'approved'] as const)!,
          });
        break;
      case 2:
        if (claim && verdict) updateClaim(ctx, claim.id, { verdictId: random() < 0.2 ? null : verdict.id });
        break;
      case 3:
        if (claim)
          updateClaim(ctx, claim.id, {
            rationale: `Rationale ${Math.floor(random() * 3)}`,
            tags: random() < 0.5 ? ['a'] : ['b', 'c'],
          });
        break;
      case 4:
        if (claim) deleteClaim(ctx, claim.id);
        break;
      case 5:
        if (claim) createSource(ctx, claim.id, { title: `Source ${Math.floor(random() * 100)}` });
        break;
      case 6:
        if (source && random() < 0.5) deleteSource(ctx, source.id);
        else if (source) updateSource(ctx, source.id, { note: `Note ${Math.floor(random() * 3)}` });
        break;
      case 7:
        if (verdict) updateVerdict(ctx, verdict.id, { description: `Described ${Math.floor(random() * 3)}` });
        break;
      case 8:
        if (art && random() < 0.3) deleteArticle(ctx, art.id);
        else updateProject(ctx, f.projectId, { description: `About ${Math.floor(random() * 3)}` });
        break;
      case 9:
        // Edit the text as the app does: the claims are re-found, or orphaned.
        if (art) {
          const at = Math.floor(random() * art.text.length);
          const text =
            random() < 0.5
              ? `${art.text.slice(0, at)} Inserted words. ${art.text.slice(at)}`
              : art.text.replace(pick(quotes)!, 'removed');
          ctx.tx(() => {
            updateArticle(ctx, art.id, { text });
            for (const c of current.claims.filter((x) => x.articleId === art.id)) {
              const match = reanchor(text, c.anchor);
              if (match.status === 'orphaned') updateClaim(ctx, c.id, { anchorState: 'orphaned' });
              else
                updateClaim(ctx, c.id, {
                  anchor: createAnchor(text, match.start, match.end),
                  anchorState: 'anchored',
                });
            }
          });
        }
        break;
      case 10:
        if (verdict && current.verdicts.length > 2)
          deleteVerdict(ctx, verdict.id, null, (claimId, id) => updateClaim(ctx, claimId, { verdictId: id }));
        break;
      case 11:
        if (claim)
          updateClaim(ctx, claim.id, {
            claimantType: pick(['', 'Person', 'Organization'] as const)!,
            assignee: pick(['', 'Carol', 'Dan'])!,
          });
        break;
      case 12:
        if (claim) addTeamNote(ctx, claim.id, `Note ${Math.floor(random() * 100)}`);
        break;
      case 13:
        if (claim) addCorrection(ctx, claim.id, random() < 0.5 ? 'correction' : 'update', `Fixed ${Math.floor(random() * 3)}`);
        break;
      case 14:
        if (random() < 0.3) updateProject(ctx, f.projectId, { secondPairOfEyes: random() < 0.5 });
        else if (art) ctx.tx(() => markClaimSafe(ctx, art, pick(quotes)!));
        break;
    }
  }
}

function markClaimSafe(
  ctx: RepoContext,
  art: { id: string; projectId: string; text: string },
  quote: string,
) {
  if (art.text.includes(quote)) markClaim(ctx, art, quote, { statement: quote, claimant: 'Someone' });
}

describe('conflicts: what both sides started from, and the claim number', () => {
  it('gives the created value as the base when neither copy changed the field before they diverged', () => {
    const f = fork();
    updateClaim(f.a, f.claimIds[0]!, { verdictId: verdictId(f.a.db, f.projectId, 'Mostly false') });
    updateClaim(f.b, f.claimIds[0]!, { verdictId: verdictId(f.b.db, f.projectId, 'True') });
    const [conflict] = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId)).conflicts;
    expect(conflict).toMatchObject({
      field: 'verdictId',
      claimNumber: 1,
      // Plain text: whoever shows the label quotes it (no “…” twice in the dialog).
      label: 'North Korea is our close neighbor',
      base: { common: true, value: null, display: 'Not yet rated' },
      yours: { display: 'Mostly false' },
      theirs: { display: 'True' },
    });
  });

  it('gives the value at the newest change both histories share, shown as a person reads it', () => {
    const f = fork();
    const label = (name: string) => verdictId(f.a.db, f.projectId, name);
    updateClaim(f.a, f.claimIds[1]!, { verdictId: label('Half true'), rationale: 'First look.' });
    updateClaim(f.a, f.claimIds[1]!, { verdictId: label('False') });
    // B takes A's work: both histories now share A's changes.
    const bBefore = payload(f.b, f.projectId);
    applyTo(f.b, bBefore, merge(bBefore, payload(f.a, f.projectId)));
    updateClaim(f.a, f.claimIds[1]!, { verdictId: label('Mostly false'), rationale: 'Second look by A.' });
    updateClaim(f.b, f.claimIds[1]!, { verdictId: label('True'), rationale: 'Second look by B.' });
    const plan = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId));
    const byField = Object.fromEntries(plan.conflicts.map((conflict) => [conflict.field, conflict]));
    expect(Object.keys(byField).sort()).toEqual(['rationale', 'verdictId']);
    expect(byField.verdictId).toMatchObject({
      claimNumber: 2,
      base: { common: true, value: label('False'), display: 'False' },
      yours: { value: label('Mostly false'), display: 'Mostly false' },
      theirs: { value: label('True'), display: 'True' },
    });
    expect(byField.rationale!.base).toEqual({ common: true, value: 'First look.', display: 'First look.' });
    // The same base seen from the other side.
    const back = planMerge(payload(f.b, f.projectId), payload(f.a, f.projectId));
    expect(back.conflicts.find((conflict) => conflict.field === 'verdictId')!.base.display).toBe('False');
  });

  it('says there is no common value when the copies share no history of the record', () => {
    const f = fork();
    updateClaim(f.a, f.claimIds[0]!, { rationale: 'Ours.' });
    updateClaim(f.b, f.claimIds[0]!, { rationale: 'Theirs.' });
    // Their copy made the same records without any change ids ours has: created on both sides.
    let n = 0;
    const theirs = payload(f.b, f.projectId);
    const unshared = {
      ...theirs,
      changes: theirs.changes.map((entry) => ({ ...entry, id: `ffffffff-ffff-4fff-8fff-${String(++n).padStart(12, '0')}` })),
    };
    const conflicts = planMerge(payload(f.a, f.projectId), unshared).conflicts;
    const rationale = conflicts.find((conflict) => conflict.field === 'rationale')!;
    expect(rationale.base).toEqual({ common: false, value: null, display: 'No common value' });
    expect(rationale.yours.display).toBe('Ours.');
    expect(rationale.theirs.display).toBe('Theirs.');
  });

  it('names deleted-vs-edited claims and sources by their claim number', () => {
    const f = fork();
    deleteClaim(f.b, f.claimIds[1]!);
    updateClaim(f.a, f.claimIds[1]!, { rationale: 'Checked the treaty text.' });
    const sourceId = payload(f.a, f.projectId).sources[0]!.id;
    updateSource(f.a, sourceId, { title: 'Map of the border' });
    updateSource(f.b, sourceId, { title: 'Border map' });
    const conflicts = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId)).conflicts;
    expect(conflicts.find((conflict) => conflict.kind === 'deleted')).toMatchObject({
      entityType: 'claim',
      claimNumber: 2,
      label: 'This is our sovereign right',
      base: { common: true, display: 'Both copies had it' },
    });
    expect(conflicts.find((conflict) => conflict.entityType === 'source')).toMatchObject({
      claimNumber: 1,
      base: { common: true, value: 'Map', display: 'Map' },
      yours: { display: 'Map of the border' },
      theirs: { display: 'Border map' },
    });
  });

  it('gives no claim number to conflicts on other records', () => {
    const f = fork();
    updateProject(f.a, f.projectId, { title: 'Peskov (A)' });
    updateProject(f.b, f.projectId, { title: 'Peskov (B)' });
    const [conflict] = planMerge(payload(f.a, f.projectId), payload(f.b, f.projectId)).conflicts;
    expect(conflict).toMatchObject({
      entityType: 'project',
      claimNumber: null,
      base: { common: true, value: 'Peskov', display: 'Peskov' },
    });
  });
});
