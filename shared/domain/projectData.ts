import { z } from 'zod';
import { Article } from './article';
import { Claim } from './claim';
import { Correction, Publication, TeamNote } from './editorial';
import { Project } from './project';
import { Source } from './source';
import { Verdict } from './verdictScale';

/** Everything one project holds: what the workbench loads, reports render and project files carry. */
export const ProjectData = z.object({
  project: Project,
  verdicts: z.array(Verdict),
  articles: z.array(Article),
  claims: z.array(Claim),
  sources: z.array(Source),
  teamNotes: z.array(TeamNote),
  corrections: z.array(Correction),
  publications: z.array(Publication),
});
export type ProjectData = z.infer<typeof ProjectData>;

export const StatusCounts = z.object({
  unchecked: z.number().int(),
  researching: z.number().int(),
  in_review: z.number().int(),
  approved: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;
