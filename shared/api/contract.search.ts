import { z } from 'zod';
import { ClaimStatus, Id } from '../domain';

/**
 * What a person typed: anything at all. Only the first SEARCH_QUERY_CHARS are searched (main/search
 * cuts the rest without an error); the request bound is far above, so a paste is never refused.
 */
export const SEARCH_TEXT_LIMIT = 1_000_000;
export const SEARCH_QUERY_CHARS = 1_000;
export const SEARCH_RESULT_LIMIT = 200;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Give the date as YYYY-MM-DD.' });

export const SearchFilters = z
  .object({
    /** Verdict labels, any case, in any project's scale ("False" finds every project's False). */
    verdictLabels: z.array(z.string().max(200)).max(100).optional(),
    statuses: z.array(ClaimStatus).max(4).optional(),
    claimant: z.string().max(500).optional(),
    tag: z.string().max(100).optional(),
    /** Claim dates (a reference's claim or review date) from and to, inclusive. */
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    /** The article's language (a reference's own), as stored: "en", "ru"… */
    language: z.string().max(35).optional(),
    referencesOnly: z.boolean().optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFilters>;

/** UTF-16 offsets of a matched word in the text it came with. */
export const TextSpan = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type TextSpan = z.infer<typeof TextSpan>;

/** A text shown in a result, with the words that matched. */
export const MarkedText = z.object({ text: z.string(), spans: z.array(TextSpan) });
export type MarkedText = z.infer<typeof MarkedText>;

export const ClaimHit = z.object({
  id: Id,
  articleId: Id,
  number: z.number().int(),
  statement: MarkedText,
  quote: MarkedText,
  /** Where else the words were found (rationale, team note, source…), a short excerpt; null when only above. */
  context: z.object({ field: z.string(), excerpt: MarkedText }).nullable(),
  verdict: z.object({ id: Id, label: z.string(), colour: z.string() }).nullable(),
  status: ClaimStatus,
  claimDate: z.string(),
  claimant: z.string(),
});
export type ClaimHit = z.infer<typeof ClaimHit>;

export const ProjectHits = z.object({ projectId: Id, title: z.string(), claims: z.array(ClaimHit) });
export type ProjectHits = z.infer<typeof ProjectHits>;

export const ReferenceHit = z.object({
  id: z.string(),
  collectionId: z.string(),
  claimText: MarkedText,
  title: z.string(),
  claimant: z.string(),
  publisher: z.string(),
  rating: z.string(),
  url: z.string(),
  claimDate: z.string(),
  reviewDate: z.string(),
});
export type ReferenceHit = z.infer<typeof ReferenceHit>;

export const SearchResult = z.object({
  /** The query as searched (cut to its limit), and its terms, so the caller can say what was looked for. */
  terms: z.array(z.string()),
  projects: z.array(ProjectHits),
  references: z.array(ReferenceHit),
  /** More matched than `limit`: the best ones are shown. */
  truncated: z.boolean(),
  /**
   * Every word matched so many records that ranking them all would be slow: the newest matches are
   * shown instead of the best, and another word would narrow them.
   */
  newestOnly: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const FACET_TAG_LIMIT = 200;

export const SearchFacets = z.object({
  /** Distinct labels (any case counts as one), by how many claims carry them, then by label. */
  verdicts: z.array(z.object({ label: z.string(), colour: z.string() })),
  /** Language codes as stored ("en", "pt-BR"), sorted. */
  languages: z.array(z.string()),
  /** The FACET_TAG_LIMIT most used tags, most used first. */
  tags: z.array(z.string()).max(FACET_TAG_LIMIT),
});
export type SearchFacets = z.infer<typeof SearchFacets>;

export const searchContract = {
  /**
   * Every term must match (the last one also as a prefix, as the person types); best first (BM25,
   * statement and quote above the rest). Never fails on what is typed: no text, quotes, stars,
   * operators or brackets are just words.
   */
  'search.query': {
    request: z
      .object({
        text: z.string().max(SEARCH_TEXT_LIMIT),
        filters: SearchFilters.optional(),
        limit: z.number().int().min(1).max(SEARCH_RESULT_LIMIT).optional(),
      })
      .strict(),
    response: SearchResult,
  },
  /**
   * What the filters can offer, library-wide: verdict labels of every project's scale (most used
   * first), the languages of articles and reference fact-checks, the most used tags.
   */
  'search.facets': {
    request: z.object({}).strict(),
    response: SearchFacets,
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
