/**
 * The workbench's undo/redo rules, with no React, store or API in them: what a step records, what
 * undoing or redoing each kind of step asks main to do, how steps are pushed, merged, moved between
 * the two stacks and dropped. The store (renderer/store/workbenchSlice.ts) runs the operations
 * against the API and keeps the stacks in its state.
 */
import type { AnchorAssignment, DeletedRecords } from '../../shared/api/contract.workbench';
import type { Article, Claim, ClaimFields, Source, SourceFields } from '../../shared/domain';

/** One thing a step did; a compound step is several of these, undone and redone as one. */
export type SingleAction =
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

/**
 * A step that did several things at once ("Use as starting point": fields and new sources), undone
 * as one: undo runs its parts newest first, redo oldest first.
 */
export type CompoundAction = { kind: 'compound'; parts: SingleAction[] };

export type UndoAction = SingleAction | CompoundAction;

/** The parts of a step in the order running it in `direction` takes them. */
export function partsInRunOrder(action: UndoAction, direction: UndoDirection): SingleAction[] {
  if (action.kind !== 'compound') return [action];
  return direction === 'undo' ? [...action.parts].reverse() : [...action.parts];
}

/** The step to keep after its parts ran (`done`, in the order they ran), as actionAfter made them. */
export function actionFromParts(action: UndoAction, direction: UndoDirection, done: SingleAction[]): UndoAction {
  if (action.kind !== 'compound') return done[0] ?? action;
  return { kind: 'compound', parts: direction === 'undo' ? [...done].reverse() : done };
}

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
  | { op: 'setText'; articleId: string; text: string }
  /** Several operations, one after the other (a compound step). */
  | { op: 'sequence'; operations: UndoOperation[] };

