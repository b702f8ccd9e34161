import type { Source, SourceFields } from '../../shared/domain';
import { notFound } from '../errors';
import { checkApprovalLater } from './approvals';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { SOURCES, type Row } from './tables';
import { getClaim } from './claims';
import { touchProject } from './projects';

/** The fields the history records (and a merge decides over). */
export const SOURCE_FIELDS = ['position', 'url', 'title', 'publisher', 'publishedDate', 'accessedDate', 'archivedUrl', 'excerpt', 'note'] as const;

export const EMPTY_SOURCE_FIELDS: SourceFields = {
  url: '',
  title: '',
  publisher: '',
  publishedDate: '',
  accessedDate: '',
  archivedUrl: '',
  excerpt: '',
  note: '',
};

export function listSourcesByClaim(ctx: RepoContext, claimId: string): Source[] {
  return (ctx.stmt(`SELECT ${SOURCES.columns()} FROM sources WHERE claim_id = ? ORDER BY position`).all(claimId) as Row[]).map(SOURCES.fromRow);
}

export function listSourcesByProject(ctx: RepoContext, projectId: string): Source[] {
  return (
    ctx
      .stmt(`SELECT ${SOURCES.columns('s')} FROM sources s JOIN claims c ON c.id = s.claim_id WHERE c.project_id = ? ORDER BY s.claim_id, s.position`)
      .all(projectId) as Row[]
  ).map(SOURCES.fromRow);
}

export function getSource(ctx: RepoContext, id: string): Source & { projectId: string } {
  const row = ctx
    .stmt(`SELECT ${SOURCES.columns('s')}, c.project_id FROM sources s JOIN claims c ON c.id = s.claim_id WHERE s.id = ?`)
    .get(id) as (Row & { project_id: string }) | undefined;
  if (!row) throw notFound('source');
  return { ...SOURCES.fromRow(row), projectId: row.project_id };
}

export function createSource(ctx: RepoContext, claimId: string, fields: Partial<SourceFields> = {}): Source {
  return ctx.tx(() => {
    const claim = getClaim(ctx, claimId);
    const last = ctx.stmt(`SELECT MAX(position) AS max FROM sources WHERE claim_id = ?`).get(claimId) as { max: number | null };
    const now = ctx.now();
    const source: Source = { ...EMPTY_SOURCE_FIELDS, ...fields, id: ctx.newId(), claimId, position: (last.max ?? -1) + 1, createdAt: now, updatedAt: now };
    SOURCES.insert(ctx, source);
    recordChange(ctx, { projectId: claim.projectId, entityType: 'source', entityId: source.id, op: 'create', fields: { claimId: { after: claimId }, ...snapshotFields(source, SOURCE_FIELDS, 'after') } });
    touchProject(ctx, claim.projectId);
    checkApprovalLater(ctx, claimId, 'sources');
    return source;
  });
}

export function updateSource(ctx: RepoContext, id: string, patch: Partial<SourceFields> & { position?: number }): Source {
  return ctx.tx(() => {
    const { projectId, ...before } = getSource(ctx, id);
    const after: Source = { ...before, ...patch };
    const fields = diffFields(before, after, SOURCE_FIELDS);
    if (Object.keys(fields).length === 0) return before;
    after.updatedAt = ctx.now();
    SOURCES.update(ctx, after);
    recordChange(ctx, { projectId, entityType: 'source', entityId: id, op: 'update', fields });
    touchProject(ctx, projectId);
    checkApprovalLater(ctx, after.claimId, 'sources');
    return after;
  });
}

export function deleteSource(ctx: RepoContext, id: string): void {
  ctx.tx(() => {
    const { projectId, ...source } = getSource(ctx, id);
    ctx.stmt(`DELETE FROM sources WHERE id = ?`).run(id);
    recordChange(ctx, { projectId, entityType: 'source', entityId: id, op: 'delete', fields: { claimId: { before: source.claimId }, ...snapshotFields(source, SOURCE_FIELDS, 'before') } });
    checkApprovalLater(ctx, source.claimId, 'sources');
    // Keep positions 0..n-1 so reports number sources [1], [2] … without gaps.
    const rest = listSourcesByClaim(ctx, source.claimId);
    rest.forEach((remaining, position) => {
      if (remaining.position !== position) updateSource(ctx, remaining.id, { position });
    });
    touchProject(ctx, projectId);
  });
}
