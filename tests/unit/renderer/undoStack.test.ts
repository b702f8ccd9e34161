import { describe, expect, it } from 'vitest';
import type { AnchorAssignment, DeletedRecords } from '../../../shared/api/contract.workbench';
import {
  actionAfter,
  emptyStacks,
  MERGE_WINDOW_MS,
  mergeActions,
  operationFor,
  pushStep,
  settleStep,
  takeStep,
  UNDO_LIMIT,
  type UndoAction,
  type UndoDirection,
  type UndoEntry,
  type UndoStacks,
} from '../../../renderer/workbench/undoStack';
import { article, ARTICLE_ID, claim, source } from './fixtures';

const c1 = claim(1, 'unemployment fell by half');
const c2 = claim(2, 'Exports doubled since 2020');
const s1 = source(1, c1.id, { url: 'https://example.org/stats' });
const none: DeletedRecords = { article: null, claims: [], sources: [] };

const fieldStep = (claimId: string, before: string, after: string, key = `claim:${claimId}:claimant`) => ({
  label: 'Edit claimant',
  mergeKey: key,
  action: {
    kind: 'claimFields',
    claimId,
    before: { claimant: before },
    after: { claimant: after },
  } as UndoAction,
});
const markStep = (records: DeletedRecords = { ...none, claims: [c1] }) => ({
  label: 'Mark claim',
  action: { kind: 'created', records } as UndoAction,
});

/** Undo or redo as the store runs it: take the step, run it (here: nothing to run), settle it. */
function step(stacks: UndoStacks, direction: UndoDirection): { stacks: UndoStacks; entry: UndoEntry } {
  const taken = takeStep(stacks, direction);
  if (!taken) throw new Error(`nothing to ${direction}`);
  return { entry: taken.entry, stacks: settleStep(taken.stacks, direction, taken.entry, taken.entry.action) };
}

describe('what undoing and redoing each kind of step asks of main', () => {
  it('claim fields: the "before" values on undo, the "after" values on redo', () => {
    const action: UndoAction = {
      kind: 'claimFields',
      claimId: c1.id,
      before: { claimant: '', status: 'unchecked' },
      after: { claimant: 'The minister', status: 'researching' },
    };
    expect(operationFor(action, 'undo')).toEqual({
      op: 'updateClaim',
      claimId: c1.id,
      fields: { claimant: '', status: 'unchecked' },
    });
    expect(operationFor(action, 'redo')).toEqual({
      op: 'updateClaim',
      claimId: c1.id,
      fields: { claimant: 'The minister', status: 'researching' },
    });
  });

  it('source fields: the same, for a source', () => {
    const action: UndoAction = {
      kind: 'sourceFields',
      sourceId: s1.id,
      before: { url: '' },
      after: { url: 'https://example.org/stats' },
    };
    expect(operationFor(action, 'undo')).toEqual({
      op: 'updateSource',
      sourceId: s1.id,
      fields: { url: '' },
    });
    expect(operationFor(action, 'redo')).toEqual({
      op: 'updateSource',
      sourceId: s1.id,
      fields: { url: 'https://example.org/stats' },
    });
  });

  it('created records: undo deletes them (claims with their sources, or sources alone); redo restores them', () => {
    const claims: UndoAction = { kind: 'created', records: { ...none, claims: [c1, c2] } };
    expect(operationFor(claims, 'undo')).toEqual({ op: 'deleteClaims', claimIds: [c1.id, c2.id] });
    expect(operationFor(claims, 'redo')).toEqual({ op: 'restore', records: claims.records });

    const sources: UndoAction = { kind: 'created', records: { ...none, sources: [s1] } };
    expect(operationFor(sources, 'undo')).toEqual({ op: 'deleteSources', sources: [s1] });
    expect(operationFor(sources, 'redo')).toEqual({ op: 'restore', records: sources.records });
  });

  it('deleted records: undo restores them; redo deletes them again (an article with its claims as one)', () => {
    const records: DeletedRecords = { article: article(), claims: [c1, c2], sources: [s1] };
    const deletedArticle: UndoAction = { kind: 'deleted', records };
    expect(operationFor(deletedArticle, 'undo')).toEqual({ op: 'restore', records });
    expect(operationFor(deletedArticle, 'redo')).toEqual({ op: 'deleteArticle', articleId: ARTICLE_ID });

    const deletedClaim: UndoAction = { kind: 'deleted', records: { ...none, claims: [c1], sources: [s1] } };
    expect(operationFor(deletedClaim, 'undo')).toEqual({ op: 'restore', records: deletedClaim.records });
    expect(operationFor(deletedClaim, 'redo')).toEqual({ op: 'deleteClaims', claimIds: [c1.id] });

    const removedSource: UndoAction = { kind: 'deleted', records: { ...none, sources: [s1] } };
    expect(operationFor(removedSource, 'redo')).toEqual({ op: 'deleteSources', sources: [s1] });
  });

  it('anchors: the spans before on undo, after on redo, without touching the text', () => {
    const before: AnchorAssignment[] = [{ claimId: c1.id, anchor: c1.anchor, anchorState: 'orphaned' }];
    const after: AnchorAssignment[] = [{ claimId: c1.id, anchor: c2.anchor, anchorState: 'anchored' }];
    const action: UndoAction = { kind: 'anchors', articleId: ARTICLE_ID, before, after };
    expect(operationFor(action, 'undo')).toEqual({
      op: 'setAnchors',
      articleId: ARTICLE_ID,
      anchors: before,
    });
    expect(operationFor(action, 'redo')).toEqual({ op: 'setAnchors', articleId: ARTICLE_ID, anchors: after });
    expect(operationFor(action, 'undo')).not.toHaveProperty('text');
  });

  it('article text: undo puts the old text back with the old anchors; redo saves the new text again', () => {
    const beforeAnchors: AnchorAssignment[] = [
      { claimId: c1.id, anchor: c1.anchor, anchorState: 'anchored' },
    ];
    const action: UndoAction = {
      kind: 'articleText',
      articleId: ARTICLE_ID,
      beforeText: 'old text',
      beforeAnchors,
      afterText: 'new text',
    };
    expect(operationFor(action, 'undo')).toEqual({
      op: 'setAnchors',
      articleId: ARTICLE_ID,
      text: 'old text',
      anchors: beforeAnchors,
    });
    expect(operationFor(action, 'redo')).toEqual({ op: 'setText', articleId: ARTICLE_ID, text: 'new text' });
  });

  it('after a restore or delete the step keeps the records main answered with (re-anchored, latest fields)', () => {
    const action: UndoAction = { kind: 'deleted', records: { ...none, claims: [c1] } };
    const reanchored = { ...c1, anchorState: 'orphaned' as const };
    const answered: DeletedRecords = { ...none, claims: [reanchored] };
    expect(actionAfter(action, answered)).toEqual({ kind: 'deleted', records: answered });
    const created: UndoAction = { kind: 'created', records: { ...none, claims: [c1] } };
    expect(actionAfter(created, answered)).toEqual({ kind: 'created', records: answered });
    // Other steps stay as they were.
    const fields = fieldStep(c1.id, '', 'x').action;
    expect(actionAfter(fields, null)).toBe(fields);
    expect(actionAfter(fields, answered)).toBe(fields);
  });
});

