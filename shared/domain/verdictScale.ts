import { z } from 'zod';
import { Id, Timestamp } from './ids';

export const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1a7f37.');

export const VerdictFields = z.object({
  label: z.string().trim().min(1, 'A verdict needs a label.').max(100),
  description: z.string().max(2_000),
  colour: HexColour,
  /** Numeric rating for schema.org ClaimReview; null when the scale is conclusion-only. */
  ratingValue: z.union([z.number(), z.null()]),
});
export type VerdictFields = z.infer<typeof VerdictFields>;

export const Verdict = VerdictFields.extend({
  id: Id,
  projectId: Id,
  /** 0 = first on the scale (shortcut 1). */
  position: z.number().int().min(0),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Verdict = z.infer<typeof Verdict>;

export const ScalePresetId = z.enum(['generic', 'politifact', 'afp', 'conclusion']);
export type ScalePresetId = z.infer<typeof ScalePresetId>;
