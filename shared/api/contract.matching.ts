import { z } from 'zod';
import { ClaimStatus, Id } from '../domain';

/** Request/response schemas of "Checked before", merged into ./contract.ts. */

/** Why an earlier check was offered: the words or phrases both share, as the earlier one writes them. */
export const MatchReasons = z.array(z.string().max(200)).max(8);

/** Another claim of the library (any project, never the claim asked about). */
export const EarlierClaim = z.object({
  kind: z.literal('claim'),
  claimId: Id,
  projectId: Id,
  projectTitle: z.string(),
  /** The claim's number in its project ("Claim 7"). */
  number: z.number().int().positive(),
  statement: z.string(),
  /** Null while the claim is not yet rated. */
  verdict: z.object({ label: z.string(), color: z.string() }).nullable(),
  status: ClaimStatus,
  /** When it was approved, else when it last changed (ISO). */
  date: z.string(),
  why: MatchReasons,
  /** Higher is more alike; only for ordering. */
  score: z.number(),
});
export type EarlierClaim = z.infer<typeof EarlierClaim>;

/** A published fact-check imported as a reference (a row of reference_checks). */
export const EarlierReference = z.object({
  kind: z.literal('reference'),
  referenceId: Id,
  collectionName: z.string(),
  claimText: z.string(),
  title: z.string(),
  publisher: z.string(),
  rating: z.string(),
  /** http(s) only, or ''. */
  url: z.string(),
  /** ISO date or ''. */
  reviewDate: z.string(),
  language: z.string(),
  why: MatchReasons,
  score: z.number(),
});
export type EarlierReference = z.infer<typeof EarlierReference>;

export const EarlierCheck = z.discriminatedUnion('kind', [EarlierClaim, EarlierReference]);
export type EarlierCheck = z.infer<typeof EarlierCheck>;

export const matchingContract = {
  /**
   * The five earlier checks most like this claim (its statement and quote), best first: claims of
   * the library and reference fact-checks together. Empty when nothing shares enough with it.
   */
  'matching.checkedBefore': {
    request: z.object({ claimId: Id, limit: z.number().int().min(1).max(20).optional() }).strict(),
    response: z.object({ items: z.array(EarlierCheck) }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