describe('pushing steps', () => {
  it('appends the step with its time, newest last', () => {
    let stacks = pushStep(emptyStacks(), markStep(), 1_000);
    stacks = pushStep(
      stacks,
      { label: 'Add source', action: { kind: 'created', records: { ...none, sources: [s1] } } },
      2_000,
    );
    expect(stacks.undoStack.map((entry) => [entry.label, entry.at])).toEqual([
      ['Mark claim', 1_000],
      ['Add source', 2_000],
    ]);
    expect(stacks.redoStack).toEqual([]);
  });

  it('does not change the stacks it was given', () => {
    const start = pushStep(emptyStacks(), markStep(), 1_000);
    const snapshot = structuredClone(start);
    pushStep(start, markStep(), 2_000);
    step(start, 'undo');
    expect(start).toEqual(snapshot);
  });

  it('answers the two stacks only, so the store can set the answer as it is', () => {
    const state = { ...pushStep(emptyStacks(), markStep(), 1_000), claims: [c1], selectedClaimId: c1.id };
    const taken = takeStep(state, 'undo')!;
    const settled = settleStep(state, 'undo', taken.entry, taken.entry.action);
    for (const answer of [pushStep(state, markStep(), 2_000), taken.stacks, settled])
      expect(Object.keys(answer).sort()).toEqual(['redoStack', 'undoStack']);
  });

  it('merges saves of the same field within the merge window into one step, first "before" to last "after"', () => {
    let stacks = pushStep(emptyStacks(), fieldStep(c1.id, '', 'J'), 1_000);
    stacks = pushStep(stacks, fieldStep(c1.id, 'J', 'Jo'), 2_000);
    stacks = pushStep(stacks, fieldStep(c1.id, 'Jo', 'Joe'), 2_000 + MERGE_WINDOW_MS - 1);
    expect(stacks.undoStack).toHaveLength(1);
    expect(stacks.undoStack[0]).toMatchObject({
      label: 'Edit claimant',
      at: 2_000 + MERGE_WINDOW_MS - 1,
      action: { kind: 'claimFields', claimId: c1.id, before: { claimant: '' }, after: { claimant: 'Joe' } },
    });
  });

  it('the window counts from the last save: a pause longer than it starts a new step', () => {
    let stacks = pushStep(emptyStacks(), fieldStep(c1.id, '', 'J'), 1_000);
    stacks = pushStep(stacks, fieldStep(c1.id, 'J', 'Jo'), 1_000 + MERGE_WINDOW_MS);
    expect(stacks.undoStack).toHaveLength(2);
    expect(stacks.undoStack[1]!.action).toMatchObject({
      before: { claimant: 'J' },
      after: { claimant: 'Jo' },
    });
  });

  it('does not merge another field, another record, or a step in between', () => {
    let stacks = pushStep(emptyStacks(), fieldStep(c1.id, '', 'J'), 1_000);
    stacks = pushStep(stacks, fieldStep(c2.id, '', 'K', `claim:${c2.id}:claimant`), 1_001);
    stacks = pushStep(stacks, fieldStep(c1.id, 'J', 'Jo'), 1_002);
    expect(stacks.undoStack).toHaveLength(3);
    stacks = pushStep(stacks, markStep(), 1_003);
    stacks = pushStep(stacks, fieldStep(c1.id, 'Jo', 'Joe'), 1_004);
    expect(stacks.undoStack).toHaveLength(5);
  });

  it('merges source fields the same way, but never a claim step into a source step', () => {
    const sourceStep = (before: string, after: string) => ({
      label: 'Edit source URL',
      mergeKey: `source:${s1.id}:url`,
      action: {
        kind: 'sourceFields',
        sourceId: s1.id,
        before: { url: before },
        after: { url: after },
      } as UndoAction,
    });
    let stacks = pushStep(emptyStacks(), sourceStep('', 'https://a'), 1_000);
    stacks = pushStep(stacks, sourceStep('https://a', 'https://ab'), 1_500);
    expect(stacks.undoStack).toHaveLength(1);
    expect(stacks.undoStack[0]!.action).toMatchObject({ before: { url: '' }, after: { url: 'https://ab' } });

    const claimAction = fieldStep(c1.id, '', 'x').action;
    expect(mergeActions(stacks.undoStack[0]!.action, claimAction)).toBeNull();
    expect(mergeActions(claimAction, fieldStep(c2.id, '', 'y').action)).toBeNull();
    // The same merge key on steps that cannot merge: a new step, not a lost one.
    stacks = pushStep(stacks, { ...fieldStep(c1.id, '', 'x'), mergeKey: `source:${s1.id}:url` }, 1_600);
    expect(stacks.undoStack).toHaveLength(2);
  });

  it(`keeps the newest ${UNDO_LIMIT} steps`, () => {
    let stacks = emptyStacks();
    for (let n = 0; n < UNDO_LIMIT + 5; n++)
      stacks = pushStep(stacks, { label: `Step ${n}`, action: markStep().action }, n);
    expect(stacks.undoStack).toHaveLength(UNDO_LIMIT);
    expect(stacks.undoStack[0]!.label).toBe('Step 5');
    expect(stacks.undoStack[UNDO_LIMIT - 1]!.label).toBe(`Step ${UNDO_LIMIT + 4}`);
  });
});

