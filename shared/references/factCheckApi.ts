import type { RawItem } from './types';

/**
 * The JSON fact-check search APIs answer with (Google's Fact Check Tools `claims:search` and
 * compatible ones): `{claims: [{text, claimant, claimDate, claimReview: [{publisher: {name, site},
 * url, title, reviewDate, textualRating, languageCode}]}]}`. Each claimReview is one reference
 * check; a claim with no review is one check with the claim alone.
 */

type Node = Record<string, unknown>;

/** True when the JSON has the API's shape (for the format detector). */
export function isFactCheckApiResponse(document: unknown): boolean {
  return isNode(document) && Array.isArray(document.claims) && (document.claims.length === 0 || document.claims.some((claim) => isNode(claim) && ('claimReview' in claim || 'text' in claim)));
}

export function* factCheckApiItems(document: unknown): Generator<RawItem> {
  if (!isNode(document) || !Array.isArray(document.claims)) return;
  for (const claim of document.claims) {
    if (!isNode(claim)) continue;
    const base: RawItem = { claimText: claim.text, claimant: claim.claimant, claimDate: claim.claimDate };
    const reviews = Array.isArray(claim.claimReview) ? claim.claimReview.filter(isNode) : [];
    if (reviews.length === 0) yield base;
    for (const review of reviews) {
      const publisher = isNode(review.publisher) ? review.publisher : {};
      yield {
        ...base,
        url: review.url,
        title: review.title,
        publisher: publisher.name || publisher.site,
        rating: review.textualRating,
        reviewDate: review.reviewDate,
        language: review.languageCode,
      };
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
