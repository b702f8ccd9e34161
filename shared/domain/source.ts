import { z } from 'zod';
import { CalendarDate, Id, Timestamp } from './ids';
import { WebUrl } from './article';
import { LIMITS } from './limits';

export const SourceFields = z.object({
  url: WebUrl,
  title: z.string().max(LIMITS.titleChars),
  publisher: z.string().max(LIMITS.shortTextChars),
  publishedDate: CalendarDate,
  accessedDate: CalendarDate,
  archivedUrl: WebUrl,
  excerpt: z.string().max(LIMITS.noteChars),
  note: z.string().max(LIMITS.noteChars),
});
export type SourceFields = z.infer<typeof SourceFields>;

export const Source = SourceFields.extend({
  id: Id,
  claimId: Id,
  /** Order within the claim; sources are numbered [1], [2] … in reports. */
  position: z.number().int().min(0),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Source = z.infer<typeof Source>;
