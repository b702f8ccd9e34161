import { z } from 'zod';
import { Id, Timestamp } from './ids';
import { LIMITS } from './limits';

/** One message of a claim's "Team notes" thread: for the team only, never in a report. */
export const TeamNoteText = z
  .string()
  .trim()
  .min(1, 'Write something before posting the note.')
  .max(LIMITS.noteChars, `A team note can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`);

export const TeamNote = z.object({
  id: Id,
  projectId: Id,
  claimId: Id,
  author: z.string().max(200),
  text: z.string().max(LIMITS.noteChars),
  createdAt: Timestamp,
});
export type TeamNote = z.infer<typeof TeamNote>;

/** A published claim that changed carries one of these before it can be approved again. */
export const CorrectionKind = z.enum(['correction', 'update']);
export type CorrectionKind = z.infer<typeof CorrectionKind>;
export const CORRECTION_KIND_LABELS: Record<CorrectionKind, string> = { correction: 'Correction', update: 'Update' };

export const CorrectionText = z
  .string()
  .trim()
  .min(1, 'Say what changed and why.')
  .max(LIMITS.noteChars, `A correction note can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`);

export const Correction = z.object({
  id: Id,
  projectId: Id,
  claimId: Id,
  kind: CorrectionKind,
  text: z.string().max(LIMITS.noteChars),
  author: z.string().max(200),
  createdAt: Timestamp,
});
export type Correction = z.infer<typeof Correction>;

/** One claim as a publication put it out. */
export const PublishedClaimRecord = z.object({
  claimId: Id,
  number: z.number().int().min(1),
  verdict: z.string().max(LIMITS.shortTextChars),
  statement: z.string().max(LIMITS.claimChars),
  /** The claim's approval seal when it was published: a later difference means it changed. */
  seal: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PublishedClaimRecord = z.infer<typeof PublishedClaimRecord>;

export const PublishedFile = z.object({
  name: z.string().min(1).max(255),
  format: z.string().max(20),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PublishedFile = z.infer<typeof PublishedFile>;

/** "Mark as published": what went out, when, by whom, byte for byte and claim by claim. */
export const Publication = z.object({
  id: Id,
  projectId: Id,
  publishedAt: Timestamp,
  publishedBy: z.string().max(200),
  formats: z.array(z.string().max(20)).max(10),
  files: z.array(PublishedFile).max(10),
  claims: z.array(PublishedClaimRecord),
});
export type Publication = z.infer<typeof Publication>;
