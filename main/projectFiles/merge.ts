/**
 * Three-way merge of two copies of one project, pure (no I/O, no clock): planMerge finds what
 * each side did since they diverged and the conflicts; resolveMerge applies the person's choices.
 *
 * The merge base is the shared history, not timestamps. Every change has a UUID; a side "changed a
 * field since divergence" when its history has a change to that field of that record whose id
 * the other history lacks. Per record and field:
 *   - only one side changed it → take that side's value;
 *   - both changed it → equal values: nothing to do; different values: a conflict;
 *   - a record only one side has → created there (keep it), or deleted by the other side (a
 *     'delete' the first lacks): gone, unless the first side edited it since → a conflict.
 * "Edited" includes the record's children (a source added to a claim edits the claim, a claim
 * marked in an article edits the article) and, for a verdict, rating a claim with it, so a
 * deletion never silently takes a teammate's work with it. A child that one side deleted together
 * with its parent follows the parent's fate. Timestamps only order and label what people see.
 *
 * Claim numbers are never a conflict: when both sides (or neither) changed a claim's number the
 * lower one is taken, and afterwards every number is settled over the whole merged project
 * (shared/editorial/claimNumbers.ts: per number the claim created first keeps it), which gives the
 * same numbers whoever imports whom. An approval is one field; one that no longer goes with its
 * claim's status is cleared. Team notes, corrections and publications are append-only: the merge
 * keeps both sides' (a union by id), except notes of claims the merge removed. Claim links are a
 * union too, less the ones a side removed since the divergence (./mergeLinks.ts).
 *
 * The merged history is the union of both (by change id), plus changes recording what the merge
 * itself decided, authored by the local user, so the other side converges when it imports the
 * result: resolved conflicts, records deleted or restored without a change saying so, claims
 * re-anchored after the text they quote moved, verdicts cleared, positions and claim numbers
 * renumbered, approvals cleared.
 *
 * The merge does not decide whether an approval still holds: it lists the approved claims whose
 * published content may have changed (`approvalChecks`), and the import hands them to the
 * library's approval rule (main/repositories/approvals.ts), which withdraws stale ones on commit.
 */
import { createAnchor, reanchor } from '../../shared/anchoring';
import { NO_APPROVAL, type Change } from '../../shared/domain';
import { settleClaimNumbers } from '../../shared/editorial/claimNumbers';
import { AppError } from '../errors';
import type { ProjectPayload } from './format';
import { mergeAttachments } from './mergeAttachments';
import { mergeClaimLinks } from './mergeLinks';
import { publishedParts, publishedTextOf, sealInPayload } from './seals';
import {
  ENTITY_ORDER,
  FIELD_LABELS,
  KIND_LABELS,
  MERGE_FIELDS,
  describeRecord,
  describeValue,
  keyOf,
  laterOf,
  parentKeyOf,
  recordsOf,
  sameJson,
  type AnyRecord,
  type EntityKind,
} from './records';

export type Side = 'yours' | 'theirs';
export type Resolutions = Readonly<Record<string, Side>>;

export interface ConflictSide {
  /** The raw value (for a deleted-vs-edited conflict: the edited record, or null when deleted). */
  value: unknown;
  /** The value as a person reads it (a verdict's label rather than its id). */
  display: string;
  deleted: boolean;
  /** Who made the change on that side, and when (the last one, when there were several). */
  author: string;
  at: string;
}

/** What both sides started from (the merge base of the conflicting field). */
export interface ConflictBase {
  /**
   * False when the copies share no value of the field: no change both histories have sets it
   * (the record was created in both copies, or the field is older than the shared history).
   */
  common: boolean;
  /** The raw value at the newest shared change (null when not common, or for deleted-vs-edited). */
  value: unknown;
  /** The value as a person reads it (a verdict's label rather than its id). */
  display: string;
}

export interface MergeConflict {
  /** Stable for the same data: "claim:<id>:verdictId", or "claim:<id>:deleted". */
  id: string;
  kind: 'field' | 'deleted';
  entityType: EntityKind;
  entityId: string;
  /** The record, as a person recognises it: a claim's quote, an article's title (not quoted). */
  label: string;
  /** The claim's number ("Claim 7"; for a source, its claim's), as your copy has it; else null. */
  claimNumber: number | null;
  /** The field in conflict; null for deleted-vs-edited. */
  field: string | null;
  fieldLabel: string;
  /** The value both sides started from. */
  base: ConflictBase;
  yours: ConflictSide;
  theirs: ConflictSide;
}

