/**
 * The workbench's undo/redo rules, with no React, store or API in them: what a step records, what
 * undoing or redoing each kind of step asks main to do, how steps are pushed, merged, moved between
 * the two stacks and dropped. The store (renderer/store/workbenchSlice.ts) runs the operations
 * against the API and keeps the stacks in its state.
 */
import type { AnchorAssignment, DeletedRecords } from '../../shared/api/contract.workbench';
import type { ClaimFields, Source, SourceFields } from '../../shared/domain';

export type UndoAction =
  | { kind: 'claimFields'; claimId: string; before: Partial<ClaimFields>; after: Partial<ClaimFields> }
  | { kind: 'sourceFields'; sourceId: string; before: Partial<SourceFields>; after: Partial<SourceFields> }
  /** Claims or sources that were created (undo deletes them; redo puts them back with their ids). */
  | { kind: 'created'; records: DeletedRecords }
  /** Claims, sources or an article with its claims that were deleted. */
  | { kind: 'deleted'; records: DeletedRecords }
  | { kind: 'anchors'; articleId: string; before: AnchorAssignment[]; after: AnchorAssignment[] }
  | {
      kind: 'articleText';
      articleId: string;
      beforeText: string;
      beforeAnchors: AnchorAssignment[];
      afterText: string;
    };

export interface UndoEntry {
  label: string;
  action: UndoAction;
  at: number;
  /** Consecutive saves of the same field merge into one step (typing is one action, not fifty). */
  mergeKey?: string;
}

/** The two stacks, newest step last; named as the store keeps them. */
export interface UndoStacks {
  undoStack: UndoEntry[];
  redoStack: UndoEntry[];
}

export type UndoDirection = 'undo' | 'redo';

/** At most this many steps are kept; the oldest go first. */
export const UNDO_LIMIT = 200;
/** Saves of the same field closer together than this merge into the step before. */
export const MERGE_WINDOW_MS = 8_000;

export const emptyStacks = (): UndoStacks => ({ undoStack: [], redoStack: [] });

/**
 * Records a new step. A new step empties the redo stack; a save of the same field as the newest
 * step (same merge key, within the merge window) extends that step instead; past UNDO_LIMIT the
 * oldest step is dropped.
 */
export function pushStep(stacks: UndoStacks, entry: Omit<UndoEntry, 'at'>, now: number): UndoStacks {
  const stack = stacks.undoStack;
  const top = stack[stack.length - 1];
  if (entry.mergeKey && top?.mergeKey === entry.mergeKey && now - top.at < MERGE_WINDOW_MS) {
    const merged = mergeActions(top.action, entry.action);
    if (merged)
      return { undoStack: [...stack.slice(0, -1), { ...top, action: merged, at: now }], redoStack: [] };
  }
  return { undoStack: [...stack, { ...entry, at: now }].slice(-UNDO_LIMIT), redoStack: [] };
}

/** Two saves of the same field in a row: one step from the first "before" to the last "after". */
export function mergeActions(older: UndoAction, newer: UndoAction): UndoAction | null {
  if (older.kind === 'claimFields' && newer.kind === 'claimFields' && older.claimId === newer.claimId) {
    return { ...newer, before: older.before };
  }
  if (older.kind === 'sourceFields' && newer.kind === 'sourceFields' && older.sourceId === newer.sourceId) {
    return { ...newer, before: older.before };
  }
  return null;
}

/**
 * Takes the newest step off the stack of `direction` (null when there is none). The step is off the
 * stack while it runs, and a step that fails (its record gone, say) is not put back: the error is
 * shown and the next press moves on to the step before instead of failing again.
 */
export function takeStep(
  stacks: UndoStacks,
  direction: UndoDirection,
): { entry: UndoEntry; stacks: UndoStacks } | null {
  const stack = direction === 'undo' ? stacks.undoStack : stacks.redoStack;
  const entry = stack[stack.length - 1];
  if (!entry) return null;
  const rest = stack.slice(0, -1);
  return {
    entry,
    stacks:
      direction === 'undo'
        ? { undoStack: rest, redoStack: stacks.redoStack }
        : { undoStack: stacks.undoStack, redoStack: rest },
  };
}

/**
 * A step that ran: it goes onto the other stack with the action as it now stands (records as main
 * put them back). A moved step never merges with a later save.
 */
export function settleStep(
  stacks: UndoStacks,
  direction: UndoDirection,
  entry: UndoEntry,
  action: UndoAction,
): UndoStacks {
  const moved: UndoEntry = { label: entry.label, action, at: 0 };
  return direction === 'undo'
    ? { undoStack: stacks.undoStack, redoStack: [...stacks.redoStack, moved] }
    : { undoStack: [...stacks.undoStack, moved], redoStack: stacks.redoStack };
}

/** What running a step asks main to do. */
export type UndoOperation =
  | { op: 'updateClaim'; claimId: string; fields: Partial<ClaimFields> }
  | { op: 'updateSource'; sourceId: string; fields: Partial<SourceFields> }
  /** Put records back with their ids (`workbench.restore`). */
  | { op: 'restore'; records: DeletedRecords }
  | { op: 'deleteArticle'; articleId: string }
  | { op: 'deleteClaims'; claimIds: string[] }
  | { op: 'deleteSources'; sources: Source[] }
  /** Set claims' anchors, with the article text they point into when `text` is given. */
  | { op: 'setAnchors'; articleId: string; anchors: AnchorAssignment[]; text?: string }
  /** Save the article text again (main re-anchors the claims). */
  | { op: 'setText'; articleId: string; text: string };

/** The operation that undoes (or redoes) an action. */
export function operationFor(action: UndoAction, direction: UndoDirection): UndoOperation {
  switch (action.kind) {
    case 'claimFields':
      return {
        op: 'updateClaim',
        claimId: action.claimId,
        fields: direction === 'undo' ? action.before : action.after,
      };
    case 'sourceFields':
      return {
        op: 'updateSource',
        sourceId: action.sourceId,
        fields: direction === 'undo' ? action.before : action.after,
      };
    case 'created':
    case 'deleted': {
      // Undoing a create and redoing a delete remove the records; the other two put them back.
      const remove = (action.kind === 'created') === (direction === 'undo');
      const { records } = action;
      if (!remove) return { op: 'restore', records };
      if (records.article) return { op: 'deleteArticle', articleId: records.article.id };
      if (records.claims.length > 0)
        return { op: 'deleteClaims', claimIds: records.claims.map((claim) => claim.id) };
      return { op: 'deleteSources', sources: records.sources };
    }
    case 'anchors':
      return {
        op: 'setAnchors',
        articleId: action.articleId,
        anchors: direction === 'undo' ? action.before : action.after,
      };
    case 'articleText':
      return direction === 'undo'
        ? {
            op: 'setAnchors',
            articleId: action.articleId,
            text: action.beforeText,
            anchors: action.beforeAnchors,
          }
        : { op: 'setText', articleId: action.articleId, text: action.afterText };
  }
}

/**
 * The action to keep after its operation ran. Restores and deletes answer with the records as
 * they are now (re-anchored, with their latest fields), which the next undo or redo must use.
 */
export function actionAfter(action: UndoAction, records: DeletedRecords | null): UndoAction {
  if ((action.kind === 'created' || action.kind === 'deleted') && records) return { ...action, records };
  return action;
}
