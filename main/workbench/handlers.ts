import type { WorkbenchHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import * as articles from '../repositories/articles';
import * as claims from '../repositories/claims';
import { getProject } from '../repositories/projects';
import * as sources from '../repositories/sources';
import { normalizeArticleText } from '../../shared/text/normalize';
import { AppError } from '../errors';
import {
  claimHistory,
  deleteArticleWithClaims,
  deleteClaims,
  projectClaimants,
  projectTags,
  restoreRecords,
  setAnchors,
  verdictUsage,
} from './records';

/** Handlers of the workbench channels (shared/api/contract.workbench.ts). */
export function createWorkbenchHandlers(deps: HandlerDeps): WorkbenchHandlers {
  const { ctx } = deps;
  return {
    'workbench.loadArticle': ({ id }) =>
      ctx.tx(() => {
        const article = articles.getArticle(ctx, id);
        const articleClaims = claims.listClaimsByArticle(ctx, id);
        return {
          article,
          claims: articleClaims,
          sources: articleClaims.flatMap((claim) => sources.listSourcesByClaim(ctx, claim.id)),
          claimants: projectClaimants(ctx, article.projectId),
          tags: projectTags(ctx, article.projectId),
        };
      }),
    'workbench.deleteClaims': ({ ids }) => deleteClaims(ctx, ids),
    'workbench.deleteArticle': ({ id }) => deleteArticleWithClaims(ctx, id),
    'workbench.restore': (records) =>
      restoreRecords(ctx, {
        article: records.article ?? null,
        claims: records.claims,
        sources: records.sources,
      }),
    'workbench.setAnchors': ({ articleId, text, anchors }) => {
      let cleaned: string | undefined;
      if (text !== undefined) {
        cleaned = normalizeArticleText(text);
        if (cleaned.length === 0)
          throw new AppError('invalid_request', 'Paste the article text first.', 'text');
      }
      return setAnchors(ctx, { articleId, text: cleaned, anchors });
    },
    'workbench.claimHistory': ({ claimId, limit }) => claimHistory(ctx, claimId, limit),
    'workbench.verdictUsage': ({ projectId }) =>
      ctx.tx(() => {
        getProject(ctx, projectId);
        return verdictUsage(ctx, projectId);
      }),
  };
}
