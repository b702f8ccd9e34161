/**
 * The notice a verdict shortcut leaves (“Claim 3: verdict changed from False to Mostly true.”, with
 * Undo), and whether the newest undo step is still that change. Pure: no React, store or API.
 */
import { CLAIM_STATUS_LABELS, type Claim, type ClaimStatus } from '../../shared/domain';
import type { UndoEntry } from './undoStack';

/** One verdict change made by a shortcut, as its notice needs it. */
export interface VerdictChange {
  claimId: string;
  number: number;
  from: string | null;
  to: string | null;
  /** The claim was approved and main returned it to review because its verdict changed. */
  unapproved: boolean;
  statusAfter: ClaimStatus;
}

/** The change from the claim as it was to the claim main returned. */
export function verdictChange(before: Claim, after: Claim): VerdictChange {
  return {
    claimId: after.id,
    number: after.number,
    from: before.verdictId,
    to: after.verdictId,
    unapproved: before.status === 'approved' && after.status !== 'approved',
    statusAfter: after.status,
  };
}

/** “Claim 3: verdict changed from False to Mostly true.” (and, when it was approved, that it is back in review). */
export function verdictChangeText(change: VerdictChange, labelOf: (verdictId: string | null) => string): string {
  const text = `Claim ${change.number}: verdict changed from ${labelOf(change.from)} to ${labelOf(change.to)}.`;
  return change.unapproved
    ? `${text} It was approved, so it is back ${CLAIM_STATUS_LABELS[change.statusAfter]}.`
    : text;
}

/** After Undo: “Claim 3: verdict back to False.” */
export function verdictUndoneText(change: VerdictChange, labelOf: (verdictId: string | null) => string): string {
  const text = `Claim ${change.number}: verdict back to ${labelOf(change.from)}.`;
  return change.unapproved
    ? `${text} It stays ${CLAIM_STATUS_LABELS[change.statusAfter]} until someone approves it again.`
    : text;
}

/**
 * True when undoing the newest step would restore exactly this change's old verdict: the step is
 * this change alone (not merged with an earlier save of the verdict, nor followed by other work).
 */
export function isUndoStepOf(entry: UndoEntry | undefined, change: VerdictChange): boolean {
  if (!entry || entry.action.kind !== 'claimFields') return false;
  const { claimId, before, after } = entry.action;
  const keys = Object.keys(before);
  return (
    claimId === change.claimId &&
    keys.length === 1 &&
    keys[0] === 'verdictId' &&
    (before.verdictId ?? null) === change.from &&
    (after.verdictId ?? null) === change.to
  );
}
