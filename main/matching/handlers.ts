import type { MatchingHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { checkedBefore } from './checkedBefore';

/** Handlers of the "Checked before" channels (shared/api/contract.matching.ts). */
export function createMatchingHandlers(deps: HandlerDeps): MatchingHandlers {
  const { ctx } = deps;
  return {
    'matching.checkedBefore': ({ claimId, limit }) => ({ items: checkedBefore(ctx, claimId, limit) }),
  };
}
