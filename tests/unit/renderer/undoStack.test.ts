import { describe, expect, it } from 'vitest';
import type { AnchorAssignment, DeletedRecords } from '../../../shared/api/contract.workbench';
import type { Claim, Source } from '../../../shared/domain';
import {
  actionAfter,
  dropStaleSteps,
  emptyStacks,
  knownRecordsOf,
  MERGE_WINDOW_MS,
  mergeActions,
  operationFor,
  pushStep,
  settleStep,
  staleStepsNotice,
  stateKey,
  stepStillApplies,
  takeStep,
  UNDO_LIMIT,
  type UndoAction,
  type UndoDirection,
  type UndoEntry,
  type UndoStacks,
} from '../../../renderer/workbench/undoStack';
import { article, ARTICLE_ID, claim, id, source, VERDICTS } from './fixtures';

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

describe('after an import or restore changed the open project', () => {
  const c3 = claim(3, 'Critics say');
  const s2 = source(2, c2.id);
  const verdictIds = VERDICTS.map((verdict) => verdict.id);
  /** What the window holds of the article: by default c1–c3 with s1 and s2, as loaded. */
  const view = (
    change: { claims?: Claim[]; sources?: Source[]; text?: string; verdicts?: string[]; gone?: boolean } = {},
  ) =>
    knownRecordsOf({
      articleId: ARTICLE_ID,
      article: change.gone ? null : article(change.text ? { text: change.text } : {}),
      claims: change.claims ?? [c1, c2, c3],
      sources: change.sources ?? [s1, s2],
      verdictIds: change.verdicts ?? verdictIds,
    });
  const before = view();
  const entry = (label: string, action: UndoAction): UndoEntry => ({ label, action, at: 1 });
  const edit = (record: Claim, fields: Partial<Claim> = { claimant: 'Jo' }) =>
    entry(`Edit ${record.number}`, {
      kind: 'claimFields',
      claimId: record.id,
      before: { claimant: '' },
      after: fields,
    });
  const labels = (stack: UndoEntry[]) => stack.map((step) => step.label);
  const changed = (record: Claim) => ({
    ...record,
    claimant: 'Changed in the file',
    updatedAt: '2024-06-01T00:00:00.000Z',
  });

  it('keeps every step when nothing it refers to changed', () => {
    const stacks = {
      undoStack: [edit(c1), entry('Mark', { kind: 'created', records: { ...none, claims: [c3] } })],
      redoStack: [edit(c2)],
    };
    const result = dropStaleSteps(stacks, before, view({ claims: [c1, c2, c3] }));
    expect(result).toEqual({ stacks, dropped: 0 });
    expect(staleStepsNotice(0, 3)).toBeNull();
  });

  it('drops a step on a claim that changed underneath, with every older step; newer steps stay', () => {
    const stacks = { undoStack: [edit(c3), edit(c1), edit(c2)], redoStack: [] };
    const result = dropStaleSteps(stacks, before, view({ claims: [changed(c1), c2, c3] }));
    expect(labels(result.stacks.undoStack)).toEqual(['Edit 2']);
    expect(result.dropped).toBe(2);
    expect(staleStepsNotice(result.dropped, 1)).toBe(
      'The project changed (import or restore): 2 undo steps that no longer apply were dropped.',
    );
  });

  it('the redo stack the same way: a step is dropped with the ones that can only be redone after it', () => {
    // The newest redo step (last) runs first; the one beneath it needs it.
    const stacks = { undoStack: [], redoStack: [edit(c2), edit(c1), edit(c3)] };
    const result = dropStaleSteps(stacks, before, view({ claims: [changed(c1), c2, c3] }));
    expect(labels(result.stacks.redoStack)).toEqual(['Edit 3']);
  });

  it('a claim removed underneath: its edits and its creation no longer apply', () => {
    const after = view({ claims: [c1, c2], sources: [s1] });
    expect(stepStillApplies(edit(c3).action, before, after)).toBe(false);
    expect(stepStillApplies({ kind: 'created', records: { ...none, claims: [c3] } }, before, after)).toBe(
      false,
    );
    expect(stepStillApplies(edit(c1).action, before, after)).toBe(true);
    // A source whose claim went with it.
    const removedSource = source(5, c3.id);
    expect(
      stepStillApplies({ kind: 'deleted', records: { ...none, sources: [removedSource] } }, before, after),
    ).toBe(false);
  });

  it('records that were deleted stay restorable while they are still gone, not once the file brought them back', () => {
    const deleted = claim(4, 'Exports doubled', { id: id(199) });
    const step: UndoAction = { kind: 'deleted', records: { ...none, claims: [deleted] } };
    expect(stepStillApplies(step, before, view())).toBe(true);
    expect(stepStillApplies(step, before, view({ claims: [c1, c2, c3, deleted] }))).toBe(false);
  });

  it('sources: an edited source drops its steps; an unchanged one keeps them', () => {
    const sourceStep: UndoAction = {
      kind: 'sourceFields',
      sourceId: s1.id,
      before: { url: '' },
      after: { url: s1.url },
    };
    expect(stepStillApplies(sourceStep, before, view())).toBe(true);
    const edited = { ...s1, note: 'From the file' };
    expect(stepStillApplies(sourceStep, before, view({ sources: [edited, s2] }))).toBe(false);
    const added: UndoAction = { kind: 'created', records: { ...none, sources: [s2] } };
    expect(stepStillApplies(added, before, view({ claims: [c1, changed(c2), c3] }))).toBe(false);
  });

  it('the article text changed: span and text steps no longer apply, nor claims created or deleted in it', () => {
    const after = view({ text: `${article().text} An added sentence.` });
    const anchors: AnchorAssignment[] = [{ claimId: c1.id, anchor: c1.anchor, anchorState: 'anchored' }];
    expect(
      stepStillApplies(
        { kind: 'anchors', articleId: ARTICLE_ID, before: anchors, after: anchors },
        before,
        after,
      ),
    ).toBe(false);
    expect(
      stepStillApplies(
        {
          kind: 'articleText',
          articleId: ARTICLE_ID,
          beforeText: 'x',
          beforeAnchors: anchors,
          afterText: 'y',
        },
        before,
        after,
      ),
    ).toBe(false);
    expect(stepStillApplies({ kind: 'created', records: { ...none, claims: [c3] } }, before, after)).toBe(
      false,
    );
    // Editing a claim's fields does not depend on the text.
    expect(stepStillApplies(edit(c1).action, before, after)).toBe(true);
  });

  it('the article gone: nothing in it applies', () => {
    const after = view({ gone: true });
    expect(stepStillApplies(edit(c1).action, before, after)).toBe(false);
    expect(
      stepStillApplies(
        { kind: 'deleted', records: { ...none, claims: [claim(4, 'Exports', { id: id(199) })] } },
        before,
        after,
      ),
    ).toBe(false);
  });

  it('records of another article are unknown to the window: their steps are dropped', () => {
    const elsewhere = claim(7, 'Critics say', { id: id(170), articleId: id(3) });
    expect(stepStillApplies(edit(elsewhere).action, before, view())).toBe(false);
    expect(
      stepStillApplies(
        { kind: 'deleted', records: { article: article({ id: id(3) }), claims: [elsewhere], sources: [] } },
        before,
        view(),
      ),
    ).toBe(false);
    const otherView = knownRecordsOf({
      articleId: id(3),
      article: article({ id: id(3) }),
      claims: [],
      sources: [],
      verdictIds,
    });
    expect(stepStillApplies(edit(c1).action, before, otherView)).toBe(false);
  });

  it('a step that would set a verdict the project no longer has is dropped', () => {
    const rated = edit(c1, { verdictId: verdictIds[1]! }).action;
    expect(stepStillApplies(rated, before, view())).toBe(true);
    expect(stepStillApplies(rated, before, view({ verdicts: [verdictIds[0]!] }))).toBe(false);
  });

  it('without both views (no article open, or it could not be read) both stacks are cleared', () => {
    const stacks = { undoStack: [edit(c1)], redoStack: [edit(c2)] };
    expect(dropStaleSteps(stacks, null, view())).toEqual({ stacks: emptyStacks(), dropped: 2 });
    expect(dropStaleSteps(stacks, before, null)).toEqual({ stacks: emptyStacks(), dropped: 2 });
    expect(staleStepsNotice(2, 0)).toBe('The project changed (import or restore): undo history cleared.');
    expect(staleStepsNotice(1, 4)).toBe(
      'The project changed (import or restore): 1 undo step that no longer applies was dropped.',
    );
  });

  it("a record's state is compared whatever order its fields came in", () => {
    const reordered = Object.fromEntries(Object.entries(c1).reverse()) as Claim;
    expect(stateKey(reordered)).toBe(stateKey(c1));
    expect(stepStillApplies(edit(c1).action, before, view({ claims: [reordered, c2, c3] }))).toBe(true);
    expect(stateKey({ ...c1, anchor: { ...c1.anchor, start: 0 } })).not.toBe(stateKey(c1));
  });
});
