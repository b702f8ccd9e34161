import type { Change, ChangeOp, EntityType } from '../../shared/domain';
import type { RepoContext } from './context';
import { CHANGES } from './tables';

export type FieldChanges = Change['fields'];

export function recordChange(
  ctx: RepoContext,
  change: { projectId: string; entityType: EntityType; entityId: string; op: ChangeOp; fields: FieldChanges },
): void {
  CHANGES.insert(ctx, { id: ctx.newId(), ...change, author: ctx.author(), at: ctx.now() });
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