describe('undo and redo', () => {
  it('undo moves the newest step to the redo stack; redo moves it back', () => {
    let stacks = pushStep(emptyStacks(), markStep(), 1_000);
    stacks = pushStep(stacks, fieldStep(c1.id, '', 'Joe'), 2_000);

    const undone = step(stacks, 'undo');
    expect(undone.entry.label).toBe('Edit claimant');
    expect(undone.stacks.undoStack.map((entry) => entry.label)).toEqual(['Mark claim']);
    expect(undone.stacks.redoStack.map((entry) => entry.label)).toEqual(['Edit claimant']);

    const undoneTwice = step(undone.stacks, 'undo');
    expect(undoneTwice.entry.label).toBe('Mark claim');
    expect(undoneTwice.stacks.undoStack).toEqual([]);
    // The next redo is the step undone last.
    expect(undoneTwice.stacks.redoStack.map((entry) => entry.label)).toEqual(['Edit claimant', 'Mark claim']);

    const redone = step(undoneTwice.stacks, 'redo');
    expect(redone.entry.label).toBe('Mark claim');
    const redoneTwice = step(redone.stacks, 'redo');
    expect(redoneTwice.entry.label).toBe('Edit claimant');
    expect(redoneTwice.stacks.undoStack.map((entry) => entry.label)).toEqual(['Mark claim', 'Edit claimant']);
    expect(redoneTwice.stacks.redoStack).toEqual([]);
    expect(redoneTwice.stacks.undoStack[1]!.action).toEqual(stacks.undoStack[1]!.action);
  });

  it('there is nothing to take from an empty stack', () => {
    expect(takeStep(emptyStacks(), 'undo')).toBeNull();
    expect(takeStep(emptyStacks(), 'redo')).toBeNull();
    expect(takeStep(pushStep(emptyStacks(), markStep(), 1), 'redo')).toBeNull();
  });

  it('a step that is running is on neither stack, and one that failed (never settled) is gone', () => {
    let stacks = pushStep(emptyStacks(), markStep(), 1_000);
    stacks = pushStep(stacks, fieldStep(c1.id, '', 'Joe'), 2_000);
    const taken = takeStep(stacks, 'undo')!;
    expect(taken.stacks.undoStack.map((entry) => entry.label)).toEqual(['Mark claim']);
    expect(taken.stacks.redoStack).toEqual([]);
    // It failed: the store does not settle it. The next undo goes on with the step before.
    expect(takeStep(taken.stacks, 'undo')!.entry.label).toBe('Mark claim');
  });

  it('a settled step keeps the action it was settled with (the records main answered)', () => {
    const stacks = pushStep(
      emptyStacks(),
      { label: 'Delete claim', action: { kind: 'deleted', records: { ...none, claims: [c1] } } },
      1,
    );
    const taken = takeStep(stacks, 'undo')!;
    const restored = { ...none, claims: [{ ...c1, anchorState: 'orphaned' as const }] };
    const settled = settleStep(taken.stacks, 'undo', taken.entry, actionAfter(taken.entry.action, restored));
    expect(settled.redoStack[0]!.action).toEqual({ kind: 'deleted', records: restored });
    expect(operationFor(settled.redoStack[0]!.action, 'redo')).toEqual({
      op: 'deleteClaims',
      claimIds: [c1.id],
    });
  });

  it('a new step clears the redo stack', () => {
    let stacks = pushStep(emptyStacks(), markStep(), 1_000);
    stacks = pushStep(stacks, fieldStep(c1.id, '', 'Joe'), 2_000);
    stacks = step(step(stacks, 'undo').stacks, 'undo').stacks;
    expect(stacks.redoStack).toHaveLength(2);
    stacks = pushStep(stacks, markStep({ ...none, claims: [c2] }), 3_000);
    expect(stacks.redoStack).toEqual([]);
    expect(stacks.undoStack.map((entry) => entry.label)).toEqual(['Mark claim']);
    expect(takeStep(stacks, 'redo')).toBeNull();
  });

  it('a merged save clears the redo stack too', () => {
    let stacks = pushStep(emptyStacks(), fieldStep(c1.id, '', 'J'), 1_000);
    stacks = pushStep(stacks, markStep(), 1_001);
    stacks = step(stacks, 'undo').stacks;
    stacks = pushStep(stacks, fieldStep(c1.id, 'J', 'Jo'), 1_002);
    expect(stacks.undoStack).toHaveLength(1);
    expect(stacks.redoStack).toEqual([]);
  });

  it('a step that was undone and redone never merges with a later save', () => {
    let stacks = pushStep(emptyStacks(), fieldStep(c1.id, '', 'Jo'), 1_000);
    stacks = step(step(stacks, 'undo').stacks, 'redo').stacks;
    expect(stacks.undoStack[0]).toEqual({
      label: 'Edit claimant',
      action: fieldStep(c1.id, '', 'Jo').action,
      at: 0,
    });
    stacks = pushStep(stacks, fieldStep(c1.id, 'Jo', 'Joe'), 1_001);
    expect(stacks.undoStack).toHaveLength(2);
  });

  it('a step settled while another was pushed lands on top of what is there now', () => {
    let stacks = pushStep(emptyStacks(), markStep(), 1_000);
    const taken = takeStep(stacks, 'undo')!;
    // A save happened while the undo was running.
    stacks = pushStep(taken.stacks, fieldStep(c2.id, '', 'K'), 1_001);
    stacks = settleStep(stacks, 'undo', taken.entry, taken.entry.action);
    expect(stacks.undoStack.map((entry) => entry.label)).toEqual(['Edit claimant']);
    expect(stacks.redoStack.map((entry) => entry.label)).toEqual(['Mark claim']);
  });

  it('a project starts with empty stacks', () => {
    expect(emptyStacks()).toEqual({ undoStack: [], redoStack: [] });
    expect(emptyStacks()).not.toBe(emptyStacks());
  });
});
