import { z } from 'zod';
import { Id, Timestamp } from './ids';
import { LIMITS } from './limits';

export const ProjectDescription = z
  .string()
  .max(LIMITS.noteChars, `A project description can be at most ${LIMITS.noteChars} characters.`);

export const ProjectTitle = z
  .string()
  .trim()
  .min(1, 'Give the project a title.')
  .max(LIMITS.titleChars, `A project title can be at most ${LIMITS.titleChars} characters.`);

export const Project = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  /** One past the highest claim number ever given in this project: deleted numbers stay retired. */
  nextClaimNumber: z.number().int().min(1),
  /** "Second pair of eyes": the approver must not be the last person who changed the verdict. */
  secondPairOfEyes: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Project = z.infer<typeof Project>;

/** What the project list shows: the project plus counts, so the list needs one query. */
export const ProjectSummary = Project.extend({
  articleCount: z.number().int(),
  claimCount: z.number().int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;
