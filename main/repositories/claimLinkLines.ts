/**
 * What a claim's links publish, as the approval rule reads it: each link's snapshot as the one line
 * a report prints. Kept apart from ./claimLinks.ts, which writes links and so needs ./approvals.ts.
 */
import { previouslyCheckedLine } from '../../shared/editorial/approval';
import type { RepoContext } from './context';

export function publishedLinkLines(ctx: RepoContext, claimId: string): string[] {
  const rows = ctx
    .stmt(`SELECT publisher, date, rating, url FROM claim_links WHERE claim_id = ? ORDER BY linked_at, id`)
    .all(claimId) as { publisher: string; date: string; rating: string; url: string }[];
  return rows.map(previouslyCheckedLine);
}
