import { z } from 'zod';
import { Id, Timestamp } from './ids';

export const EntityType = z.enum(['project', 'article', 'claim', 'source', 'verdict']);
export type EntityType = z.infer<typeof EntityType>;

export const ChangeOp = z.enum(['create', 'update', 'delete']);
export type ChangeOp = z.infer<typeof ChangeOp>;

/**
 * One recorded change. Every change has its own UUID so two copies of a project can tell which
 * changes they share (the merge base) without trusting clocks. `fields` holds before/after values
 * of the fields the change touched (for create: after only; for delete: before only).
 */
export const Change = z.object({
  id: Id,
  projectId: Id,
  entityType: EntityType,
  entityId: Id,
  op: ChangeOp,
  fields: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })),
  author: z.string(),
  at: Timestamp,
});
export type Change = z.infer<typeof Change>;
