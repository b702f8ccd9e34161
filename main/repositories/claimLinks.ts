/**
 * Claim links ("Previously checked", migration 8): "Same claim" on an earlier check links it to the
 * claim, with a snapshot of what a report prints about the earlier check. A link is published, so
 * adding or removing one goes through the approval rule, and each is a history entry on the claim
 * (field `links`: the changes table knows no link entity).
 */
import type { ClaimLink, ClaimLinks, LinkedFrom, LinkTarget } from '../../shared/api/contract.claimLinks';
import { isHttpUrl, type Claim } from '../../shared/domain';
import { AppError } from '../errors';
import { checkApprovalLater } from './approvals';
import { recordChange } from './changes';
import { publishedLinkLines } from './claimLinkLines';
import { getClaim } from './claims';
import type { RepoContext } from './context';
import { touchProject } from './projects';
import { CLAIM_LINKS, type Row } from './tables';

/** A reference fact-check as a link and "Use as starting point" read it (reference_checks, migration 6). */
export interface ReferenceCheck {
  id: string;
  url: string;
  claimText: string;
  title: string;
  publisher: string;
  rating: string;
  reviewDate: string;
}

export function getReferenceCheck(ctx: RepoContext, id: string): ReferenceCheck {
  const row = ctx
    .stmt(
      `SELECT id, url, claim_text AS claimText, title, publisher, rating, review_date AS reviewDate
       FROM reference_checks WHERE id = ?`,
    )
    .get(id) as ReferenceCheck | undefined;
  if (!row) throw new AppError('not_found', 'That reference fact-check is no longer in the library.');
  return row;
}

export function listClaimLinks(ctx: RepoContext, claimId: string): ClaimLinks {
  return ctx.tx(() => {
    getClaim(ctx, claimId);
    const links = (
      ctx.stmt(`SELECT ${CLAIM_LINKS.columns()} FROM claim_links WHERE claim_id = ? ORDER BY linked_at, id`).all(claimId) as Row[]
    ).map(CLAIM_LINKS.fromRow);
    const linkedFrom = ctx
      .stmt(
        `SELECT l.id AS linkId, c.id AS claimId, c.project_id AS projectId, p.title AS projectTitle, c.number, c.statement
         FROM claim_links l JOIN claims c ON c.id = l.claim_id JOIN projects p ON p.id = c.project_id
         WHERE l.target_id = ? AND l.target_kind = 'claim' ORDER BY l.linked_at, l.id`,
      )
      .all(claimId) as LinkedFrom[];
    return { links, linkedFrom };
  });
}

/** The links of a project's claims, for its reports. */
export function listProjectClaimLinks(ctx: RepoContext, projectId: string): ClaimLink[] {
  return (
    ctx.stmt(`SELECT ${CLAIM_LINKS.columns()} FROM claim_links WHERE project_id = ? ORDER BY linked_at, id`).all(projectId) as Row[]
  ).map(CLAIM_LINKS.fromRow);
}

/** "Same claim": links the claim to the earlier check, snapshotting what a report prints of it. */
export function addClaimLink(ctx: RepoContext, claimId: string, target: LinkTarget): ClaimLink {
  return ctx.tx(() => {
    const claim = getClaim(ctx, claimId);
    if (target.kind === 'claim' && target.id === claimId) {
      throw new AppError('invalid_request', 'A claim cannot be linked to itself.');
    }
    const existing = ctx.stmt(`SELECT 1 FROM claim_links WHERE claim_id = ? AND target_id = ?`).get(claimId, target.id);
    if (existing) throw new AppError('conflict', `Claim ${claim.number} is already linked to that earlier check.`);
    const before = publishedLines(ctx, claimId);
    const link: ClaimLink = {
      id: ctx.newId(),
      projectId: claim.projectId,
      claimId,
      targetKind: target.kind,
      targetId: target.id,
      ...snapshotOf(ctx, target),
      linkedBy: ctx.author().trim(),
      linkedAt: ctx.now(),
    };
    CLAIM_LINKS.insert(ctx, link);
    recordLinks(ctx, claim, before);
    return link;
  });
}

export function removeClaimLink(ctx: RepoContext, id: string): void {
  ctx.tx(() => {
    const row = ctx.stmt(`SELECT ${CLAIM_LINKS.columns()} FROM claim_links WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new AppError('not_found', 'That link is no longer there.');
    const link = CLAIM_LINKS.fromRow(row);
    const claim = getClaim(ctx, link.claimId);
    const before = publishedLines(ctx, claim.id);
    ctx.stmt(`DELETE FROM claim_links WHERE id = ?`).run(id);
    recordLinks(ctx, claim, before);
  });
}

/** What a report prints of the earlier check, as it stands now. */
function snapshotOf(ctx: RepoContext, target: LinkTarget): Pick<ClaimLink, 'publisher' | 'date' | 'rating' | 'url' | 'statement'> {
  if (target.kind === 'reference') {
    const reference = getReferenceCheck(ctx, target.id);
    return {
      publisher: reference.publisher,
      date: reference.reviewDate.slice(0, 10),
      rating: reference.rating,
      url: isHttpUrl(reference.url) ? reference.url : '',
      statement: reference.claimText,
    };
  }
  const earlier = ctx
    .stmt(
      `SELECT c.statement, c.anchor_exact AS quote, c.approved_at AS approvedAt, c.updated_at AS updatedAt,
        p.title AS projectTitle, v.label AS verdict
       FROM claims c JOIN projects p ON p.id = c.project_id LEFT JOIN verdicts v ON v.id = c.verdict_id WHERE c.id = ?`,
    )
    .get(target.id) as
    | { statement: string; quote: string; approvedAt: string; updatedAt: string; projectTitle: string; verdict: string | null }
    | undefined;
  if (!earlier) throw new AppError('not_found', 'That claim is no longer in the library.');
  return {
    publisher: earlier.projectTitle,
    date: (earlier.approvedAt || earlier.updatedAt).slice(0, 10),
    rating: earlier.verdict ?? '',
    url: '',
    statement: earlier.statement.trim() || earlier.quote,
  };
}

const publishedLines = (ctx: RepoContext, claimId: string): string => publishedLinkLines(ctx, claimId).join('\n');

/** The history entry (before → after, one line per link) and the approval check of a links change. */
function recordLinks(ctx: RepoContext, claim: Claim, before: string): void {
  recordChange(ctx, {
    projectId: claim.projectId,
    entityType: 'claim',
    entityId: claim.id,
    op: 'update',
    fields: { links: { before, after: publishedLines(ctx, claim.id) } },
  });
  touchProject(ctx, claim.projectId);
  checkApprovalLater(ctx, claim.id, 'links');
}
