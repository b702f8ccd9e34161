import type { ClaimLinkHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import * as links from '../repositories/claimLinks';
import { startFrom } from './startFrom';

/** Handlers of the claim-link channels (shared/api/contract.claimLinks.ts). */
export function createClaimLinkHandlers(deps: HandlerDeps): ClaimLinkHandlers {
  const { ctx } = deps;
  return {
    'claimLinks.list': ({ claimId }) => links.listClaimLinks(ctx, claimId),
    'claimLinks.add': ({ claimId, target }) => links.addClaimLink(ctx, claimId, target),
    'claimLinks.remove': ({ id }) => {
      links.removeClaimLink(ctx, id);
      return null;
    },
    'claimLinks.startFrom': ({ claimId, target }) => startFrom(ctx, claimId, target),
  };
}
