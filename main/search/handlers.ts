import type { SearchHandlers } from '../api/handlerTypes';
import type { RepoContext } from '../repositories/context';
import { searchFacets } from './facets';
import { searchLibrary } from './searchLibrary';

/** Handlers of the library search (shared/api/contract.search.ts). */
export function createSearchHandlers(deps: { ctx: RepoContext }): SearchHandlers {
  return {
    'search.query': (request) => searchLibrary(deps.ctx, request),
    'search.facets': () => searchFacets(deps.ctx),
  };
}
