import { z } from 'zod';
import type { ClaimantType, Settings } from '../domain';
import { parseRationale, type Inline } from '../text/rationaleFormat';
import { safeHref } from './escape';
import { buildReportModel, type ReportClaim, type ReportData, type ReportModel } from './model';
import { resolveReportOptions, type ReportOptionsInput } from './options';

/** Google shows at most this many characters of claimReviewed; longer text is cut in search results. */
export const CLAIM_REVIEWED_MAX = 75;

const codePoints = (text: string) => Array.from(text).length;
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const HttpUrl = z.string().refine((value) => safeHref(value) === value, 'an http(s) URL');

export const PersonOrOrganization = z.object({
  '@type': z.enum(['Person', 'Organization']),
  name: z.string().min(1),
  url: HttpUrl.optional(),
});

export const ReviewRating = z
  .object({
    '@type': z.literal('Rating'),
    alternateName: z.string().min(1),
    ratingValue: z.number().optional(),
    bestRating: z.number().optional(),
    worstRating: z.number().optional(),
  })
  .refine(
    (rating) => {
      const given = [rating.ratingValue, rating.bestRating, rating.worstRating].filter(
        (value) => value !== undefined,
      ).length;
      return given === 0 || given === 3;
    },
    { message: 'ratingValue, bestRating and worstRating go together' },
  );

/** schema.org ClaimReview as this app writes it (the fields Google's fact-check markup uses). */
export const ClaimReviewSchema = z.object({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('ClaimReview'),
  url: HttpUrl.optional(),
  claimReviewed: z
    .string()
    .min(1)
    .refine((text) => codePoints(text) <= CLAIM_REVIEWED_MAX, `at most ${CLAIM_REVIEWED_MAX} characters`),
  reviewBody: z.string().optional(),
  datePublished: IsoDate,
  author: PersonOrOrganization.optional(),
  reviewRating: ReviewRating,
  creativeWorkStatus: z.enum(['Draft', 'Published']),
  /** schema.org CreativeWork's `citation` (Text or CreativeWork): the addresses of earlier checks of the same claim. */
  citation: z.array(HttpUrl).min(1).optional(),
  itemReviewed: z.object({
    '@type': z.literal('Claim'),
    text: z.string().min(1),
    author: PersonOrOrganization.optional(),
    datePublished: IsoDate.optional(),
    appearance: z
      .object({
        '@type': z.literal('CreativeWork'),
        url: HttpUrl.optional(),
        headline: z.string().min(1),
        datePublished: IsoDate.optional(),
        author: PersonOrOrganization.optional(),
        publisher: PersonOrOrganization.optional(),
        inLanguage: z.string().optional(),
      })
      .optional(),
  }),
});
export type ClaimReview = z.infer<typeof ClaimReviewSchema>;
export const ClaimReviewList = z.array(ClaimReviewSchema);

/**
 * A claim for claimReviewed: whole if it fits in 75 characters, else cut at the last word boundary
 * that fits with an ellipsis (at a character for scripts written without spaces). Never splits a
 * surrogate pair or leaves a combining mark without its letter.
 */
export function truncateClaim(text: string, max = CLAIM_REVIEWED_MAX): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  let cut = max - 1; // room for "…"
  const head = chars.slice(0, cut + 1);
  // The last space at or before the cut, if it leaves a reasonable part of the claim.
  let space = -1;
  for (let i = cut; i > 0; i--) {
    if (head[i] === ' ') {
      space = i;
      break;
    }
  }
  if (space >= max * 0.5) cut = space;
  while (cut > 0 && /\p{M}/u.test(chars[cut] ?? '')) cut--;
  const kept = chars
    .slice(0, cut)
    .join('')
    .replace(/[\s,;:.…–—-]+$/u, '');
  return `${kept}…`;
}

/**
 * The claimant as a schema.org Person or Organization, as the claim editor typed it. A claimant
 * whose type was never chosen is written as a Person: both types are valid for a Claim's author,
 * most checked claims are statements by people, and a fixed rule never changes a published review
 * behind the editor's back the way a guess from the name would (see docs/reports.md).
 */
export function claimantThing(
  claimant: string,
  claimantType: ClaimantType,
): z.infer<typeof PersonOrOrganization> | undefined {
  const name = claimant.replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  return { '@type': claimantType === 'Organization' ? 'Organization' : 'Person', name };
}

/**
 * A rationale as plain text for reviewBody: the **bold**, _italic_ and list markers of the claim
 * editor removed (shared/text/rationaleFormat.ts reads them), lines and paragraphs kept.
 */
