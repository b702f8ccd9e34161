/**
 * Backups of a project, taken before an import merges into it: the project's project.json, so a
 * restore puts back exactly that version, history included. A restore first backs up the current
 * version, so it can itself be undone. The newest BACKUPS_KEPT per project are kept.
 */
import zlib from 'node:zlib';
import { AppError } from '../errors';
import type { RepoContext } from '../repositories/context';
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

/** Puts the project back to the backed-up version, records and history, in one transaction. */
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
    applyPayloadDiff(ctx, current, restored);
    deleteProjectChanges(ctx, restored.project.id);
    insertChanges(ctx, restored.changes);
    return { project: restored.project, undoBackupId };
  });
}
