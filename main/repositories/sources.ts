import type { Source, SourceFields } from '../../shared/domain';
import { notFound } from '../errors';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { getClaim } from './claims';
import { touchProject } from './projects';

interface SourceRow {
  id: string;
  claim_id: string;
  position: number;
  url: string;
  title: string;
  publisher: string;
  published_date: string;
  accessed_date: string;
  archived_url: string;
  excerpt: string;
  note: string;
  created_at: string;
  updated_at: string;
}
const COLUMNS = `id, claim_id, position, url, title, publisher, published_date, accessed_date, archived_url, excerpt, note, created_at, updated_at`;
export const SOURCE_FIELDS = ['position', 'url', 'title', 'publisher', 'publishedDate', 'accessedDate', 'archivedUrl', 'excerpt', 'note'] as const;

const toSource = (row: SourceRow): Source => ({
  id: row.id,
  claimId: row.claim_id,
  position: row.position,
  url: row.url,
  title: row.title,
  publisher: row.publisher,
  publishedDate: row.published_date,
  accessedDate: row.accessed_date,
  archivedUrl: row.archived_url,
  excerpt: row.excerpt,
  note: row.note,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

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
  return (ctx.stmt(`SELECT ${COLUMNS} FROM sources WHERE claim_id = ? ORDER BY position`).all(claimId) as SourceRow[]).map(toSource);
}

export function listSourcesByProject(ctx: RepoContext, projectId: string): Source[] {
  return (
    ctx
      .stmt(`SELECT ${COLUMNS.split(', ').map((c) => 's.' + c).join(', ')} FROM sources s JOIN claims c ON c.id = s.claim_id WHERE c.project_id = ? ORDER BY s.claim_id, s.position`)
      .all(projectId) as SourceRow[]
  ).map(toSource);
}

export function getSource(ctx: RepoContext, id: string): Source & { projectId: string } {
  const row = ctx
    .stmt(`SELECT ${COLUMNS.split(', ').map((c) => 's.' + c).join(', ')}, c.project_id FROM sources s JOIN claims c ON c.id = s.claim_id WHERE s.id = ?`)
    .get(id) as (SourceRow & { project_id: string }) | undefined;
  if (!row) throw notFound('source');
  return { ...toSource(row), projectId: row.project_id };
}

export function createSource(ctx: RepoContext, claimId: string, fields: Partial<SourceFields> = {}): Source {
  return ctx.tx(() => {
    const claim = getClaim(ctx, claimId);
    const last = ctx.stmt(`SELECT MAX(position) AS max FROM sources WHERE claim_id = ?`).get(claimId) as { max: number | null };
    const now = ctx.now();
    const source: Source = { ...EMPTY_SOURCE_FIELDS, ...fields, id: ctx.newId(), claimId, position: (last.max ?? -1) + 1, createdAt: now, updatedAt: now };
    ctx
      .stmt(
        `INSERT INTO sources (${COLUMNS}) VALUES (@id, @claimId, @position, @url, @title, @publisher, @publishedDate,
          @accessedDate, @archivedUrl, @excerpt, @note, @createdAt, @updatedAt)`,
      )
      .run(source);
    recordChange(ctx, { projectId: claim.projectId, entityType: 'source', entityId: source.id, op: 'create', fields: { claimId: { after: claimId }, ...snapshotFields(source, SOURCE_FIELDS, 'after') } });
    touchProject(ctx, claim.projectId);
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
    ctx
      .stmt(
        `UPDATE sources SET position = @position, url = @url, title = @title, publisher = @publisher, published_date = @publishedDate,
          accessed_date = @accessedDate, archived_url = @archivedUrl, excerpt = @excerpt, note = @note, updated_at = @updatedAt WHERE id = @id`,
      )
      .run(after);
    recordChange(ctx, { projectId, entityType: 'source', entityId: id, op: 'update', fields });
    touchProject(ctx, projectId);
    return after;
  });
}

export function deleteSource(ctx: RepoContext, id: string): void {
  ctx.tx(() => {
    const { projectId, ...source } = getSource(ctx, id);
    ctx.stmt(`DELETE FROM sources WHERE id = ?`).run(id);
    recordChange(ctx, { projectId, entityType: 'source', entityId: id, op: 'delete', fields: { claimId: { before: source.claimId }, ...snapshotFields(source, SOURCE_FIELDS, 'before') } });
    // Keep positions 0..n-1 so reports number sources [1], [2] … without gaps.
    const rest = listSourcesByClaim(ctx, source.claimId);
    rest.forEach((remaining, position) => {
      if (remaining.position !== position) updateSource(ctx, remaining.id, { position });
    });
    touchProject(ctx, projectId);
  });
}
