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

/** How ClaimReview types the claimant (schema.org Person or Organization); '' when not chosen. */
export const ClaimantType = z.enum(['', 'Person', 'Organization'], {
  message: 'A claimant type is “Person” or “Organization”.',
});
export type ClaimantType = z.infer<typeof ClaimantType>;

/**
 * Who approved the claim, when, and the seal: the SHA-256 of what a report publishes for the claim
 * at that moment (shared/editorial/approval.ts). All empty when the claim is not approved.
 */
export const Approval = z.object({
  by: z.string().max(200),
  at: z.union([z.literal(''), z.iso.datetime({ offset: true })]),
  seal: z.string().regex(/^([0-9a-f]{64})?$/, 'Not a valid approval seal.'),
});
export type Approval = z.infer<typeof Approval>;
export const NO_APPROVAL: Approval = { by: '', at: '', seal: '' };

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
  claimantType: ClaimantType,
  /** The team member the claim is assigned to (a name, as in Settings); '' when nobody. */
  assignee: z.string().trim().max(200),
});
export type ClaimFields = z.infer<typeof ClaimFields>;

export const Claim = ClaimFields.extend({
  id: Id,
  projectId: Id,
  articleId: Id,
  /** "Claim 7": given when the claim is marked, unique in its project, never reused. */
  number: z.number().int().min(1),
  anchor: ClaimAnchor,
  anchorState: AnchorState,
  /** The quote before a text edit changed characters inside it; '' when there is nothing to review. */
  quoteChangedFrom: z.string().max(LIMITS.claimChars),
  approval: Approval,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Claim = z.infer<typeof Claim>;
