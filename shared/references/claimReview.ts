import { ReferenceFileError, type RawItem } from './types';

/**
 * ClaimReview JSON-LD (schema.org), as fact-checkers publish it in their pages and feeds: one
 * ClaimReview, an array of them, a `@graph`, or a DataFeed whose `dataFeedElement`s are
 * ClaimReviews or carry one as `item`.
 */

type Node = Record<string, unknown>;

/** Containers are followed this deep, no further: a cycle-free file never needs more. */
const MAX_DEPTH = 12;

export function* claimReviewItems(document: unknown, fileName: string): Generator<RawItem> {
  let found = 0;
  for (const review of findClaimReviews(document, 0)) {
    found++;
    yield claimReviewToItem(review);
  }
  if (found === 0) throw new ReferenceFileError(`No ClaimReview found in “${fileName}”.`);
}

/** True when the JSON holds at least one ClaimReview (for the format detector). */
export function hasClaimReview(document: unknown): boolean {
  return !findClaimReviews(document, 0).next().done;
}

function* findClaimReviews(node: unknown, depth: number): Generator<Node> {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(node)) {
    for (const element of node) yield* findClaimReviews(element, depth + 1);
    return;
  }
  if (!isNode(node)) return;
  if (hasType(node, 'ClaimReview')) {
    yield node;
    return;
  }
  for (const key of ['@graph', 'dataFeedElement', 'item', 'mainEntity'] as const) {
    if (key in node) yield* findClaimReviews(node[key], depth + 1);
  }
}

function claimReviewToItem(review: Node): RawItem {
  const claim = first(review.itemReviewed);
  const rating = first(review.reviewRating);
  return {
    externalId: text(review['@id']) || text(review.identifier),
    url: text(review.url),
    claimText: text(review.claimReviewed) || text(claim?.text) || text(claim?.name),
    title: text(review.headline) || text(review.name),
    claimant: nameOf(claim?.author),
    claimDate: text(claim?.datePublished) || text(first(claim?.appearance)?.datePublished) || text(first(claim?.firstAppearance)?.datePublished),
    publisher: nameOf(review.author) || nameOf(review.publisher),
    rating: ratingText(rating),
    reviewDate: text(review.datePublished) || text(review.dateCreated),
    language: text(review.inLanguage) || text(first(review.inLanguage)?.alternateName) || text(first(review.inLanguage)?.name),
  };
}

/** `alternateName` ("False"); without one, the number ("2/5" when the scale's best is known). */
function ratingText(rating: Node | undefined): string {
  if (!rating) return '';
  const named = text(rating.alternateName) || text(rating.name);
  if (named) return named;
  const value = text(rating.ratingValue);
  if (!value) return '';
  const best = text(rating.bestRating);
  return best ? `${value}/${best}` : value;
}

/** A person or organisation: a string, `{name}`, or the first of an array of them. */
function nameOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = first(value);
  return node ? text(node.name) || text(node.alternateName) : '';
}

function first(value: unknown): Node | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  return isNode(candidate) ? candidate : undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `@type` may be a string or a list, bare ("ClaimReview") or full ("http://schema.org/ClaimReview"). */
function hasType(node: Node, type: string): boolean {
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  return types.some((value) => typeof value === 'string' && (value === type || value.endsWith(`/${type}`) || value.endsWith(`:${type}`)));
}
