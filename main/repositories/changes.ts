import type { Change, ChangeOp, EntityType } from '../../shared/domain';
import { compactFields, parseStoredFields } from './changeFields';
import type { RepoContext } from './context';
import { CHANGES } from './tables';

export type FieldChanges = Change['fields'];

type NewChange = { projectId: string; entityType: EntityType; entityId: string; op: ChangeOp; fields: FieldChanges };

/**
 * Records a change in the history. A save of the same single field by the same author as the
 * newest change of that claim (its own or its sources') or record is folded into that change
 * instead, as long as the change has not left the library: so 60 autosaves of a rationale are one
 * entry with the text before and after, not 60 copies. Status and approval changes are never
 * folded, and nothing is folded across them (an approver's view is never rewritten).
 */
export function recordChange(ctx: RepoContext, change: NewChange): void {
  const author = ctx.author();
  const at = ctx.now();
  if (change.op === 'update' && foldIntoPrevious(ctx, change, author, at)) return;
  const id = ctx.newId();
  CHANGES.insert(ctx, { id, ...change, author, at });
  ctx.stmt(`INSERT INTO unexported_changes (change_id, project_id) VALUES (?, ?)`).run(id, change.projectId);
}

/** Fields whose changes always stand on their own. */
const NEVER_FOLDED = new Set(['status', 'approval', 'approvalWithdrawn', 'number', 'anchor', 'anchorState']);

function foldIntoPrevious(ctx: RepoContext, change: NewChange, author: string, at: string): boolean {
  const keys = Object.keys(change.fields);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || NEVER_FOLDED.has(key)) return false;
  const claimId =
    change.entityType === 'claim'
      ? change.entityId
      : change.entityType === 'source'
        ? ((ctx.stmt(`SELECT claim_id FROM sources WHERE id = ?`).get(change.entityId) as { claim_id: string } | undefined)?.claim_id ?? null)
        : null;
  const newest = (
    claimId !== null
      ? ctx.stmt(`SELECT seq, entity_id, op, fields, author FROM changes WHERE claim_id = ? ORDER BY seq DESC LIMIT 1`).get(claimId)
      : ctx.stmt(`SELECT seq, entity_id, op, fields, author FROM changes WHERE entity_id = ? ORDER BY seq DESC LIMIT 1`).get(change.entityId)
  ) as { seq: number; entity_id: string; op: string; fields: string; author: string } | undefined;
  if (!newest || newest.entity_id !== change.entityId || newest.op !== 'update' || newest.author !== author) return false;
  const pending = ctx.stmt(`SELECT 1 FROM unexported_changes u JOIN changes c ON c.id = u.change_id WHERE c.seq = ?`).get(newest.seq);
  if (!pending) return false;
  // Whole again (a long text's before is stored as a delta against the after it is replaced with).
  const previous = parseStoredFields(newest.fields);
  const previousKeys = Object.keys(previous);
  if (previousKeys.length !== 1 || previousKeys[0] !== key) return false;
  const merged = { before: previous[key]!.before, after: change.fields[key]!.after };
  if (JSON.stringify(merged.before) === JSON.stringify(merged.after)) {
    // Edited back to what it was: the change no longer changes anything.
    ctx.stmt(`DELETE FROM changes WHERE seq = ?`).run(newest.seq);
  } else {
    ctx.stmt(`UPDATE changes SET fields = ?, at = ? WHERE seq = ?`).run(JSON.stringify(compactFields({ [key]: merged })), at, newest.seq);
  }
  return true;
}

/** The project's changes have left the library (a project file carries them): never fold into them again. */
export function markChangesExported(ctx: RepoContext, projectId: string): void {
  if (ctx.db.readonly) return;
  ctx.stmt(`DELETE FROM unexported_changes WHERE project_id = ?`).run(projectId);
}

/** The fields whose value differs between before and after, as {before, after} pairs. */
export function diffFields<T extends object>(before: T, after: T, keys: readonly (keyof T & string)[]): FieldChanges {
  const fields: FieldChanges = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) fields[key] = { before: before[key], after: after[key] };
  }
  return fields;
}

/** A snapshot of every field, for create (after) or delete (before) entries. */
export function snapshotFields<T extends object>(record: T, keys: readonly (keyof T & string)[], side: 'before' | 'after'): FieldChanges {
  const fields: FieldChanges = {};
  for (const key of keys) fields[key] = { [side]: record[key] };
  return fields;
}