/** The base of a field neither history shares a value of. */
export const NO_COMMON_VALUE: ConflictBase = { common: false, value: null, display: 'No common value' };
/** The base of a deleted-vs-edited conflict: both copies had the record. */
const BOTH_HAD_IT: ConflictBase = { common: true, value: null, display: 'Both copies had it' };

/** 'approval': both sides approved differently; settled once the merged content is known. */
type FieldChoice = Side | { conflict: string } | 'approval';
type Decision =
  | { type: 'both'; fields: [string, FieldChoice][] }
  | { type: 'only'; side: Side }
  | { type: 'gone' }
  | { type: 'deleteConflict'; conflictId: string; survivor: Side }
  | { type: 'follow'; side: Side; parentKey: string };

interface PlanEntry {
  key: string;
  kind: EntityKind;
  decision: Decision;
}

interface SideView {
  payload: ProjectPayload;
  records: Map<string, AnyRecord>;
  /** Changes the other side lacks, in history order. */
  newChanges: Change[];
  /** Per record: the last new create/update touching each field. */
  fieldEdits: Map<string, Map<string, Change>>;
  /** Per record: the last new create/update of it, of a child, or (verdicts) rating a claim with it. */
  lastEdit: Map<string, Change>;
  /** Per record: the last new delete of it. */
  deletes: Map<string, Change>;
  verdictLabels: Map<string, string>;
}

export interface MergePlan {
  projectId: string;
  yours: ProjectPayload;
  theirs: ProjectPayload;
  conflicts: MergeConflict[];
  /** Their history entries this side has not seen (imported as they are). */
  theirNewChanges: Change[];
  /** Our history entries they have not seen. */
  yourNewChanges: Change[];
  entries: PlanEntry[];
  views: { yours: SideView; theirs: SideView };
}

/**
 * The merge base, field by field: per record, the value each field had after the newest change
 * both histories share (a create's values, then each shared update's, in our history's order).
 */
type SharedValues = Map<string, Map<string, unknown>>;

function sharedValuesOf(yours: ProjectPayload, theirIds: ReadonlySet<string>): SharedValues {
  const values: SharedValues = new Map();
  for (const change of yours.changes) {
    if (change.op === 'delete' || !theirIds.has(change.id)) continue;
    const key = keyOf(change.entityType, change.entityId);
    let fields = values.get(key);
    for (const [field, value] of Object.entries(change.fields)) {
      if (!('after' in value)) continue;
      if (!fields) values.set(key, (fields = new Map()));
      fields.set(field, value.after);
    }
  }
  return values;
}

export interface EntityCounts {
  verdicts: number;
  articles: number;
  claims: number;
  sources: number;
}

export interface EditorialCounts {
  teamNotes: number;
  corrections: number;
  publications: number;
}

/** A claim whose number the merge changed: "Claim 4 is now Claim 6". */
export interface RenumberedClaim {
  claimId: string;
  /** Its number in your copy (or, for a claim new to you, in the file). */
  from: number;
  to: number;
  statement: string;
}

export interface MergeSummary {
  added: EntityCounts;
  updated: EntityCounts;
  deleted: EntityCounts;
  /** Team notes, corrections and publications the file adds. */
  editorialAdded: EditorialCounts;
  /** The project's title, description or "Second pair of eyes" changed. */
  projectUpdated: boolean;
  resolved: { yours: number; theirs: number };
  changesImported: number;
  /** Changes the merge recorded itself (resolutions and repairs), authored by the local user. */
  changesRecorded: number;
  reanchoredClaims: number;
  orphanedClaims: number;
  renumberedClaims: RenumberedClaim[];
}

export interface MergeOutcome {
  payload: ProjectPayload;
  /** To append to the library's history: their new changes, then the merge's own. */
  appendChanges: Change[];
  /**
   * Approved claims whose published content (fields, quote, sources, corrections, links) or approval the
   * merge changed: the import asks the approval rule to check each before it commits.
   */
  approvalChecks: string[];
  summary: MergeSummary;
  /** False when the library already has everything the file holds. */
  changed: boolean;
}

export interface LocalContext {
  author: string;
  now: string;
  newId(): string;
}

const OTHER: Record<Side, Side> = { yours: 'theirs', theirs: 'yours' };
const KIND_COLLECTION: Record<Exclude<EntityKind, 'project'>, keyof EntityCounts> = {
  verdict: 'verdicts',
  article: 'articles',
  claim: 'claims',
  source: 'sources',
};

