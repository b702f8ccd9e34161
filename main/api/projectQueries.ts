import type { ProjectData, StatusCounts } from '../../shared/domain';
import { listArticles } from '../repositories/articles';
import { listClaimsByProject } from '../repositories/claims';
import type { RepoContext } from '../repositories/context';
import { getProject } from '../repositories/projects';
import { listCorrectionsByProject, listPublications, listTeamNotesByProject } from '../repositories/editorial';
import { listSourcesByProject } from '../repositories/sources';
import { listVerdicts } from '../repositories/verdicts';

/** The whole project in one read transaction, so the parts are consistent with each other. */
export function loadProjectData(ctx: RepoContext, projectId: string): ProjectData {
  return ctx.tx(() => ({
    project: getProject(ctx, projectId),
    verdicts: listVerdicts(ctx, projectId),
    articles: listArticles(ctx, projectId),
    claims: listClaimsByProject(ctx, projectId),
    sources: listSourcesByProject(ctx, projectId),
    teamNotes: listTeamNotesByProject(ctx, projectId),
    corrections: listCorrectionsByProject(ctx, projectId),
    publications: listPublications(ctx, projectId),
  }));
}

export function countByStatus(ctx: RepoContext, projectId: string): StatusCounts {
  const counts: StatusCounts = { unchecked: 0, researching: 0, in_review: 0, approved: 0 };
  const rows = ctx.stmt(`SELECT status, COUNT(*) AS n FROM claims WHERE project_id = ? GROUP BY status`).all(projectId) as { status: keyof StatusCounts; n: number }[];
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
