/**
 * The approval seal: SHA-256 of the canonical text of what a report publishes for a claim
 * (shared/editorial/approval.ts). An approval is valid only while the claim still matches its seal.
 */
import { createHash } from 'node:crypto';
import { publishedContent, type PublishedClaim, type PublishedExtras, type PublishedSource } from '../../shared/editorial/approval';
import type { Db } from '../db/open';

export function sealOf(claim: PublishedClaim, sources: readonly PublishedSource[], extras?: PublishedExtras): string {
  return createHash('sha256').update(publishedContent(claim, sources, extras)).digest('hex');
}

/**
 * Migration 3: claims approved before approvals were sealed are sealed as they stand (they were
 * approved on the content they have). Plain SQL on the columns of schema version 3, on purpose:
 * later migrations must not change what this step reads.
 */
export function sealLegacyApprovals(db: Db): void {
  const approved = db
    .prepare(
      `SELECT id, verdict_id AS verdictId, statement, claimant, claimant_type AS claimantType, claim_date AS claimDate,
        rationale, anchor_exact AS exact, updated_at AS updatedAt FROM claims WHERE status = 'approved'`,
    )
    .all() as { id: string; verdictId: string | null; statement: string; claimant: string; claimantType: ''; claimDate: string; rationale: string; exact: string; updatedAt: string }[];
  const sourcesOf = db.prepare(
    `SELECT position, url, title, publisher, published_date AS publishedDate, accessed_date AS accessedDate,
      archived_url AS archivedUrl, excerpt FROM sources WHERE claim_id = ?`,
  );
  const seal = db.prepare(`UPDATE claims SET approval_seal = ?, approved_at = ? WHERE id = ?`);
  for (const claim of approved) {
    const sources = sourcesOf.all(claim.id) as PublishedSource[];
    // No corrections exist before version 3, so the seal has no extras.
    seal.run(sealOf({ ...claim, anchor: { exact: claim.exact } }, sources), claim.updatedAt, claim.id);
  }
}
