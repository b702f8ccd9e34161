import type { Project, ProjectSummary, ScalePresetId } from '../../shared/domain';
import { notFound } from '../errors';
import { recordChange, diffFields, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { PROJECTS, type Row } from './tables';
import { applyPreset } from './verdicts';

/** The fields the history records (and a merge decides over). */
export const PROJECT_FIELDS = ['title', 'description', 'secondPairOfEyes'] as const;
const EDITABLE = PROJECT_FIELDS;

export function listProjects(ctx: RepoContext): ProjectSummary[] {
  const rows = ctx
    .stmt(
      `SELECT ${PROJECTS.columns('p')},
        (SELECT COUNT(*) FROM articles a WHERE a.project_id = p.id) AS article_count,
        (SELECT COUNT(*) FROM claims c WHERE c.project_id = p.id) AS claim_count
       FROM projects p ORDER BY updated_at DESC, title`,
    )
    .all() as (Row & { article_count: number; claim_count: number })[];
  return rows.map((row) => ({ ...PROJECTS.fromRow(row), articleCount: row.article_count, claimCount: row.claim_count }));
}

export function findProject(ctx: RepoContext, id: string): Project | undefined {
  const row = ctx.stmt(`SELECT ${PROJECTS.columns()} FROM projects WHERE id = ?`).get(id) as Row | undefined;
  return row && PROJECTS.fromRow(row);
}

export function getProject(ctx: RepoContext, id: string): Project {
  const project = findProject(ctx, id);
  if (!project) throw notFound('project');
  return project;
}

export function createProject(
  ctx: RepoContext,
  input: { title: string; description?: string | undefined; scalePreset?: ScalePresetId | undefined },
): Project {
  return ctx.tx(() => {
    const now = ctx.now();
    const project: Project = {
      id: ctx.newId(),
      title: input.title,
      description: input.description ?? '',
      nextClaimNumber: 1,
      secondPairOfEyes: false,
      createdAt: now,
      updatedAt: now,
    };
    PROJECTS.insert(ctx, project);
    recordChange(ctx, { projectId: project.id, entityType: 'project', entityId: project.id, op: 'create', fields: snapshotFields(project, EDITABLE, 'after') });
    applyPreset(ctx, project.id, input.scalePreset ?? 'generic');
    return project;
  });
}

export function updateProject(ctx: RepoContext, id: string, patch: Partial<Pick<Project, 'title' | 'description' | 'secondPairOfEyes'>>): Project {
  return ctx.tx(() => {
    const before = getProject(ctx, id);
    const after: Project = { ...before, ...patch };
    const fields = diffFields(before, after, EDITABLE);
    if (Object.keys(fields).length === 0) return before;
    after.updatedAt = ctx.now();
    PROJECTS.update(ctx, after);
    recordChange(ctx, { projectId: id, entityType: 'project', entityId: id, op: 'update', fields });
    return after;
  });
}

/**
 * Marks the project as changed (a claim or article in it changed), for the list's sort order.
 * Once per transaction is enough: a bulk write of 10,000 claims need not rewrite the row 10,000 times.
 */
export function touchProject(ctx: RepoContext, id: string): void {
  if (!ctx.firstInTransaction(`touch:${id}`)) return;
  ctx.stmt(`UPDATE projects SET updated_at = ? WHERE id = ?`).run(ctx.now(), id);
}

/** Deletes the project and, through the foreign keys, everything in it (history included). */
export function deleteProject(ctx: RepoContext, id: string): void {
  ctx.tx(() => {
    const result = ctx.stmt(`DELETE FROM projects WHERE id = ?`).run(id);
    if (result.changes === 0) throw notFound('project');
  });
}
