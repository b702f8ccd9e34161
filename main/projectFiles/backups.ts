/**
 * Backups of a project, taken before an import merges into it: the project's project.json, so a
 * restore puts back exactly that version, history included. A restore first backs up the current
 * version, so it can itself be undone. The newest BACKUPS_KEPT per project are kept.
 */
import zlib from 'node:zlib';
import { settleClaimNumbers } from '../../shared/editorial/claimNumbers';
import { AppError } from '../errors';
import { withdrawApproval } from '../repositories/approvals';
import { recordChange } from '../repositories/changes';
import type { RepoContext } from '../repositories/context';
import { checkApprovals } from './approvalChecks';
import { FORMAT_VERSION, type ProjectPayload } from './format';
import { formatCount } from './messages';
import { applyPayloadDiff, deleteProjectChanges, insertChanges, readProjectPayload } from './projectStore';
import { upgradePayload } from './upgrade';
import { checkIntegrity } from './validate';

export const BACKUPS_KEPT = 5;

const compress = (payload: ProjectPayload): Buffer =>
  zlib.deflateRawSync(Buffer.from(JSON.stringify(payload), 'utf8'), { level: 1 });

export interface BackupInfo {
  id: string;
  projectId: string;
  createdAt: string;
  reason: string;
  /** The project's title in that version. */
  title: string;
  claimCount: number;
}

