import { z } from 'zod';
import { ReportLanguage } from './i18n/languages';

/** The files a report can be written as. */
export const REPORT_FORMATS = ['pdf', 'html', 'md', 'csv', 'jsonld'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const REPORT_FORMAT_INFO: Record<
  ReportFormat,
  { name: string; label: string; extension: string; mime: string }
> = {
  pdf: { name: 'PDF', label: 'PDF for editors', extension: 'pdf', mime: 'application/pdf' },
  html: { name: 'HTML', label: 'Web page (HTML)', extension: 'html', mime: 'text/html' },
  md: { name: 'Markdown', label: 'Markdown', extension: 'md', mime: 'text/markdown' },
  csv: { name: 'CSV', label: 'Spreadsheet (CSV)', extension: 'csv', mime: 'text/csv' },
  jsonld: { name: 'JSON-LD', label: 'ClaimReview JSON-LD', extension: 'jsonld', mime: 'application/ld+json' },
};

export const PageSize = z.enum(['A4', 'Letter']);
export type PageSize = z.infer<typeof PageSize>;

/**
 * Which claims go in the report. `verdicts` lists verdict ids; `null` in the list stands for the
 * claims that have no verdict yet ("Not yet rated").
 */
export const ClaimSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('approved') }).strict(),
  z
    .object({
      kind: z.literal('verdicts'),
      verdictIds: z.array(z.union([z.uuid(), z.null()])).max(200),
    })
    .strict(),
]);
export type ClaimSelection = z.infer<typeof ClaimSelection>;

/** What the "Export report" dialog chooses. Every field has a default, so `{}` is a valid request. */
export const ReportOptions = z
  .object({
    /** The formats the dialog exports in one go; the renderers themselves ignore it. */
    formats: z.array(ReportFormat).min(1).max(REPORT_FORMATS.length).default(['pdf']),
    claims: ClaimSelection.default({ kind: 'all' }),
    pageSize: PageSize.default('A4'),
    /** Replaces the project title as the report title; empty = the project title. */
    title: z.string().trim().max(500).default(''),
    /** Replaces the author name from Settings; empty = Settings' author name. */
    authors: z.string().trim().max(500).default(''),
    includeMethodology: z.boolean().default(true),
    /** Replaces the standard methodology note; empty = the standard note. */
    methodology: z.string().max(20_000).default(''),
    includeScale: z.boolean().default(true),
    /**
     * The HTML export embeds page captures' screenshots under their sources (capped in size);
     * absent = no screenshots (optional, so saved options from before stay as they were).
     */
    includeScreenshots: z.boolean().optional(),
    /**
     * The language every label, date and count of the HTML/PDF/Markdown report is written in;
     * absent = the language of most of the report's articles (English when none has a catalogue).
     * CSV and ClaimReview JSON-LD are data formats and stay English.
     */
    language: ReportLanguage.optional(),
  })
  .strict();
/** Fully resolved options (every default applied). */
export type ReportOptions = z.output<typeof ReportOptions>;
/** What callers may pass: any subset. */
export type ReportOptionsInput = z.input<typeof ReportOptions>;

export const DEFAULT_REPORT_OPTIONS: ReportOptions = ReportOptions.parse({});

/** Applies the defaults; throws a ZodError on invalid input. */
export function resolveReportOptions(input: ReportOptionsInput | undefined): ReportOptions {
  return ReportOptions.parse(input ?? {});
}
