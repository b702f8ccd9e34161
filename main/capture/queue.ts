/**
 * Sources waiting for the network to be captured (migration 10). "Capture page" while offline
 * queues the source; a capture that succeeds takes it off; deleting the source removes it.
 */
import type { QueuedCapture } from '../../shared/api/contract.attachments';
import type { RepoContext } from '../repositories/context';

export function queueCapture(ctx: RepoContext, sourceId: string, url: string, reason: string): void {
  ctx
    .stmt(
      `INSERT INTO capture_queue (source_id, url, queued_at, reason) VALUES (?, ?, ?, ?)
       ON CONFLICT(source_id) DO UPDATE SET url = excluded.url, reason = excluded.reason`,
    )
    .run(sourceId, url, ctx.now(), reason);
}

export function dequeueCapture(ctx: RepoContext, sourceId: string): void {
  ctx.stmt(`DELETE FROM capture_queue WHERE source_id = ?`).run(sourceId);
}

/** The claim's queued sources, in the order of its sources. */
export function listQueuedCaptures(ctx: RepoContext, claimId: string): QueuedCapture[] {
  const rows = ctx
    .stmt(
      `SELECT q.source_id, q.url, q.queued_at, q.reason FROM capture_queue q JOIN sources s ON s.id = q.source_id
       WHERE s.claim_id = ? ORDER BY s.position`,
    )
    .all(claimId) as { source_id: string; url: string; queued_at: string; reason: string }[];
  return rows.map((row) => ({ sourceId: row.source_id, url: row.url, queuedAt: row.queued_at, reason: row.reason }));
}
