import type { Claim, ClaimAnchor, ClaimFields } from '../../shared/domain';
import { AppError, notFound } from '../errors';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { CLAIMS, type Row } from './tables';
import { touchProject } from './projects';

/** The fields the history records (and a merge decides over). */
export const CLAIM_FIELDS = ['anchor', 'anchorState', 'statement', 'claimant', 'claimDate', 'verdictId', 'rationale', 'status', 'tags'] as const;

export function listClaimsByArticle(ctx: RepoContext, articleId: string): Claim[] {
  return (ctx.stmt(`SELECT ${CLAIMS.columns()} FROM claims WHERE article_id = ? ORDER BY anchor_start, anchor_end, created_at`).all(articleId) as Row[]).map(CLAIMS.fromRow);
}

export function listClaimsByProject(ctx: RepoContext, projectId: string): Claim[] {
  return (ctx.stmt(`SELECT ${CLAIMS.columns()} FROM claims WHERE project_id = ? ORDER BY article_id, anchor_start, anchor_end, created_at`).all(projectId) as Row[]).map(CLAIMS.fromRow);
}

export function getClaim(ctx: RepoContext, id: string): Claim {
  const row = ctx.stmt(`SELECT ${CLAIMS.columns()} FROM claims WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('claim');
  return CLAIMS.fromRow(row);
}

export const EMPTY_CLAIM_FIELDS: ClaimFields = {
  statement: '',
  claimant: '',
  claimDate: '',
  verdictId: null,
  rationale: '',
  status: 'unchecked',
  tags: [],
};

export function createClaim(
  ctx: RepoContext,
  input: { projectId: string; articleId: string; anchor: ClaimAnchor; fields?: Partial<ClaimFields> | undefined; id?: string },
): Claim {
  return ctx.tx(() => {
    const now = ctx.now();
    const claim: Claim = {
      ...EMPTY_CLAIM_FIELDS,
      statement: input.anchor.exact,
      ...input.fields,
      id: input.id ?? ctx.newId(),
      projectId: input.projectId,
      articleId: input.articleId,
      anchor: input.anchor,
      anchorState: 'anchored',
      createdAt: now,
      updatedAt: now,
    };
    checkVerdict(ctx, claim);
    CLAIMS.insert(ctx, claim);
    recordChange(ctx, { projectId: claim.projectId, entityType: 'claim', entityId: claim.id, op: 'create', fields: snapshotFields(claim, CLAIM_FIELDS, 'after') });
    touchProject(ctx, claim.projectId);
    return claim;
  });
}

export function updateClaim(
  ctx: RepoContext,
  id: string,
  patch: Partial<ClaimFields> & { anchor?: ClaimAnchor; anchorState?: Claim['anchorState'] },
): Claim {
  return ctx.tx(() => {
    const before = getClaim(ctx, id);
    const after: Claim = { ...before, ...patch };
    const fields = diffFields(before, after, CLAIM_FIELDS);
    if (Object.keys(fields).length === 0) return before;
    if ('verdictId' in fields) checkVerdict(ctx, after);
    after.updatedAt = ctx.now();
    CLAIMS.update(ctx, after);
    recordChange(ctx, { projectId: after.projectId, entityType: 'claim', entityId: id, op: 'update', fields });
    touchProject(ctx, after.projectId);
    return after;
  });
}

/** Deletes the claim and its sources, each recorded so nothing is lost from the history. */
export function deleteClaim(ctx: RepoContext, id: string, deleteSource: (sourceId: string) => void): void {
  ctx.tx(() => {
    const claim = getClaim(ctx, id);
    const sourceIds = ctx.stmt(`SELECT id FROM sources WHERE claim_id = ? ORDER BY position`).all(id) as { id: string }[];
    for (const source of sourceIds) deleteSource(source.id);
    ctx.stmt(`DELETE FROM claims WHERE id = ?`).run(id);
    recordChange(ctx, { projectId: claim.projectId, entityType: 'claim', entityId: id, op: 'delete', fields: snapshotFields(claim, CLAIM_FIELDS, 'before') });
    touchProject(ctx, claim.projectId);
  });
}

function checkVerdict(ctx: RepoContext, claim: Claim): void {
  if (claim.verdictId === null) return;
  const verdict = ctx.stmt(`SELECT project_id FROM verdicts WHERE id = ?`).get(claim.verdictId) as { project_id: string } | undefined;
  if (!verdict || verdict.project_id !== claim.projectId) {
    throw new AppError('invalid_request', 'That verdict is not on this project’s scale.', 'verdictId');
  }
}