export function planMerge(yours: ProjectPayload, theirs: ProjectPayload): MergePlan {
  if (yours.project.id !== theirs.project.id)
    throw new Error('planMerge: the two copies are of different projects');
  const yourIds = new Set(yours.changes.map((change) => change.id));
  const theirIds = new Set(theirs.changes.map((change) => change.id));
  const views: Record<Side, SideView> = { yours: viewOf(yours, theirIds), theirs: viewOf(theirs, yourIds) };
  const shared = sharedValuesOf(yours, theirIds);

  const entries: PlanEntry[] = [];
  const conflicts: MergeConflict[] = [];
  for (const kind of ENTITY_ORDER) {
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const payload of [yours, theirs]) {
      for (const record of recordsOf(payload, kind)) {
        const key = keyOf(kind, record.id);
        if (!seen.has(key)) keys.push(key);
        seen.add(key);
      }
    }
    for (const key of keys) {
      const decision = decide(kind, key, views, shared, conflicts);
      entries.push({ key, kind, decision });
    }
  }
  return {
    projectId: yours.project.id,
    yours,
    theirs,
    conflicts,
    theirNewChanges: views.theirs.newChanges,
    yourNewChanges: views.yours.newChanges,
    entries,
    views,
  };
}

function viewOf(payload: ProjectPayload, otherChangeIds: Set<string>): SideView {
  const records = new Map<string, AnyRecord>();
  for (const kind of ENTITY_ORDER)
    for (const record of recordsOf(payload, kind)) records.set(keyOf(kind, record.id), record);
  const view: SideView = {
    payload,
    records,
    newChanges: payload.changes.filter((change) => !otherChangeIds.has(change.id)),
    fieldEdits: new Map(),
    lastEdit: new Map(),
    deletes: new Map(),
    verdictLabels: new Map(payload.verdicts.map((verdict) => [verdict.id, verdict.label])),
  };
  for (const change of view.newChanges) {
    const key = keyOf(change.entityType, change.entityId);
    if (change.op === 'delete') {
      view.deletes.set(key, change);
      continue;
    }
    let fields = view.fieldEdits.get(key);
    if (!fields) view.fieldEdits.set(key, (fields = new Map()));
    for (const field of Object.keys(change.fields)) fields.set(field, change);
    view.lastEdit.set(key, change);
    // The edit also counts for the records above it, as long as it is still there to lose.
    let record = records.get(key);
    let kind: EntityKind = change.entityType;
    while (record) {
      const parent = parentKeyOf(kind, record);
      if (!parent) break;
      view.lastEdit.set(parent, change);
      record = records.get(parent);
      kind = kind === 'source' ? 'claim' : 'article';
    }
    const rated = change.fields.verdictId?.after;
    if (change.entityType === 'claim' && typeof rated === 'string' && records.get(key)?.verdictId === rated) {
      view.lastEdit.set(keyOf('verdict', rated), change);
    }
  }
  return view;
}

/** The number of the claim a conflict is about (a source's: its claim's), your copy's first. */
function claimNumberOf(kind: EntityKind, record: AnyRecord, views: Record<Side, SideView>): number | null {
  const claim =
    kind === 'claim'
      ? record
      : kind === 'source'
        ? (views.yours.records.get(keyOf('claim', record.claimId as string)) ??
          views.theirs.records.get(keyOf('claim', record.claimId as string)))
        : undefined;
  if (!claim) return null;
  const number = (views.yours.records.get(keyOf('claim', claim.id)) ?? claim).number;
  return typeof number === 'number' ? number : null;
}

function decide(
  kind: EntityKind,
  key: string,
  views: Record<Side, SideView>,
  shared: SharedValues,
  conflicts: MergeConflict[],
): Decision {
  const mine = views.yours.records.get(key);
  const theirs = views.theirs.records.get(key);
  if (mine && theirs) return decideFields(kind, key, mine, theirs, views, shared, conflicts);
  const side: Side = mine ? 'yours' : 'theirs';
  const record = (mine ?? theirs)!;
  const own = views[side];
  const other = views[OTHER[side]];
  const parent = parentKeyOf(kind, record);
  // The other side lacks the parent too: deleted with it (or created with it here). Same fate.
  if (parent && !other.records.has(parent)) return { type: 'follow', side, parentKey: parent };
  const deletion = other.deletes.get(key);
  if (!deletion) return { type: 'only', side };
  const edit = own.lastEdit.get(key);
  if (!edit) return { type: 'gone' };
  const conflictId = `${key}:deleted`;
  const kept: ConflictSide = {
    value: record,
    display: describeEdit(kind, key, own),
    deleted: false,
    author: edit.author,
    at: edit.at,
  };
  const gone: ConflictSide = {
    value: null,
    display: 'Deleted',
    deleted: true,
    author: deletion.author,
    at: deletion.at,
  };
  conflicts.push({
    id: conflictId,
    kind: 'deleted',
    entityType: kind,
    entityId: record.id,
    label: describeRecord(kind, record),
    claimNumber: claimNumberOf(kind, record, views),
    field: null,
    fieldLabel: `${KIND_LABELS[kind]} deleted on one side, edited on the other`,
    base: BOTH_HAD_IT,
    yours: side === 'yours' ? kept : gone,
    theirs: side === 'theirs' ? kept : gone,
  });
  return { type: 'deleteConflict', conflictId, survivor: side };
}

