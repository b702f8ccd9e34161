import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './ids';
import { LIMITS } from './limits';

/** Workflow status; separate from the verdict (an approved claim can be rated anything). */
export const ClaimStatus = z.enum(['unchecked', 'researching', 'in_review', 'approved']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  unchecked: 'Unchecked',
  researching: 'Researching',
  in_review: 'In review',
  approved: 'Approved',
};

/** W3C Web Annotation style: position selector + quote selector. */
export const ClaimAnchor = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  exact: z.string().max(LIMITS.claimChars, `A claim can be at most ${LIMITS.claimChars} characters.`),
  prefix: z.string().max(200),
  suffix: z.string().max(200),
});
export type ClaimAnchor = z.infer<typeof ClaimAnchor>;

/** 'orphaned' = the quote could not be re-found after the article text changed. */
export const AnchorState = z.enum(['anchored', 'orphaned']);
export type AnchorState = z.infer<typeof AnchorState>;

export const Tag = z.string().trim().min(1).max(100);

/** The fields a user edits; each may be saved on its own. */
export const ClaimFields = z.object({
  statement: z.string().max(LIMITS.claimChars, `A claim can be at most ${LIMITS.claimChars} characters.`),
  claimant: z.string().max(LIMITS.shortTextChars),
  claimDate: CalendarDate,
  verdictId: z.union([z.uuid(), z.null()]),
  rationale: z
    .string()
    .max(LIMITS.rationaleChars, `A rationale can be at most ${LIMITS.rationaleChars} characters.`),
  status: ClaimStatus,
  tags: z.array(Tag).max(LIMITS.tagCount),
});
export type ClaimFields = z.infer<typeof ClaimFields>;

export const Claim = ClaimFields.extend({
  id: Id,
  projectId: Id,
  articleId: Id,
  anchor: ClaimAnchor,
  anchorState: AnchorState,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Claim = z.infer<typeof Claim>;
