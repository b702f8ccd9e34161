import { z } from 'zod';
import {
  Claim,
  ClaimantType,
  Correction,
  CorrectionKind,
  CorrectionText,
  Id,
  Project,
  ProjectDescription,
  Publication,
  TeamNote,
  TeamNoteText,
} from '../domain';

/** What the claim editor shows beside the claim's fields: the team's thread and the public record. */
export const ClaimRecord = z.object({
  teamNotes: z.array(TeamNote),
  corrections: z.array(Correction),
  /** The newest publication that included the claim, or null when it was never published. */
  lastPublished: z.object({ publicationId: Id, publishedAt: z.string() }).nullable(),
  /** Published, changed since, and no correction or update note after that publication. */
  correctionRequired: z.boolean(),
});
export type ClaimRecord = z.infer<typeof ClaimRecord>;

/** Request/response schemas of the editorial channels, merged into ./contract.ts. */
export const editorialContract = {
  'editorial.claimRecord': { request: z.object({ claimId: Id }).strict(), response: ClaimRecord },
  'editorial.addTeamNote': { request: z.object({ claimId: Id, text: TeamNoteText }).strict(), response: TeamNote },
  /** A correction or update note: published under the claim and in the report's corrections. */
  'editorial.addCorrection': {
    request: z.object({ claimId: Id, kind: CorrectionKind, text: CorrectionText }).strict(),
    response: Correction,
  },
  /** "Keep new quote": the quote a text edit changed is accepted as it now reads. */
  'editorial.keepNewQuote': { request: z.object({ claimId: Id }).strict(), response: Claim },
  /** The claimant type chosen last time for this claimant name ('' when none). */
  'editorial.claimantType': { request: z.object({ name: z.string().max(500) }).strict(), response: ClaimantType },
  'editorial.updateProject': {
    request: z
      .object({ id: Id, description: ProjectDescription.optional(), secondPairOfEyes: z.boolean().optional() })
      .strict(),
    response: Project,
  },
  /**
   * "Mark as published" for report files this session exported (by the ids reports.export answered):
   * allowed only when every claim they include is approved.
   */
  'editorial.markPublished': {
    request: z.object({ projectId: Id, exportIds: z.array(Id).min(1).max(10) }).strict(),
    response: Publication,
  },
  'editorial.publications': { request: z.object({ projectId: Id }).strict(), response: z.array(Publication) },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
