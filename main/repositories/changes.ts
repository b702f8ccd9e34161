import type { Change, ChangeOp, EntityType } from '../../shared/domain';
import type { RepoContext } from './context';

export type FieldChanges = Change['fields'];

interface ChangeRow {
  id: string;
  project_id: string;
  entity_type: EntityType;
  entity_id: string;
  op: ChangeOp;
  fields: string;
  author: string;
  at: string;
}

export function recordChange(
  ctx: RepoContext,
  change: { projectId: string; entityType: EntityType; entityId: string; op: ChangeOp; fields: FieldChanges },
): void {
  ctx
    .stmt(
      `INSERT INTO changes (id, project_id, entity_type, entity_id, op, fields, author, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(ctx.newId(), change.projectId, change.entityType, change.entityId, change.op, JSON.stringify(change.fields), ctx.author(), ctx.now());
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

export function listChanges(
  ctx: RepoContext,
  filter: { projectId: string; entityType?: EntityType | undefined; entityId?: string | undefined; limit?: number | undefined },
): Change[] {
  const rows = ctx
    .stmt(
      `SELECT id, project_id, entity_type, entity_id, op, fields, author, at FROM changes
       WHERE project_id = @projectId
         AND (@entityType IS NULL OR entity_type = @entityType)
         AND (@entityId IS NULL OR entity_id = @entityId)
       ORDER BY seq DESC LIMIT @limit`,
    )
    .all({
      projectId: filter.projectId,
      entityType: filter.entityType ?? null,
      entityId: filter.entityId ?? null,
      limit: filter.limit ?? 500,
    }) as ChangeRow[];
  return rows.map(toChange);
}

export function toChange(row: ChangeRow): Change {
  return {
    id: row.id,
    projectId: row.project_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    op: row.op,
    fields: JSON.parse(row.fields) as FieldChanges,
    author: row.author,
    at: row.at,
  };
}