/** The operation that undoes (or redoes) an action; a compound one's parts in the order they run. */
export function operationFor(action: UndoAction, direction: UndoDirection): UndoOperation {
  switch (action.kind) {
    case 'compound':
      return { op: 'sequence', operations: partsInRunOrder(action, direction).map((part) => operationFor(part, direction)) };
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
 * they are now (re-anchored, with their latest fields), which the next undo or redo must use. A
 * compound step's parts are settled one by one as they run (`actionFromParts`).
 */
export function actionAfter(action: SingleAction, records: DeletedRecords | null): SingleAction;
export function actionAfter(action: UndoAction, records: DeletedRecords | null): UndoAction;
export function actionAfter(action: UndoAction, records: DeletedRecords | null): UndoAction {
  if ((action.kind === 'created' || action.kind === 'deleted') && records) return { ...action, records };
  return action;
}

/**
 * What the window knows for certain about the records of one article: the article, every one of its
 * claims and every source of those claims, each as a key of its whole state (`stateKey`), and the
 * project's verdicts. Taken before and after an import or restore changed the project behind the
 * window's back, it tells which undo steps still apply.
 */
export interface KnownRecords {
  articleId: string;
  /** The article's state; null: it no longer exists (its claims and sources with it). */
  article: string | null;
  /** Every claim of the article, by id. */
  claims: ReadonlyMap<string, string>;
  /** Every source of those claims, by id. */
  sources: ReadonlyMap<string, string>;
  /** The project's verdict ids. */
  verdicts: ReadonlySet<string>;
}

/** What the window holds of one article (null: the article is gone), as `KnownRecords`. */
export function knownRecordsOf(view: {
  articleId: string;
  article: Article | null;
  claims: readonly Claim[];
  sources: readonly Source[];
  verdictIds: Iterable<string>;
}): KnownRecords {
  const { article } = view;
  return {
    articleId: view.articleId,
    article: article ? stateKey(article) : null,
    claims: new Map(article ? view.claims.map((claim) => [claim.id, stateKey(claim)]) : []),
    sources: new Map(article ? view.sources.map((source) => [source.id, stateKey(source)]) : []),
    verdicts: new Set(view.verdictIds),
  };
}

/** A record's whole state as a string, the same whatever order its fields came in. */
export function stateKey(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}

/** The records an action refers to: itself, and the parent it cannot do without. */
type RecordRef =
  | { kind: 'article'; id: string }
  | { kind: 'claim'; id: string; articleId?: string }
  | { kind: 'source'; id: string; claimId?: string };

function refsOf(action: UndoAction): RecordRef[] {
  switch (action.kind) {
    case 'compound':
      return action.parts.flatMap(refsOf);
    case 'claimFields':
      return [{ kind: 'claim', id: action.claimId }];
    case 'sourceFields':
      return [{ kind: 'source', id: action.sourceId }];
    case 'created':
    case 'deleted': {
      const { article, claims, sources } = action.records;
      const refs: RecordRef[] = article ? [{ kind: 'article', id: article.id }] : [];
      for (const claim of claims) {
        refs.push({ kind: 'claim', id: claim.id, articleId: claim.articleId });
        refs.push({ kind: 'article', id: claim.articleId });
      }
      for (const source of sources) {
        refs.push({ kind: 'source', id: source.id, claimId: source.claimId });
        const parent = claims.find((claim) => claim.id === source.claimId);
        refs.push({ kind: 'claim', id: source.claimId, ...(parent ? { articleId: parent.articleId } : {}) });
      }
      return refs;
    }
    case 'anchors':
    case 'articleText': {
      const anchors = action.kind === 'anchors' ? [...action.before, ...action.after] : action.beforeAnchors;
      return [
        { kind: 'article', id: action.articleId },
        ...anchors.map((anchor): RecordRef => ({
          kind: 'claim',
          id: anchor.claimId,
          articleId: action.articleId,
        })),
      ];
    }
  }
}

/** The verdicts a step would set. */
function verdictsOf(action: UndoAction): string[] {
  if (action.kind === 'compound') return action.parts.flatMap(verdictsOf);
  if (action.kind !== 'claimFields') return [];
  return [action.before.verdictId, action.after.verdictId].filter(
    (id): id is string => typeof id === 'string',
  );
}

/**
 * Whether a step still applies after a background change: every record it refers to is one whose
 * state the window knew before and after, and that state is the same (a record that was gone is
 * still gone), and the verdicts it would set still exist. A record of another article than the one
 * both views hold is unknown, so its steps do not apply.
 */
export function stepStillApplies(action: UndoAction, before: KnownRecords, after: KnownRecords): boolean {
  if (before.articleId !== after.articleId) return false;
  const articleId = before.articleId;
  const claimInScope = (id: string, hint?: string) =>
    hint === articleId || before.claims.has(id) || after.claims.has(id);
  // Both views know the record and hold the same state for it (absent from both counts as the same).
  const same = (a: string | null | undefined, b: string | null | undefined) => a !== undefined && a === b;
  const refs = refsOf(action);
  const claimHints = new Map<string, string>();
  for (const ref of refs) if (ref.kind === 'claim' && ref.articleId) claimHints.set(ref.id, ref.articleId);
  for (const ref of refs) {
    if (ref.kind === 'article') {
      if (ref.id !== articleId || !same(before.article, after.article)) return false;
    } else if (ref.kind === 'claim') {
      if (!claimInScope(ref.id, ref.articleId ?? claimHints.get(ref.id))) return false;
      if (!same(before.claims.get(ref.id) ?? null, after.claims.get(ref.id) ?? null)) return false;
    } else {
      const known =
        before.sources.has(ref.id) ||
        after.sources.has(ref.id) ||
        (ref.claimId !== undefined && claimInScope(ref.claimId, claimHints.get(ref.claimId)));
      if (!known) return false;
      if (!same(before.sources.get(ref.id) ?? null, after.sources.get(ref.id) ?? null)) return false;
    }
  }
  return verdictsOf(action).every((id) => after.verdicts.has(id));
}

/**
 * The stacks after an import or restore changed the open project: a step is kept only while it and
 * every step that must run before it (the newer ones on the same stack) still apply; the first one
 * that does not is dropped with everything beneath it. Without what the window knew before and
 * after (no article open, or it could not be read), nothing can be checked and both stacks empty.
 */
export function dropStaleSteps(
  stacks: UndoStacks,
  before: KnownRecords | null,
  after: KnownRecords | null,
): { stacks: UndoStacks; dropped: number } {
  const keep = (stack: UndoEntry[]): UndoEntry[] => {
    if (!before || !after) return [];
    for (let index = stack.length - 1; index >= 0; index--) {
      if (!stepStillApplies(stack[index]!.action, before, after)) return stack.slice(index + 1);
    }
    return stack;
  };
  const undoStack = keep(stacks.undoStack);
  const redoStack = keep(stacks.redoStack);
  return {
    stacks: { undoStack, redoStack },
    dropped: stacks.undoStack.length - undoStack.length + stacks.redoStack.length - redoStack.length,
  };
}

/** The notice after `dropStaleSteps` dropped some steps (none when nothing was dropped). */
export function staleStepsNotice(dropped: number, left: number): string | null {
  if (dropped === 0) return null;
  if (left === 0) return 'The project changed (import or restore): undo history cleared.';
  return `The project changed (import or restore): ${dropped === 1 ? '1 undo step that no longer applies was' : `${dropped} undo steps that no longer apply were`} dropped.`;
}
