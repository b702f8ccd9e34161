import { NO_APPROVAL, type Claim, type ClaimAnchor, type ClaimFields } from '../../shared/domain';
import { PUBLISHED_CLAIM_FIELDS } from '../../shared/editorial/approval';
import { AppError, notFound } from '../errors';
import { checkApprovalLater, currentSeal } from './approvals';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { CLAIMS, type Row } from './tables';
import { touchProject } from './projects';

/** The fields the history records (and a merge decides over). */
export const CLAIM_FIELDS = [
  'number',
  'anchor',
  'anchorState',
  'statement',
  'claimant',
  'claimantType',
  'claimDate',
  'verdictId',
  'rationale',
  'status',
  'approval',
  'tags',
  'assignee',
  'quoteChangedFrom',
] as const;

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
  claimantType: '',
  assignee: '',
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
      // Approving goes through updateClaim below, which records who approved and seals it.
      status: input.fields?.status === 'approved' ? 'in_review' : (input.fields?.status ?? 'unchecked'),
      id: input.id ?? ctx.newId(),
      projectId: input.projectId,
      articleId: input.articleId,
      number: takeClaimNumber(ctx, input.projectId),
      anchor: input.anchor,
      anchorState: 'anchored',
      quoteChangedFrom: '',
      approval: NO_APPROVAL,
      createdAt: now,
      updatedAt: now,
    };
    checkVerdict(ctx, claim);
    CLAIMS.insert(ctx, claim);
    recordChange(ctx, { projectId: claim.projectId, entityType: 'claim', entityId: claim.id, op: 'create', fields: snapshotFields(claim, CLAIM_FIELDS, 'after') });
    touchProject(ctx, claim.projectId);
    if (input.fields?.status === 'approved') return updateClaim(ctx, claim.id, { status: 'approved' });
    return claim;
  });
}

/** The project's next claim number, taken: numbers are never handed out twice, deleted ones included. */
export function takeClaimNumber(ctx: RepoContext, projectId: string): number {
  const row = ctx
    .stmt(`UPDATE projects SET next_claim_number = next_claim_number + 1 WHERE id = ? RETURNING next_claim_number - 1 AS number`)
    .get(projectId) as { number: number } | undefined;
  if (!row) throw notFound('project');
  return row.number;
}

export type ClaimPatch = Partial<ClaimFields> & {
  anchor?: ClaimAnchor;
  anchorState?: Claim['anchorState'];
  quoteChangedFrom?: string;
};

export function updateClaim(ctx: RepoContext, id: string, patch: ClaimPatch): Claim {
  if (!ctx.db.inTransaction) {
    // Outermost: answer what was committed, after the approval rule ran at commit.
    ctx.tx(() => updateClaim(ctx, id, patch));
    return getClaim(ctx, id);
  }
  return ctx.tx(() => {
    const before = getClaim(ctx, id);
    const after: Claim = { ...before, ...patch };
    if (after.status === 'approved' && before.status !== 'approved') after.approval = approve(ctx, after);
    if (after.status !== 'approved') after.approval = NO_APPROVAL;
    const fields = diffFields(before, after, CLAIM_FIELDS);
    if (Object.keys(fields).length === 0) return before;
    if ('verdictId' in fields) checkVerdict(ctx, after);
    after.updatedAt = ctx.now();
    CLAIMS.update(ctx, after);
    recordChange(ctx, { projectId: after.projectId, entityType: 'claim', entityId: id, op: 'update', fields });
    touchProject(ctx, after.projectId);
    for (const key of PUBLISHED_CLAIM_FIELDS) if (key in fields) checkApprovalLater(ctx, id, key);
    if ('anchor' in fields && before.anchor.exact !== after.anchor.exact) checkApprovalLater(ctx, id, 'quote');
    return after;
  });
}

/**
 * Who approves, when, and the seal of what they approved. Refused without a name (an approval
 * records who gave it), under "Second pair of eyes" when the approver last changed the verdict, and
 * for a published claim that changed since without a correction or update note.
 */
function approve(ctx: RepoContext, claim: Claim): Claim['approval'] {
  const author = ctx.author().trim();
  if (!author) {
    throw new AppError('author_required', 'Approving records who approved: add your name in Settings first.', 'authorName');
  }
  const seal = currentSeal(ctx, claim);
  const project = ctx.stmt(`SELECT second_pair_of_eyes FROM projects WHERE id = ?`).get(claim.projectId) as { second_pair_of_eyes: number };
  if (project.second_pair_of_eyes === 1) {
    const lastVerdictAuthor = lastAuthorOfVerdict(ctx, claim.id);
    if (lastVerdictAuthor !== null && lastVerdictAuthor === author) {
      throw new AppError(
        'second_pair_of_eyes',
        `“Second pair of eyes” is on for this project: ${author} last changed this verdict, so someone else must approve Claim ${claim.number}.`,
        'status',
      );
    }
  }
  const published = lastPublication(ctx, claim.id);
  if (published && published.seal !== seal) {
    const note = ctx
      .stmt(`SELECT 1 FROM corrections WHERE claim_id = ? AND created_at > ? LIMIT 1`)
      .get(claim.id, published.publishedAt);
    if (!note) {
      throw new AppError(
        'correction_required',
        `Claim ${claim.number} was published and has changed since: add a Correction or Update note (what changed and why) before approving it again.`,
        'correction',
      );
    }
  }
  return { by: author, at: ctx.now(), seal };
}

/** The author of the newest change that set this claim's verdict; null when none did. */
function lastAuthorOfVerdict(ctx: RepoContext, claimId: string): string | null {
  const row = ctx
    .stmt(
      `SELECT author FROM changes WHERE entity_id = ? AND json_extract(fields, '$.verdictId') IS NOT NULL
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(claimId) as { author: string } | undefined;
  return row ? row.author.trim() : null;
}

/** The newest publication that included the claim, with the seal it was published under. */
export function lastPublication(
  ctx: RepoContext,
  claimId: string,
): { publicationId: string; publishedAt: string; seal: string } | null {
  const row = ctx
    .stmt(
      `SELECT p.id AS publicationId, p.published_at AS publishedAt, json_extract(c.value, '$.seal') AS seal
       FROM claims k JOIN publications p ON p.project_id = k.project_id, json_each(p.claims) c
       WHERE k.id = ? AND json_extract(c.value, '$.claimId') = k.id
       ORDER BY p.published_at DESC LIMIT 1`,
    )
    .get(claimId) as { publicationId: string; publishedAt: string; seal: string } | undefined;
  return row ?? null;
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
