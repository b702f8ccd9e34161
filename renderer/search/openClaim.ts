import { useAppStore } from '../store';

/**
 * Opens a claim found by "Search library": its project, its article, the claim selected. The
 * article loads after the route changes (and closing the article that was open clears the
 * selection), so the claim is selected once its article has loaded.
 */
export function openClaimFromSearch(target: { projectId: string; articleId: string; claimId: string }): void {
  const store = useAppStore;
  const select = () => {
    const state = store.getState();
    if (state.wbArticleId !== target.articleId || state.wbStatus !== 'ready') return false;
    if (state.claims.some((claim) => claim.id === target.claimId)) state.selectClaim(target.claimId);
    return true;
  };
  store.getState().navigate({ kind: 'project', projectId: target.projectId, articleId: target.articleId });
  if (select()) return;
  const stop = store.subscribe(() => {
    const state = store.getState();
    // Another article was opened meanwhile: the person went elsewhere.
    if (state.wbArticleId !== null && state.wbArticleId !== target.articleId) stop();
    else if (select()) stop();
  });
  // Never left waiting for an article that fails to load.
  setTimeout(stop, 30_000);
}
