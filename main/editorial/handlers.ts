import type { Publication } from '../../shared/domain';
import type { EditorialHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { AppError } from '../errors';
import { currentSeal } from '../repositories/approvals';
import * as claims from '../repositories/claims';
import * as editorial from '../repositories/editorial';
import { getProject, updateProject } from '../repositories/projects';
import { listVerdicts } from '../repositories/verdicts';

/** Handlers of the editorial channels (shared/api/contract.editorial.ts). */
export function createEditorialHandlers(deps: HandlerDeps): EditorialHandlers {
  const { ctx, exports } = deps;
  return {
    'editorial.claimRecord': ({ claimId }) =>
      ctx.tx(() => {
        const claim = claims.getClaim(ctx, claimId);
        const published = claims.lastPublication(ctx, claimId);
        const corrections = editorial.listCorrectionsByProject(ctx, claim.projectId).filter((note) => note.claimId === claimId);
        const noteSince = published !== null && corrections.some((note) => note.createdAt > published.publishedAt);
        return {
          teamNotes: editorial.listTeamNotes(ctx, claimId),
          corrections,
          lastPublished: published && { publicationId: published.publicationId, publishedAt: published.publishedAt },
          correctionRequired: published !== null && published.seal !== currentSeal(ctx, claim) && !noteSince,
        };
      }),

    'editorial.addTeamNote': ({ claimId, text }) => editorial.addTeamNote(ctx, claimId, text),
    'editorial.addCorrection': ({ claimId, kind, text }) => editorial.addCorrection(ctx, claimId, kind, text),
    'editorial.keepNewQuote': ({ claimId }) => claims.updateClaim(ctx, claimId, { quoteChangedFrom: '' }),
    'editorial.claimantType': ({ name }) => editorial.claimantTypeFor(ctx, name),

    'editorial.updateProject': ({ id, description, secondPairOfEyes }) =>
      updateProject(ctx, id, {
        ...(description !== undefined ? { description } : {}),
        ...(secondPairOfEyes !== undefined ? { secondPairOfEyes } : {}),
      }),

    'editorial.markPublished': ({ projectId, exportIds }) =>
      ctx.tx(() => {
        getProject(ctx, projectId);
        const records = exportIds.map((id) => exports?.find(id));
        if (records.some((record) => record === undefined || record.projectId !== projectId)) {
          throw new AppError('not_found', 'Those report files were not exported from this project in this session. Export the report again, then mark it as published.');
        }
        const files = records.map((record) => record!);
        const claimIds = [...new Set(files.flatMap((file) => file.claimIds))];
        const verdictLabels = new Map(listVerdicts(ctx, projectId).map((verdict) => [verdict.id, verdict.label]));
        const published = claimIds.map((id) => claims.getClaim(ctx, id));
        const notApproved = published.filter((claim) => claim.status !== 'approved' || claim.approval.seal !== currentSeal(ctx, claim));
        if (notApproved.length > 0) {
          const names = notApproved.map((claim) => `Claim ${claim.number}`).join(', ');
          throw new AppError(
            'conflict',
            `Only a report whose every claim is approved can be marked as published. Not approved: ${names}.`,
          );
        }
        const publication: Publication = {
          id: ctx.newId(),
          projectId,
          publishedAt: ctx.now(),
          publishedBy: ctx.author(),
          formats: [...new Set(files.map((file) => file.format))],
          files: files.map((file) => ({ name: file.fileName, format: file.format, sha256: file.sha256 })),
          claims: published.map((claim) => ({
            claimId: claim.id,
            number: claim.number,
            verdict: claim.verdictId === null ? '' : (verdictLabels.get(claim.verdictId) ?? ''),
            statement: claim.statement,
            seal: claim.approval.seal,
          })),
        };
        return editorial.insertPublication(ctx, publication);
      }),

    'editorial.publications': ({ projectId }) =>
      ctx.tx(() => {
        getProject(ctx, projectId);
        return editorial.listPublications(ctx, projectId);
      }),
  };
}
