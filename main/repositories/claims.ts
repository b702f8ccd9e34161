import type { Claim, ClaimAnchor, ClaimFields } from '../../shared/domain';
import { AppError, notFound } from '../errors';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { touchProject } from './projects';

interface ClaimRow {
  id: string;
  project_id: string;
  article_id: string;
  anchor_start: number;
  anchor_end: number;
  anchor_exact: string;
  anchor_prefix: string;
  anchor_suffix: string;
  anchor_state: Claim['anchorState'];
  statement: string;
  claimant: string;
  claim_date: string;
  verdict_id: string | null;
  rationale: string;
  status: Claim['status'];
  tags: string;
  created_at: string;
  updated_at: string;
}
const COLUMNS = `id, project_id, article_id, anchor_start, anchor_end, anchor_exact, anchor_prefix, anchor_suffix,
  anchor_state, statement, claimant, claim_date, verdict_id, rationale, status, tags, created_at, updated_at`;
export const CLAIM_FIELDS = ['anchor', 'anchorState', 'statement', 'claimant', 'claimDate', 'verdictId', 'rationale', 'status', 'tags'] as const;

const toClaim = (row: ClaimRow): Claim => ({
  id: row.id,
  projectId: row.project_id,
  articleId: row.article_id,
  anchor: { start: row.anchor_start, end: row.anchor_end, exact: row.anchor_exact, prefix: row.anchor_prefix, suffix: row.anchor_suffix },
  anchorState: row.anchor_state,
  statement: row.statement,
  claimant: row.claimant,
  claimDate: row.claim_date,
  verdictId: row.verdict_id,
  rationale: row.rationale,
  status: row.status,
  tags: JSON.parse(row.tags) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toParams = (claim: Claim) => ({
  id: claim.id,
  projectId: claim.projectId,
  articleId: claim.articleId,
  start: claim.anchor.start,
  end: claim.anchor.end,
  exact: claim.anchor.exact,
  prefix: claim.anchor.prefix,
  suffix: claim.anchor.suffix,
  anchorState: claim.anchorState,
  statement: claim.statement,
  claimant: claim.claimant,
  claimDate: claim.claimDate,
  verdictId: claim.verdictId,
  rationale: claim.rationale,
  status: claim.status,
  tags: JSON.stringify(claim.tags),
  createdAt: claim.createdAt,
  updatedAt: claim.updatedAt,
});

export function listClaimsByArticle(ctx: RepoContext, articleId: string): Claim[] {
  return (ctx.stmt(`SELECT ${COLUMNS} FROM claims WHERE article_id = ? ORDER BY anchor_start, anchor_end, created_at`).all(articleId) as ClaimRow[]).map(toClaim);
}

export function listClaimsByProject(ctx: RepoContext, projectId: string): Claim[] {
  return (ctx.stmt(`SELECT ${COLUMNS} FROM claims WHERE project_id = ? ORDER BY article_id, anchor_start, anchor_end, created_at`).all(projectId) as ClaimRow[]).map(toClaim);
}

export function getClaim(ctx: RepoContext, id: string): Claim {
  const row = ctx.stmt(`SELECT ${COLUMNS} FROM claims WHERE id = ?`).get(id) as ClaimRow | undefined;
  if (!row) throw notFound('claim');
  return toClaim(row);
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
    ctx
      .stmt(
        `INSERT INTO claims (${COLUMNS}) VALUES (@id, @projectId, @articleId, @start, @end, @exact, @prefix, @suffix,
          @anchorState, @statement, @claimant, @claimDate, @verdictId, @rationale, @status, @tags, @createdAt, @updatedAt)`,
      )
      .run(toParams(claim));
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
    ctx
      .stmt(
        `UPDATE claims SET anchor_start = @start, anchor_end = @end, anchor_exact = @exact, anchor_prefix = @prefix,
          anchor_suffix = @suffix, anchor_state = @anchorState, statement = @statement, claimant = @claimant,
          claim_date = @claimDate, verdict_id = @verdictId, rationale = @rationale, status = @status, tags = @tags,
          updated_at = @updatedAt WHERE id = @id`,
      )
      .run(toParams(after));
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
