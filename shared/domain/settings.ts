import { z } from 'zod';
import { WebUrl } from './article';

/**
 * How dates are shown across the app (renderer/format/dates.ts): the system's own style for its
 * locale, or one fixed style whatever the locale.
 */
export const DATE_FORMATS = ['system', 'day-month-year', 'month-day-year', 'iso'] as const;
export const DateFormat = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof DateFormat>;

/** Library-wide preferences, kept in the same database as the projects. */
export const Settings = z.object({
  authorName: z.string().trim().max(200),
  organisationName: z.string().trim().max(200),
  /** data: URL of a small PNG/JPEG/SVG logo for reports; empty when none. */
  organisationLogo: z
    .string()
    .max(1_000_000, 'The logo is too large (1 MB at most).')
    .refine((value) => value === '' || /^data:image\/(png|jpeg|svg\+xml);base64,/.test(value), {
      message: 'The logo must be a PNG, JPEG or SVG image.',
    }),
  reportBaseUrl: WebUrl,
  dateFormat: DateFormat,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  authorName: '',
  organisationName: '',
  organisationLogo: '',
  reportBaseUrl: '',
  dateFormat: 'system',
};