function describeEdit(kind: EntityKind, key: string, view: SideView): string {
  const own = [...(view.fieldEdits.get(key)?.keys() ?? [])].filter((field) =>
    MERGE_FIELDS[kind].includes(field),
  );
  const labels = own.map((field) => FIELD_LABELS[kind][field] ?? field);
  const edit = view.lastEdit.get(key);
  const viaChild = edit && keyOf(edit.entityType, edit.entityId) !== key;
  const parts = [...labels.map((label) => label.toLowerCase())];
  if (viaChild && edit) parts.push(`its ${edit.entityType}s`);
  return parts.length > 0 ? `Kept and edited (${parts.join(', ')})` : 'Kept and edited';
}

function decideFields(
  kind: EntityKind,
  key: string,
  mine: AnyRecord,
  theirs: AnyRecord,
  views: Record<Side, SideView>,
  shared: SharedValues,
  conflicts: MergeConflict[],
): Decision {
  const fields: [string, FieldChoice][] = [];
  const baseValues = shared.get(key);
  const myEdits = views.yours.fieldEdits.get(key);
  const theirEdits = views.theirs.fieldEdits.get(key);
  for (const field of MERGE_FIELDS[kind]) {
    const mineValue = mine[field];
    const theirValue = theirs[field];
    if (sameJson(mineValue, theirValue)) continue;
    const myEdit = myEdits?.get(field);
    const theirEdit = theirEdits?.get(field);
    if (kind === 'claim' && field === 'number') {
      // Never shown as a conflict: one side's renumbering wins, else the lower number (the same
      // answer from either side); the numbers are settled over the whole project afterwards.
      const takeTheirs =
        theirEdit && !myEdit
          ? true
          : myEdit && !theirEdit
            ? false
            : (theirValue as number) < (mineValue as number);
      if (takeTheirs) fields.push([field, 'theirs']);
      continue;
    }
    if (kind === 'claim' && field === 'approval' && !(theirEdit && !myEdit) && !(myEdit && !theirEdit)) {
      // Two approvals (or, in files older than approvals, two that were never recorded): never a
      // question for the person; the one that seals the merged content wins (resolveMerge).
      fields.push([field, 'approval']);
      continue;
    }
    if (theirEdit && !myEdit) {
      fields.push([field, 'theirs']);
    } else if (theirEdit && myEdit) {
      const id = `${key}:${field}`;
      const label = (view: SideView) => (verdictId: string) =>
        view.verdictLabels.get(verdictId) ?? views.yours.verdictLabels.get(verdictId);
      const baseValue = baseValues?.get(field);
      const base: ConflictBase = baseValues?.has(field)
        ? {
            common: true,
            value: baseValue,
            // A verdict both started from may since have left one scale: either side's label.
            display: describeValue(
              kind,
              field,
              baseValue,
              (verdictId) =>
                views.yours.verdictLabels.get(verdictId) ?? views.theirs.verdictLabels.get(verdictId),
            ),
          }
        : NO_COMMON_VALUE;
      conflicts.push({
        id,
        kind: 'field',
        entityType: kind,
        entityId: mine.id,
        label: describeRecord(kind, mine),
        claimNumber: claimNumberOf(kind, mine, views),
        field,
        fieldLabel: FIELD_LABELS[kind][field] ?? field,
        base,
        yours: {
          value: mineValue,
          display: describeValue(kind, field, mineValue, label(views.yours)),
          deleted: false,
          author: myEdit.author,
          at: myEdit.at,
        },
        theirs: {
          value: theirValue,
          display: describeValue(kind, field, theirValue, label(views.theirs)),
          deleted: false,
          author: theirEdit.author,
          at: theirEdit.at,
        },
      });
      fields.push([field, { conflict: id }]);
    }
    // Only ours changed it, or neither did (values that drifted without a recorded change): keep ours.
  }
  return { type: 'both', fields };
}