export function plainRationale(rationale: string): string {
  const line = (parts: readonly Inline[]) =>
    parts
      .map((part) => part.text)
      .join('')
      .replace(/[ \t]+/g, ' ')
      .trim();
  return parseRationale(rationale)
    .map((block) =>
      (block.kind === 'paragraph' ? block.lines : block.items).map(line).filter(Boolean).join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The claims a ClaimReview file publishes: approved ones with a verdict, in the report's order.
 * A draft or an unrated claim is not a review anyone should find in search results.
 */
export function claimReviewItems(model: ReportModel): ReportClaim[] {
  return model.claims.filter((item) => item.approved && item.verdict !== null);
}

function reportAuthor(model: ReportModel): z.infer<typeof PersonOrOrganization> | undefined {
  if (model.organisationName) {
    const origin = model.reportUrl ? /^(https?:\/\/[^/?#]+)/i.exec(model.reportUrl)?.[1] : undefined;
    return {
      '@type': 'Organization',
      name: model.organisationName,
      ...(origin ? { url: `${origin}/` } : {}),
    };
  }
  if (model.authors) return { '@type': 'Person', name: model.authors };
  return undefined;
}

function claimUrl(model: ReportModel, item: ReportClaim): string | undefined {
  if (!model.reportUrl) return undefined;
  return `${model.reportUrl.replace(/#.*$/, '')}#claim-${item.number}`;
}

export function buildClaimReview(model: ReportModel, item: ReportClaim): ClaimReview {
  const { claim, article, verdict } = item;
  const statement = (claim.statement.trim() || claim.anchor.exact.trim() || 'Untitled claim').replace(
    /\s+/g,
    ' ',
  );
  const numeric = verdict !== null && verdict.ratingValue !== null && model.ratingRange !== null;
  const author = reportAuthor(model);
  const url = claimUrl(model, item);
  const claimant = claimantThing(claim.claimant, claim.claimantType);
  const articleUrl = article ? safeHref(article.url) : null;
  const rationale = plainRationale(claim.rationale);
  const citation = item.previouslyChecked.flatMap((earlier) => (earlier.href ? [earlier.href] : []));
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    ...(url ? { url } : {}),
    claimReviewed: truncateClaim(statement),
    ...(rationale ? { reviewBody: rationale } : {}),
    datePublished: model.date,
    ...(author ? { author } : {}),
    reviewRating: {
      '@type': 'Rating',
      alternateName: item.verdictLabel,
      ...(numeric
        ? {
            ratingValue: verdict.ratingValue!,
            bestRating: model.ratingRange!.best,
            worstRating: model.ratingRange!.worst,
          }
        : {}),
    },
    creativeWorkStatus: item.approved ? 'Published' : 'Draft',
    ...(citation.length > 0 ? { citation } : {}),
    itemReviewed: {
      '@type': 'Claim',
      text: statement,
      ...(claimant ? { author: claimant } : {}),
      ...(claim.claimDate ? { datePublished: claim.claimDate } : {}),
      ...(article
        ? {
            appearance: {
              '@type': 'CreativeWork' as const,
              ...(articleUrl ? { url: articleUrl } : {}),
              headline: article.title.trim() || 'Untitled article',
              ...(article.publishedDate ? { datePublished: article.publishedDate } : {}),
              ...(article.author.trim()
                ? { author: { '@type': 'Person' as const, name: article.author.trim() } }
                : {}),
              ...(article.outlet.trim()
                ? { publisher: { '@type': 'Organization' as const, name: article.outlet.trim() } }
                : {}),
              ...(article.language ? { inLanguage: article.language } : {}),
            },
          }
        : {}),
    },
  };
}

export function buildClaimReviews(
  data: ReportData,
  settings: Settings,
  options: ReportOptionsInput | undefined,
  now: Date,
): ClaimReview[] {
  const model = buildReportModel(data, settings, resolveReportOptions(options), now);
  return claimReviewItems(model).map((item) => buildClaimReview(model, item));
}

/**
 * JSON that is safe to paste into a <script type="application/ld+json"> element: "<", ">" and "&"
 * are written as \u escapes, so a claim containing "</script>" cannot close the element.
 */
export function toScriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The report's approved, rated claims as a JSON-LD array of ClaimReview objects, one per claim. */
export function renderModelClaimReviewJsonLd(model: ReportModel): string {
  return `${toScriptSafeJson(claimReviewItems(model).map((item) => buildClaimReview(model, item)))}\n`;
}

export function renderClaimReviewJsonLd(
  data: ReportData,
  settings: Settings,
  options: ReportOptionsInput | undefined,
  now: Date,
): string {
  return renderModelClaimReviewJsonLd(buildReportModel(data, settings, resolveReportOptions(options), now));
}
