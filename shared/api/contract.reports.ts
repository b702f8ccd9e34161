import { z } from 'zod';
import { Id } from '../domain';
import { ReportLanguage } from '../report/i18n/languages';
import { ReportFormat, ReportOptions } from '../report/options';
import { TaskId } from './contract.tasks';

/**
 * Request/response schemas of the report channels, merged into ./contract.ts.
 * - reports.preview: the report as a complete HTML document (inline CSS, no script, nothing remote),
 *   for the "Report preview" pane; show it in a sandboxed iframe (srcdoc). `language` is the
 *   language it is written in: options.language, else the default (most of its articles').
 * - reports.export: asks where to save (default name "<project title> report.<ext>"), writes the file
 *   atomically and answers its path, or null when the person cancelled the save dialog.
 */
export const reportContract = {
  'reports.preview': {
    request: z.object({ projectId: Id, options: ReportOptions.optional() }).strict(),
    response: z.object({ html: z.string(), language: ReportLanguage }),
  },
  'reports.export': {
    request: z
      .object({ projectId: Id, options: ReportOptions.optional(), format: ReportFormat, taskId: TaskId.optional() })
      .strict(),
    // exportId: for "Mark as published" (editorial.markPublished) in this session.
    response: z.union([z.object({ path: z.string(), exportId: Id }), z.null()]),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
