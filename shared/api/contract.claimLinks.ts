import { z } from 'zod';
import { Claim, Id, Source } from '../domain';

/** Request/response schemas of claim links ("Previously checked"), merged into ./contract.ts. */

export const LinkTargetKind = z.enum(['claim', 'reference']);
export type LinkTargetKind = z.infer<typeof LinkTargetKind>;

/** An earlier check: another claim of the library, or a reference fact-check (reference_checks). */
export const LinkTarget = z.object({ kind: LinkTargetKind, id: Id }).strict();
export type LinkTarget = z.infer<typeof LinkTarget>;

/**
 * "Same claim": the claim and an earlier check, with a snapshot of what a report prints about the
 * earlier one, taken when the link was made (the earlier claim may change or go; the report keeps
 * what the fact-checker saw and approved).
 */
export const ClaimLink = z.object({
  id: Id,
  projectId: Id,
  claimId: Id,
  targetKind: LinkTargetKind,
  targetId: Id,
  /** The other project's title, or the reference's publisher. */
  publisher: z.string(),
  /** YYYY-MM-DD or '': the earlier claim's approval (else last change), or the review date. */
  date: z.string(),
  /** The earlier claim's verdict label, or the reference's rating ('' when none). */
  rating: z.string(),
  /** The reference's http(s) address; '' for a library claim. */
  url: z.string(),
  statement: z.string(),
  linkedBy: z.string(),
  linkedAt: z.string(),
});
export type ClaimLink = z.infer<typeof ClaimLink>;

/** A link another claim made to this one, read from that side: "Linked from Claim 4 of Project X". */
export const LinkedFrom = z.object({
  linkId: Id,
  claimId: Id,
  projectId: Id,
  projectTitle: z.string(),
  number: z.number().int(),
  statement: z.string(),
});
export type LinkedFrom = z.infer<typeof LinkedFrom>;

export const ClaimLinks = z.object({ links: z.array(ClaimLink), linkedFrom: z.array(LinkedFrom) });
export type ClaimLinks = z.infer<typeof ClaimLinks>;

/**
 * What "Use as starting point" did, in one transaction: the claim as it now stands, its fields as
 * they were before (the undo step), the sources it added, and what it left alone and why.
 */
export const StartFromResult = z.object({
  claim: Claim,
  before: z.object({ verdictId: z.union([Id, z.null()]).optional(), rationale: z.string().optional() }),
  sources: z.array(Source),
  notices: z.array(z.string()),
});
export type StartFromResult = z.infer<typeof StartFromResult>;

export const claimLinkContract = {
  /** The claim's links ("Previously checked") and the claims that link to it. */
  'claimLinks.list': { request: z.object({ claimId: Id }).strict(), response: ClaimLinks },
  /** "Same claim": links the claim to an earlier check (published: the approval rule applies). */
  'claimLinks.add': { request: z.object({ claimId: Id, target: LinkTarget }).strict(), response: ClaimLink },
  'claimLinks.remove': { request: z.object({ id: Id }).strict(), response: z.null() },
  /**
   * "Use as starting point": copies the earlier check's verdict (same label only), rationale and
   * sources into the claim; never approves anything.
   */
  'claimLinks.startFrom': { request: z.object({ claimId: Id, target: LinkTarget }).strict(), response: StartFromResult },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
