import { z } from 'zod';
import { Id, Timestamp } from './ids';
import { LIMITS } from './limits';

export const ProjectTitle = z
  .string()
  .trim()
  .min(1, 'Give the project a title.')
  .max(LIMITS.titleChars, `A project title can be at most ${LIMITS.titleChars} characters.`);

export const Project = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
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
