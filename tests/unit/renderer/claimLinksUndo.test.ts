/**
 * The compound undo step ("Use as starting point": new fields and new sources at once): undone as
 * one, parts newest first; redone oldest first; settled part by part with what main answered; and
 * kept after a background change only while every part still applies.
 */
import { describe, expect, it } from 'vitest';
import type { DeletedRecords } from '../../../shared/api/contract.workbench';
import {
  actionAfter,
  actionFromParts,
  knownRecordsOf,
  operationFor,
  partsInRunOrder,
  pushStep,
  emptyStacks,
  stepStillApplies,
  type SingleAction,
  type UndoAction,
} from '../../../renderer/workbench/undoStack';
import { article, ARTICLE_ID, claim, source, VERDICTS } from './fixtures';

const c1 = claim(1, 'unemployment fell by half', { rationale: 'Ours.' });
const s1 = source(1, c1.id, { url: 'https://example.org/earlier', position: 0 });
const none: DeletedRecords = { article: null, claims: [], sources: [] };

const fields: SingleAction = {
  kind: 'claimFields',
  claimId: c1.id,
  before: { verdictId: null, rationale: 'Ours.' },
  after: { verdictId: VERDICTS[2]!.id, rationale: 'Ours.\n\nTheirs.' },
};
const created: SingleAction = { kind: 'created', records: { ...none, sources: [s1] } };
const copy: UndoAction = { kind: 'compound', parts: [fields, created] };

describe('a compound undo step', () => {
  it('runs its parts newest first to undo and oldest first to redo', () => {
    expect(partsInRunOrder(copy, 'undo')).toEqual([created, fields]);
    expect(partsInRunOrder(copy, 'redo')).toEqual([fields, created]);
    expect(partsInRunOrder(fields, 'undo')).toEqual([fields]);
  });

  it('asks main for the sources to go, then the fields as they were (and the reverse to redo)', () => {
    expect(operationFor(copy, 'undo')).toEqual({
      op: 'sequence',
      operations: [
        { op: 'deleteSources', sources: [s1] },
        { op: 'updateClaim', claimId: c1.id, fields: { verdictId: null, rationale: 'Ours.' } },
      ],
    });
    expect(operationFor(copy, 'redo')).toEqual({
      op: 'sequence',
      operations: [
        { op: 'updateClaim', claimId: c1.id, fields: fields.after },
        { op: 'restore', records: { ...none, sources: [s1] } },
      ],
    });
  });

  it('keeps each part as main answered it, in the step’s own order', () => {
    const restored = { ...none, sources: [{ ...s1, updatedAt: '2030-01-01T00:00:00.000Z' }] };
    // Redo ran fields, then the restore that answered `restored`.
    const done = [actionAfter(fields, null), actionAfter(created, restored)];
    expect(actionFromParts(copy, 'redo', done)).toEqual({ kind: 'compound', parts: [fields, { kind: 'created', records: restored }] });
    // Undo ran them the other way round; the step keeps its order.
    expect(actionFromParts(copy, 'undo', [created, fields])).toEqual(copy);
  });

  it('is one step on the stack, never merged with a field save', () => {
    const stacks = pushStep(emptyStacks(), { label: 'Use as starting point', action: copy }, 1);
    const next = pushStep(stacks, { label: 'Edit rationale', mergeKey: `claim:${c1.id}:rationale`, action: fields }, 2);
    expect(next.undoStack.map((entry) => entry.label)).toEqual(['Use as starting point', 'Edit rationale']);
  });

  it('still applies only while the claim and the copied source are as the window knew them', () => {
    const view = (sources = [s1]) =>
      knownRecordsOf({ articleId: ARTICLE_ID, article: article(), claims: [c1], sources, verdictIds: VERDICTS.map((v) => v.id) });
    expect(stepStillApplies(copy, view(), view())).toBe(true);
    expect(stepStillApplies(copy, view(), view([{ ...s1, title: 'Changed elsewhere' }]))).toBe(false);
    const gone = knownRecordsOf({ articleId: ARTICLE_ID, article: article(), claims: [c1], sources: [s1], verdictIds: [VERDICTS[0]!.id] });
    // The verdict the step would set is gone.
    expect(stepStillApplies(copy, view(), gone)).toBe(false);
  });
});
