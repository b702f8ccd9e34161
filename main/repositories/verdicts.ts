import type { ScalePresetId, Verdict, VerdictFields } from '../../shared/domain';
import { findPreset } from '../../shared/scales/presets';
import { AppError, notFound } from '../errors';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { VERDICTS, type Row } from './tables';

/** The fields the history records (and a merge decides over). */
export const VERDICT_FIELDS = ['label', 'description', 'colour', 'ratingValue', 'position'] as const;
const EDITABLE = VERDICT_FIELDS;

export function listVerdicts(ctx: RepoContext, projectId: string): Verdict[] {
  return (ctx.stmt(`SELECT ${VERDICTS.columns()} FROM verdicts WHERE project_id = ? ORDER BY position`).all(projectId) as Row[]).map(VERDICTS.fromRow);
}

export function getVerdict(ctx: RepoContext, id: string): Verdict {
  const row = ctx.stmt(`SELECT ${VERDICTS.columns()} FROM verdicts WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('verdict');
  return VERDICTS.fromRow(row);
}

function insertVerdict(ctx: RepoContext, verdict: Verdict): void {
  VERDICTS.insert(ctx, verdict);
  recordChange(ctx, { projectId: verdict.projectId, entityType: 'verdict', entityId: verdict.id, op: 'create', fields: snapshotFields(verdict, EDITABLE, 'after') });
}

export function createVerdict(ctx: RepoContext, projectId: string, fields: VerdictFields): Verdict {
  return ctx.tx(() => {
    const last = ctx.stmt(`SELECT MAX(position) AS max FROM verdicts WHERE project_id = ?`).get(projectId) as { max: number | null };
    const now = ctx.now();
    const verdict: Verdict = { ...fields, id: ctx.newId(), projectId, position: (last.max ?? -1) + 1, createdAt: now, updatedAt: now };
    insertVerdict(ctx, verdict);
    return verdict;
  });
}

export function updateVerdict(ctx: RepoContext, id: string, patch: Partial<VerdictFields> & { position?: number }): Verdict {
  return ctx.tx(() => {
    const before = getVerdict(ctx, id);
    const after: Verdict = { ...before, ...patch };
    const fields = diffFields(before, after, EDITABLE);
    if (Object.keys(fields).length === 0) return before;
    after.updatedAt = ctx.now();
    VERDICTS.update(ctx, after);
    recordChange(ctx, { projectId: after.projectId, entityType: 'verdict', entityId: id, op: 'update', fields });
    return after;
  });
}

export function reorderVerdicts(ctx: RepoContext, projectId: string, orderedIds: string[]): Verdict[] {
  return ctx.tx(() => {
    const current = listVerdicts(ctx, projectId);
    const known = new Set(current.map((verdict) => verdict.id));
    if (orderedIds.length !== current.length || new Set(orderedIds).size !== orderedIds.length || !orderedIds.every((id) => known.has(id))) {
      throw new AppError('invalid_request', 'The new order must list every verdict of the scale exactly once.');
    }
    orderedIds.forEach((id, position) => updateVerdict(ctx, id, { position }));
    return listVerdicts(ctx, projectId);
  });
}

export function countClaimsWithVerdict(ctx: RepoContext, verdictId: string): number {
  return (ctx.stmt(`SELECT COUNT(*) AS n FROM claims WHERE verdict_id = ?`).get(verdictId) as { n: number }).n;
}

/**
 * Deletes a verdict. Claims that carry it move to the replacement (recorded in their history);
 * a verdict in use cannot go without one being chosen — null means "Not yet rated", on purpose.
 */
export function deleteVerdict(
  ctx: RepoContext,
  id: string,
  replacementId: string | null | undefined,
  reassignClaim: (claimId: string, verdictId: string | null) => void,
): void {
  ctx.tx(() => {
    const verdict = getVerdict(ctx, id);
    const users = ctx.stmt(`SELECT id FROM claims WHERE verdict_id = ?`).all(id) as { id: string }[];
    if (users.length > 0 && replacementId === undefined) {
      throw new AppError(
        'conflict',
        `${users.length} claim${users.length === 1 ? ' uses' : 's use'} the verdict “${verdict.label}”. Choose the verdict they should get instead.`,
      );
    }
    if (replacementId) {
      const replacement = getVerdict(ctx, replacementId);
      if (replacement.projectId !== verdict.projectId || replacement.id === id) {
        throw new AppError('invalid_request', 'Choose a replacement from the same scale.');
      }
    }
    for (const claim of users) reassignClaim(claim.id, replacementId ?? null);
    ctx.stmt(`DELETE FROM verdicts WHERE id = ?`).run(id);
    recordChange(ctx, { projectId: verdict.projectId, entityType: 'verdict', entityId: id, op: 'delete', fields: snapshotFields(verdict, EDITABLE, 'before') });
    const rest = listVerdicts(ctx, verdict.projectId);
    rest.forEach((remaining, position) => {
      if (remaining.position !== position) updateVerdict(ctx, remaining.id, { position });
    });
  });
}

/**
 * Replaces an unused scale with a preset. Verdicts whose label the preset also has are kept
 * (with their claims); the others must be unused.
 */
export function applyPreset(ctx: RepoContext, projectId: string, presetId: ScalePresetId): Verdict[] {
  return ctx.tx(() => {
    const preset = findPreset(presetId);
    const current = listVerdicts(ctx, projectId);
    const byLabel = new Map(current.map((verdict) => [verdict.label.toLowerCase(), verdict]));
    const keep = new Set<string>();
    preset.verdicts.forEach((fields, position) => {
      const existing = byLabel.get(fields.label.toLowerCase());
      if (existing) {
        keep.add(existing.id);
        updateVerdict(ctx, existing.id, { ...fields, position });
      }
    });
    for (const verdict of current) {
      if (keep.has(verdict.id)) continue;
      const inUse = countClaimsWithVerdict(ctx, verdict.id);
      if (inUse > 0) {
        throw new AppError('conflict', `The verdict “${verdict.label}” is used by ${inUse === 1 ? '1 claim' : `${inUse} claims`} and is not on the new scale. Change those claims first.`);
      }
      ctx.stmt(`DELETE FROM verdicts WHERE id = ?`).run(verdict.id);
      recordChange(ctx, { projectId, entityType: 'verdict', entityId: verdict.id, op: 'delete', fields: snapshotFields(verdict, EDITABLE, 'before') });
    }
    const now = ctx.now();
    preset.verdicts.forEach((fields, position) => {
      if (byLabel.has(fields.label.toLowerCase())) return;
      insertVerdict(ctx, { ...fields, id: ctx.newId(), projectId, position, createdAt: now, updatedAt: now });
    });
    return listVerdicts(ctx, projectId);
  });
}
