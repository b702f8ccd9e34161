/**
 * The approval rule, one place for every path: an approval holds only while the claim still
 * publishes exactly what was approved (its seal, main/editorial/seal.ts). Repositories report each
 * claim whose published content may have changed (an edit, a shortcut, undo/redo, a text edit that
 * moves the quote, a source, a restore, a merged import); just before the transaction commits, each
 * approved claim whose content no longer matches its seal returns to "In review", with a history
 * entry that says why.
 */
import { NO_APPROVAL, type Claim } from '../../shared/domain';
import { EVIDENCE, PREVIOUSLY_CHECKED } from '../../shared/editorial/approval';
import { sealOf } from '../editorial/seal';
import { recordChange } from './changes';
import { publishedLinkLines } from './claimLinkLines';
import { publishedEvidenceLines } from './evidenceLines';
import type { RepoContext } from './context';
import { CLAIMS, type Row } from './tables';

const pending = new WeakMap<RepoContext, Map<string, Set<string>>>();

/** Field labels in history entries and notices. */
const FIELD_LABELS: Record<string, string> = {
  verdictId: 'verdict',
  statement: 'statement',
  claimant: 'claimant',
  claimantType: 'claimant type',
  claimDate: 'claim date',
  rationale: 'rationale',
  quote: 'quote',
  sources: 'sources',
  corrections: 'correction notes',
  links: 'previously checked',
  evidence: 'evidence',
  restore: 'restored version',
  merge: 'imported changes',
};

/** Asks for the approval of the claim to be checked before the transaction commits. */
export function checkApprovalLater(ctx: RepoContext, claimId: string, reason: string): void {
  let claims = pending.get(ctx);
  if (!claims) pending.set(ctx, (claims = new Map()));
  let reasons = claims.get(claimId);
  if (!reasons) claims.set(claimId, (reasons = new Set()));
  reasons.add(reason);
  ctx.beforeCommit('approvals', () => {
    const due = pending.get(ctx);
    pending.delete(ctx);
    if (due) for (const [id, why] of due) reconcileApproval(ctx, id, why);
  });
}

/** The seal the claim's current published content would get. */
export function currentSeal(ctx: RepoContext, claim: Claim): string {
  const sources = ctx
    .stmt(
      `SELECT position, url, title, publisher, published_date AS publishedDate, accessed_date AS accessedDate,
        archived_url AS archivedUrl, excerpt FROM sources WHERE claim_id = ?`,
    )
    .all(claim.id) as Parameters<typeof sealOf>[1];
  const corrections = ctx
    .stmt(`SELECT kind, text FROM corrections WHERE claim_id = ? ORDER BY created_at, id`)
    .all(claim.id) as { kind: string; text: string }[];
  return sealOf(claim, sources, {
    corrections: corrections.map((note) => `${note.kind}: ${note.text}`),
    [PREVIOUSLY_CHECKED]: publishedLinkLines(ctx, claim.id),
    [EVIDENCE]: publishedEvidenceLines(ctx, claim.id),
  });
}

/**
 * True when the claim is approved but its published content no longer matches the approval's
 * seal (or the approval has none): the rule withdraws such an approval.
 */
export function approvalIsStale(ctx: RepoContext, claim: Claim): boolean {
  return claim.status === 'approved' && (claim.approval.seal === '' || claim.approval.seal !== currentSeal(ctx, claim));
}

function reconcileApproval(ctx: RepoContext, claimId: string, reasons: ReadonlySet<string>): void {
  const row = ctx.stmt(`SELECT ${CLAIMS.columns()} FROM claims WHERE id = ?`).get(claimId) as Row | undefined;
  if (!row) return;
  const claim = CLAIMS.fromRow(row);
  if (approvalIsStale(ctx, claim)) withdrawApproval(ctx, claim, reasons);
}

/**
 * Returns the approved claim to "In review" without its approval, with a history entry that
 * names the `reasons` (the keys of FIELD_LABELS: "restore", "merge", a field).
 */
export function withdrawApproval(ctx: RepoContext, claim: Claim, reasons: Iterable<string>): void {
  // Never back in time: an import from a copy whose clock runs ahead must not move updatedAt back.
  const now = ctx.now();
  const after: Claim = { ...claim, status: 'in_review', approval: NO_APPROVAL, updatedAt: now > claim.updatedAt ? now : claim.updatedAt };
  CLAIMS.update(ctx, after);
  const why = [...reasons].map((reason) => FIELD_LABELS[reason] ?? reason).join(', ');
  recordChange(ctx, {
    projectId: claim.projectId,
    entityType: 'claim',
    entityId: claim.id,
    op: 'update',
    fields: {
      status: { before: 'approved', after: 'in_review' },
      approval: { before: claim.approval, after: NO_APPROVAL },
      approvalWithdrawn: { after: `Changed after approval: ${why}.` },
    },
  });
}
