/**
 * The imports' and restores' side of the approval rule (main/repositories/approvals.ts): claims
 * whose published content an import or a restore may have changed are handed to the rule, which
 * returns each stale approval to "In review" just before the transaction commits.
 */
import { approvalIsStale, checkApprovalLater } from '../repositories/approvals';
import type { RepoContext } from '../repositories/context';
import { CLAIMS, type Row } from '../repositories/tables';

/**
 * Asks the approval rule to check each claim (written already, in the caller's transaction), and
 * answers how many approvals it will withdraw: those of approved claims whose content no longer
 * matches their seal, as the rule itself compares them.
 */
export function checkApprovals(
  ctx: RepoContext,
  claimIds: readonly string[],
  reason: 'merge' | 'restore',
): number {
  let stale = 0;
  for (const id of new Set(claimIds)) {
    checkApprovalLater(ctx, id, reason);
    const row = ctx.stmt(`SELECT ${CLAIMS.columns()} FROM claims WHERE id = ?`).get(id) as Row | undefined;
    if (row && approvalIsStale(ctx, CLAIMS.fromRow(row))) stale++;
  }
  return stale;
}
