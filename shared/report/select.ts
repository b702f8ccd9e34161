import type { Claim, ProjectData } from '../domain';
import type { ClaimSelection } from './options';

/**
 * The claims a report includes, in reading order: articles in the project's order, then by where the
 * claim sits in the article (anchor start, then end), then by creation time.
 */
export function selectClaims(data: ProjectData, selection: ClaimSelection): Claim[] {
  const knownVerdicts = new Set(data.verdicts.map((verdict) => verdict.id));
  const chosen = data.claims.filter((claim) => {
    switch (selection.kind) {
      case 'all':
        return true;
      case 'approved':
        return claim.status === 'approved';
      case 'verdicts': {
        // A claim whose verdict is missing from the scale counts as not yet rated.
        const verdictId =
          claim.verdictId !== null && knownVerdicts.has(claim.verdictId) ? claim.verdictId : null;
        return selection.verdictIds.includes(verdictId);
      }
    }
  });
  return sortInReadingOrder(data, chosen);
}

export function sortInReadingOrder(data: ProjectData, claims: readonly Claim[]): Claim[] {
  const articleOrder = new Map(data.articles.map((article, index) => [article.id, index]));
  const orderOf = (claim: Claim) => articleOrder.get(claim.articleId) ?? Number.MAX_SAFE_INTEGER;
  return [...claims].sort(
    (a, b) =>
      orderOf(a) - orderOf(b) ||
      a.anchor.start - b.anchor.start ||
      a.anchor.end - b.anchor.end ||
      (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