/**
 * Applies the choices to a plan. Every conflict needs a resolution (or `defaultSide`); until then
 * this throws and nothing is produced. The result is the merged project with its history.
 */
export function resolveMerge(
  plan: MergePlan,
  resolutions: Resolutions,
  local: LocalContext,
  defaultSide?: Side,
): MergeOutcome {
  const open = plan.conflicts.filter((conflict) => !resolutions[conflict.id] && !defaultSide);
  if (open.length > 0) {
    throw new AppError(
      'invalid_request',
      `Choose “Yours” or “Theirs” for every conflict before importing: ${open.length} of ${plan.conflicts.length} ${plan.conflicts.length === 1 ? 'is' : 'are'} still open. Nothing was changed.`,
    );
  }
  const choice = (conflictId: string): Side => resolutions[conflictId] ?? defaultSide!;
  const { yours: mine, theirs } = plan.views;
  const resolved = { yours: 0, theirs: 0 };
  for (const conflict of plan.conflicts) resolved[choice(conflict.id)]++;

  // 1. Which records there are, and their fields.
  const result = new Map<string, AnyRecord>();
  const kinds = new Map<string, EntityKind>();
  const resolutionUpdates: Change[] = [];
  const approvalChoices: [key: string, yours: unknown, theirs: unknown][] = [];
  for (const { key, kind, decision } of plan.entries) {
    kinds.set(key, kind);
    switch (decision.type) {
      case 'both': {
        const base = mine.records.get(key)!;
        const other = theirs.records.get(key)!;
        // Unchanged records stay the very same objects, so later comparisons are by reference.
        const updatedAt = laterOf(base.updatedAt, other.updatedAt);
        let merged: AnyRecord = updatedAt === base.updatedAt ? base : { ...base, updatedAt };
        for (const [field, how] of decision.fields) {
          if (how === 'approval') {
            approvalChoices.push([key, base[field], other[field]]);
            continue;
          }
          const side = typeof how === 'string' ? how : choice(how.conflict);
          if (merged === base) merged = { ...base };
          if (side === 'theirs') merged[field] = other[field];
          if (typeof how !== 'string') {
            const winner = side === 'theirs' ? other[field] : base[field];
            const loser = side === 'theirs' ? base[field] : other[field];
            resolutionUpdates.push(
              change(
                plan.projectId,
                kind,
                base.id,
                'update',
                { [field]: { before: loser, after: winner } },
                local,
              ),
            );
            merged.updatedAt = laterOf(merged.updatedAt, local.now);
          }
        }
        result.set(key, merged);
        break;
      }
      case 'only':
        result.set(key, plan.views[decision.side].records.get(key)!);
        break;
      case 'gone':
        break;
      case 'deleteConflict':
        if (choice(decision.conflictId) === decision.survivor)
          result.set(key, plan.views[decision.survivor].records.get(key)!);
        break;
      case 'follow':
        if (result.has(decision.parentKey)) result.set(key, plan.views[decision.side].records.get(key)!);
        break;
    }
  }

  // 2. Repairs: what the merged records need to hold together, each recorded.
  const repairs: Change[] = [];
  const update = (kind: EntityKind, key: string, fields: Record<string, unknown>): void => {
    const record = result.get(key)!;
    const changeFields: Change['fields'] = {};
    for (const [field, value] of Object.entries(fields))
      changeFields[field] = { before: record[field], after: value };
    // Never back in time: a clock behind the other copy's must not make its records look older.
    result.set(key, { ...record, ...fields, updatedAt: laterOf(record.updatedAt as string, local.now) });
    repairs.push(change(plan.projectId, kind, record.id, 'update', changeFields, local));
  };
  const verdictIds = new Set<string>();
  for (const [key, kind] of kinds)
    if (kind === 'verdict' && result.has(key)) verdictIds.add(result.get(key)!.id);
  const mergedCorrections = unionById(plan.yours.corrections, plan.theirs.corrections);
  const mergedLinks = mergeClaimLinks(
    plan.yours.claimLinks,
    plan.theirs.claimLinks,
    { yours: mine.newChanges, theirs: theirs.newChanges },
    new Set([...kinds].filter(([key, kind]) => kind === 'claim' && result.has(key)).map(([key]) => result.get(key)!.id)),
  );
  const mergedSourceIds = new Set(
    [...kinds].filter(([key, kind]) => kind === 'source' && result.has(key)).map(([key]) => result.get(key)!.id),
  );
  const mergedEvidence = mergeAttachments(plan.yours.attachments, plan.theirs.attachments, mergedSourceIds);
  if (approvalChoices.length > 0) {
    const sources = [...kinds]
      .filter(([key, kind]) => kind === 'source' && result.has(key))
      .map(([key]) => result.get(key)! as unknown as ProjectPayload['sources'][number]);
    const parts = publishedParts(sources, mergedCorrections, mergedLinks, mergedEvidence);
    for (const [key, ...candidates] of approvalChoices) {
      const claim = result.get(key)! as unknown as ProjectPayload['claims'][number];
      const seal = sealInPayload(claim, parts);
      const [chosen] = (candidates as ProjectPayload['claims'][number]['approval'][]).sort(
        (a, b) =>
          Number(b.seal === seal) - Number(a.seal === seal) ||
          compareText(a.at, b.at) ||
          compareText(a.by, b.by) ||
          compareText(a.seal, b.seal),
      );
      if (!sameJson(chosen, claim.approval)) result.set(key, { ...result.get(key)!, approval: chosen });
    }
  }
  let reanchoredClaims = 0;
  let orphanedClaims = 0;
  for (const [key, kind] of kinds) {
    const record = result.get(key);
    if (!record) continue;
    const parent = parentKeyOf(kind, record);
    if (parent && !result.has(parent)) {
      result.delete(key); // Cannot happen with consistent copies; never leave a child without its parent.
      continue;
    }
    if (kind !== 'claim') continue;
    if (record.verdictId !== null && !verdictIds.has(record.verdictId as string))
      update(kind, key, { verdictId: null });
    // An approval goes with the status "Approved" (the two may come from different sides).
    if (record.status !== 'approved' && !sameJson(record.approval, NO_APPROVAL))
      update(kind, key, { approval: NO_APPROVAL });
    const article = result.get(parent!)!;
    const anchor = record.anchor as {
      start: number;
      end: number;
      exact: string;
      prefix: string;
      suffix: string;
    };
    const text = article.text as string;
    if (
      record.anchorState !== 'anchored' ||
      (anchor.start < anchor.end && text.slice(anchor.start, anchor.end) === anchor.exact)
    )
      continue;
    // Re-found the way the app does when an article's text is edited: exact quote first, then fuzzy.
    const found = reanchor(text, anchor);
    if (found.status !== 'orphaned') {
      reanchoredClaims++;
      const moved = createAnchor(text, found.start, found.end);
      // As when the app edits the text: a quote whose words changed waits under "Quote changed".
      const was = record.quoteChangedFrom as string;
      const quoteChangedFrom = moved.exact === anchor.exact ? was : was || anchor.exact;
      update(kind, key, quoteChangedFrom === was ? { anchor: moved } : { anchor: moved, quoteChangedFrom });
    } else {
      orphanedClaims++;
      update(kind, key, { anchorState: 'orphaned' });
    }
  }
  renumber(result, kinds, 'verdict', () => plan.projectId, update);
  renumber(result, kinds, 'source', (record) => record.claimId as string, update);

  // Claim numbers: unique again, settled over the whole merged project, so whoever imports whom
  // gets the same numbers; each renumbering is recorded, so the other copy takes it as it is.
  const projectKey = keyOf('project', plan.projectId);
  const claimKeys = [...kinds]
    .filter(([key, kind]) => kind === 'claim' && result.has(key))
    .map(([key]) => key);
  const settled = settleClaimNumbers(
    claimKeys.map((key) => {
      const claim = result.get(key)!;
      return { id: claim.id, number: claim.number as number, createdAt: claim.createdAt as string };
    }),
    Math.max(plan.yours.project.nextClaimNumber, plan.theirs.project.nextClaimNumber),
  );
  for (const { id, to } of settled.renumbered) update('claim', keyOf('claim', id), { number: to });
  const project = result.get(projectKey)!;
  if (project.nextClaimNumber !== settled.nextNumber)
    result.set(projectKey, { ...project, nextClaimNumber: settled.nextNumber });
  const renumberedClaims: RenumberedClaim[] = [];
  for (const key of claimKeys) {
    const claim = result.get(key)!;
    const before = (mine.records.get(key) ?? theirs.records.get(key))!;
    if (before.number === claim.number) continue;
    const anchor = claim.anchor as { exact: string };
    renumberedClaims.push({
      claimId: claim.id,
      from: before.number as number,
      to: claim.number as number,
      statement: ((claim.statement as string) || anchor.exact).replace(/\s+/g, ' '),
    });
  }
  renumberedClaims.sort((a, b) => a.to - b.to);

  // 3. History: the union, plus the merge's own entries where the union does not already say it,
  // decided per side (never by the order of the union), so merging the result back adds nothing.
  const restores: Change[] = [];
  const deletions: Change[] = [];
  for (const [key, kind] of kinds) {
    const record = result.get(key);
    const inMine = mine.records.has(key);
    const inTheirs = theirs.records.has(key);
    if (record) {
      // A side deleted it since the divergence, and a resolution brought it back: say so, touching
      // no field, so the restore itself never conflicts later.
      if ((!inMine && mine.deletes.has(key)) || (!inTheirs && theirs.deletes.has(key))) {
        restores.push(change(plan.projectId, kind, record.id, 'create', {}, local));
      }
    } else if ((inMine && !theirs.deletes.has(key)) || (inTheirs && !mine.deletes.has(key))) {
      // Gone (with a deleted parent, say) where a side still has it without a delete saying so.
      const gone = (mine.records.get(key) ?? theirs.records.get(key))!;
      const fields: Change['fields'] = kind === 'source' ? { claimId: { before: gone.claimId } } : {};
      for (const field of MERGE_FIELDS[kind]) fields[field] = { before: gone[field] };
      deletions.push(change(plan.projectId, kind, gone.id, 'delete', fields, local));
    }
  }
  const ownChanges = [...restores, ...resolutionUpdates, ...repairs, ...deletions];

  // 4. The merged payload, in the plan's order (ours first, then what only they have).
  const collect = (kind: EntityKind) =>
    plan.entries
      .filter((entry) => entry.kind === kind && result.has(entry.key))
      .map((entry) => result.get(entry.key)!);
  const mergedProject = result.get(projectKey)!;
  const claims = collect('claim');
  const claimIds = new Set(claims.map((claim) => claim.id));
  const onKeptClaim = (record: { claimId: string }) => claimIds.has(record.claimId);
  const mergedSources = collect('source');
  const sourceIds = new Set(mergedSources.map((source) => source.id));
  const payload = {
    project: mergedProject,
    verdicts: collect('verdict'),
    articles: collect('article'),
    claims,
    sources: mergedSources,
    // Append-only records: both sides' (ours first), a claim's notes going with the claim.
    teamNotes: unionById(plan.yours.teamNotes, plan.theirs.teamNotes).filter(onKeptClaim),
    corrections: mergedCorrections.filter(onKeptClaim),
    publications: unionById(plan.yours.publications, plan.theirs.publications),
    claimLinks: mergedLinks.filter(onKeptClaim),
    attachments: mergedEvidence.filter((attachment) => sourceIds.has(attachment.sourceId)),
    changes: [...plan.yours.changes, ...plan.theirNewChanges, ...ownChanges],
  } as unknown as ProjectPayload;

  // Approved claims whose published content or approval is not what this copy had approved.
  const ourParts = publishedParts(
    plan.yours.sources,
    plan.yours.corrections,
    plan.yours.claimLinks,
    plan.yours.attachments,
  );
  const mergedParts = publishedParts(payload.sources, payload.corrections, payload.claimLinks, payload.attachments);
  const approvalChecks: string[] = [];
  for (const claim of payload.claims) {
    if (claim.status !== 'approved') continue;
    const ours = mine.records.get(keyOf('claim', claim.id)) as unknown as
      ProjectPayload['claims'][number] | undefined;
    if (
      !ours ||
      ours.status !== 'approved' ||
      !sameJson(ours.approval, claim.approval) ||
      publishedTextOf(ours, ourParts) !== publishedTextOf(claim, mergedParts)
    )
      approvalChecks.push(claim.id);
  }

  const { summary, identical } = summarise(
    plan.yours,
    payload,
    resolved,
    plan.theirNewChanges.length,
    ownChanges.length,
    reanchoredClaims,
    orphanedClaims,
    renumberedClaims,
  );
  const recordsChanged = !identical || !sameJson(plan.yours.project, payload.project);
  const appendChanges = [...plan.theirNewChanges, ...ownChanges];
  const changed = recordsChanged || appendChanges.length > 0;
  if (changed) {
    // The project was changed by this merge: it sorts as changed now (touchProject does the same).
    payload.project = {
      ...payload.project,
      updatedAt: laterOf(
        payload.project.updatedAt,
        ownChanges.length > 0 ? local.now : payload.project.updatedAt,
      ),
    };
  }
  return { payload, appendChanges, approvalChecks, summary, changed };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ours, then theirs that we lack (by id). */
function unionById<T extends { id: string }>(ours: readonly T[], theirs: readonly T[]): T[] {
  const seen = new Set(ours.map((record) => record.id));
  return [...ours, ...theirs.filter((record) => !seen.has(record.id))];
}

function change(
  projectId: string,
  kind: EntityKind,
  entityId: string,
  op: Change['op'],
  fields: Change['fields'],
  local: LocalContext,
): Change {
  return {
    id: local.newId(),
    projectId,
    entityType: kind,
    entityId,
    op,
    fields,
    author: local.author,
    at: local.now,
  };
}

/** Positions 0..n-1 per group (a verdict scale, a claim's sources), keeping their order. */
function renumber(
  result: Map<string, AnyRecord>,
  kinds: Map<string, EntityKind>,
  kind: EntityKind,
  groupOf: (record: AnyRecord) => string,
  update: (kind: EntityKind, key: string, fields: Record<string, unknown>) => void,
): void {
  const groups = new Map<string, [string, AnyRecord][]>();
  for (const [key, recordKind] of kinds) {
    const record = result.get(key);
    if (recordKind !== kind || !record) continue;
    const group = groupOf(record);
    let list = groups.get(group);
    if (!list) groups.set(group, (list = []));
    list.push([key, record]);
  }
  for (const list of groups.values()) {
    if (list.every(([, record], index) => record.position === index)) continue;
    list.sort(
      ([, a], [, b]) =>
        (a.position as number) - (b.position as number) ||
        Date.parse(a.createdAt as string) - Date.parse(b.createdAt as string) ||
        (a.id < b.id ? -1 : 1),
    );
    list.forEach(([key, record], index) => {
      if (record.position !== index) update(kind, key, { position: index });
    });
  }
}

function summarise(
  before: ProjectPayload,
  after: ProjectPayload,
  resolved: MergeSummary['resolved'],
  changesImported: number,
  changesRecorded: number,
  reanchoredClaims: number,
  orphanedClaims: number,
  renumberedClaims: RenumberedClaim[],
): { summary: MergeSummary; identical: boolean } {
  const zero = (): EntityCounts => ({ verdicts: 0, articles: 0, claims: 0, sources: 0 });
  let identical = true;
  const summary: MergeSummary = {
    added: zero(),
    updated: zero(),
    deleted: zero(),
    editorialAdded: { teamNotes: 0, corrections: 0, publications: 0 },
    projectUpdated:
      before.project.title !== after.project.title ||
      before.project.description !== after.project.description ||
      before.project.secondPairOfEyes !== after.project.secondPairOfEyes,
    resolved,
    changesImported,
    changesRecorded,
    reanchoredClaims,
    orphanedClaims,
    renumberedClaims,
  };
  for (const name of ['teamNotes', 'corrections', 'publications'] as const) {
    const old = new Set(before[name].map((record) => record.id));
    const now = new Set(after[name].map((record) => record.id));
    summary.editorialAdded[name] = after[name].filter((record) => !old.has(record.id)).length;
    if (summary.editorialAdded[name] > 0 || before[name].some((record) => !now.has(record.id)))
      identical = false;
  }
  // Links are not counted in the summary (its shape is the API's), but they are changes to write.
  const linksBefore = new Map(before.claimLinks.map((link) => [link.id, link]));
  if (
    before.claimLinks.length !== after.claimLinks.length ||
    after.claimLinks.some((link) => !sameJson(linksBefore.get(link.id), link))
  )
    identical = false;
  // Evidence, like links, is not counted in the summary but is a change to write.
  const evidenceBefore = new Set(before.attachments.map((attachment) => attachment.id));
  if (
    before.attachments.length !== after.attachments.length ||
    after.attachments.some((attachment) => !evidenceBefore.has(attachment.id))
  )
    identical = false;
  for (const name of Object.values(KIND_COLLECTION)) {
    const old = new Map((before[name] as readonly AnyRecord[]).map((record) => [record.id, record]));
    const kept = new Set<string>();
    for (const record of after[name] as readonly AnyRecord[]) {
      kept.add(record.id);
      const previous = old.get(record.id);
      if (!previous) summary.added[name]++;
      else if (previous !== record && !sameJson(previous, record)) {
        identical = false;
        if (!sameJson({ ...previous, updatedAt: '' }, { ...record, updatedAt: '' })) summary.updated[name]++;
      }
    }
    summary.deleted[name] = before[name].length - [...old.keys()].filter((id) => kept.has(id)).length;
    if (summary.added[name] > 0 || summary.deleted[name] > 0) identical = false;
  }
  return { summary, identical };
}
