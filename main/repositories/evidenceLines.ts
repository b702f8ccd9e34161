/**
 * What a claim's evidence publishes, as the approval rule reads it: one line per attachment on any
 * of its sources (shared/editorial/approval.ts `evidenceLine`). Kept apart from ./attachments.ts,
 * which writes attachments and so needs ./approvals.ts.
 */
import { evidenceLine } from '../../shared/editorial/approval';
import type { RepoContext } from './context';

export function publishedEvidenceLines(ctx: RepoContext, claimId: string): string[] {
  const rows = ctx
    .stmt(
      `SELECT s.position AS sourcePosition, a.name, a.sha256 FROM sources s JOIN attachments a ON a.source_id = s.id
       WHERE s.claim_id = ? ORDER BY s.position, a.added_at, a.id`,
    )
    .all(claimId) as { sourcePosition: number; name: string; sha256: string }[];
  return rows.map(evidenceLine);
}