/** Stores the payload as a backup of its project, in the caller's transaction; returns its id. */
export function createBackup(ctx: RepoContext, payload: ProjectPayload, reason: string): string {
  const id = ctx.newId();
  ctx.tx(() => {
    ctx
      .stmt(
        `INSERT INTO project_backups (id, project_id, created_at, reason, title, claim_count, format_version, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        payload.project.id,
        ctx.now(),
        reason,
        payload.project.title,
        payload.claims.length,
        FORMAT_VERSION,
        compress(payload),
      );
    ctx
      .stmt(
        `DELETE FROM project_backups WHERE project_id = ? AND id NOT IN
           (SELECT id FROM project_backups WHERE project_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      )
      .run(payload.project.id, payload.project.id, BACKUPS_KEPT);
  });
  return id;
}

/** Newest first. */
export function listBackups(ctx: RepoContext, projectId: string): BackupInfo[] {
  const rows = ctx
    .stmt(
      `SELECT id, project_id, created_at, reason, title, claim_count FROM project_backups WHERE project_id = ? ORDER BY created_at DESC, rowid DESC`,
    )
    .all(projectId) as {
    id: string;
    project_id: string;
    created_at: string;
    reason: string;
    title: string;
    claim_count: number;
  }[];
  return rows.map((row) => ({
    id: row.id,
    projectId: row.project_id,
    createdAt: row.created_at,
    reason: row.reason,
    title: row.title,
    claimCount: row.claim_count,
  }));
}

export interface RestoreResult {
  project: ProjectPayload['project'];
  /** The backup of the version that was replaced (restoring it undoes the restore). */
  undoBackupId: string;
}

/**
 * Puts the project back to the backed-up version, records and history, in one transaction.
 *
 * Two things are not taken back: claim numbers (a claim keeps the number it has now, since reports
 * may cite it; the project's next number never goes down), and approvals. A claim stays approved
 * only if it was approved just before the restore under the same seal and its restored content
 * still matches it; every other approved claim of the backup returns to "In review", recorded in
 * the history with the reason “restored version”.
 */
export function restoreBackup(ctx: RepoContext, backupId: string): RestoreResult {
  return ctx.tx(() => {
    const row = ctx
      .stmt(`SELECT project_id, created_at, format_version, payload FROM project_backups WHERE id = ?`)
      .get(backupId) as
      { project_id: string; created_at: string; format_version: number; payload: Buffer } | undefined;
    if (!row)
      throw new AppError(
        'not_found',
        'That backup no longer exists. Only the newest few backups of each project are kept.',
      );
    const current = readProjectPayload(ctx, row.project_id);
    if (!current) throw new AppError('not_found', 'The project of that backup no longer exists.');
    const label = `the backup of ${row.created_at}`;
    let restored: ProjectPayload;
    try {
      restored = upgradePayload(
        JSON.parse(zlib.inflateRawSync(row.payload).toString('utf8')),
        row.format_version,
        label,
      ) as ProjectPayload;
      checkIntegrity(restored, label);
    } catch (error) {
      if (error instanceof AppError && error.message.includes('newer version')) throw error;
      throw new AppError(
        'database_corrupt',
        `The backup of ${row.created_at} is damaged and cannot be restored. The project was not changed.`,
      );
    }
    if (restored.project.id !== row.project_id)
      throw new AppError(
        'database_corrupt',
        `The backup of ${row.created_at} belongs to another project. The project was not changed.`,
      );
    const undoBackupId = createBackup(
      ctx,
      current,
      `Before restoring the version of ${row.created_at} (${formatCount(restored.claims.length)} claims)`,
    );
    const { payload, renumbered } = keepClaimNumbers(current, restored);
    applyPayloadDiff(ctx, current, payload);
    deleteProjectChanges(ctx, payload.project.id);
    insertChanges(ctx, payload.changes);
    for (const claim of renumbered) {
      recordChange(ctx, {
        projectId: payload.project.id,
        entityType: 'claim',
        entityId: claim.id,
        op: 'update',
        fields: { number: { before: claim.from, after: claim.to } },
      });
    }
    settleApprovals(ctx, current, payload);
    return { project: payload.project, undoBackupId };
  });
}

/**
 * The restored version with today's claim numbers: a claim that exists now keeps its number, one
 * that comes back keeps the backup's unless that is taken (then it gets the next free number), and
 * the project's next number is the higher of the two.
 */
function keepClaimNumbers(
  current: ProjectPayload,
  restored: ProjectPayload,
): { payload: ProjectPayload; renumbered: { id: string; from: number; to: number }[] } {
  const now = new Map(current.claims.map((claim) => [claim.id, claim.number]));
  const wanted = restored.claims.map((claim) => ({ ...claim, number: now.get(claim.id) ?? claim.number }));
  const settled = settleClaimNumbers(
    wanted.map((claim) => ({ id: claim.id, number: claim.number, createdAt: claim.createdAt })),
    Math.max(current.project.nextClaimNumber, restored.project.nextClaimNumber),
  );
  const moved = new Map(settled.renumbered.map((entry) => [entry.id, entry.to]));
  const claims = wanted.map((claim) =>
    moved.has(claim.id) ? { ...claim, number: moved.get(claim.id)! } : claim,
  );
  const renumbered = restored.claims
    .map((claim, index) => ({ id: claim.id, from: claim.number, to: claims[index]!.number }))
    .filter((claim) => claim.from !== claim.to);
  return {
    payload: { ...restored, project: { ...restored.project, nextClaimNumber: settled.nextNumber }, claims },
    renumbered,
  };
}

/**
 * After a restore a claim may stay approved only if it was approved before the restore with the
 * same seal (the approval rule then checks the content still matches it); the other approved claims
 * of the restored version return to "In review" at once.
 */
function settleApprovals(ctx: RepoContext, before: ProjectPayload, after: ProjectPayload): void {
  const previous = new Map(before.claims.map((claim) => [claim.id, claim]));
  const kept: string[] = [];
  for (const claim of after.claims) {
    if (claim.status !== 'approved') continue;
    const was = previous.get(claim.id);
    if (
      was &&
      was.status === 'approved' &&
      was.approval.seal !== '' &&
      was.approval.seal === claim.approval.seal
    ) {
      kept.push(claim.id);
      continue;
    }
    withdrawApproval(ctx, claim, ['restore']);
  }
  checkApprovals(ctx, kept, 'restore');
}
