import path from 'node:path';
import type { Settings } from '../../shared/domain';
import { claimReviewItems, renderModelClaimReviewJsonLd } from '../../shared/report/claimReview';
import { renderModelCsv } from '../../shared/report/csv';
import { renderModelHtml } from '../../shared/report/html';
import { renderModelMarkdown } from '../../shared/report/markdown';
import { buildReportModel, type ReportData } from '../../shared/report/model';
import {
  REPORT_FORMAT_INFO,
  resolveReportOptions,
  type ReportFormat,
  type ReportOptionsInput,
} from '../../shared/report/options';
import { loadProjectData } from '../api/projectQueries';
import { safeFileStem } from '../files/fileNames';
import { writeFileAtomic } from '../files/atomicWrite';
import { listProjectClaimLinks } from '../repositories/claimLinks';
import type { RepoContext } from '../repositories/context';
import { readSettings } from '../repositories/settings';
import type { PdfPrinter } from '../services/pdfPrinter';
import type { Task } from '../tasks/tasks';

export interface RenderedReport {
  bytes: Buffer;
  /** The report title, for the PDF footer and messages. */
  title: string;
  claimCount: number;
  /**
   * The claims the file contains, in report order: the selection's claims, except in ClaimReview
   * JSON-LD, which publishes only the approved claims that have a verdict.
   */
  claimIds: string[];
}

/** What a report of the project prints: its data and its claims' links to earlier checks. */
export function loadReportData(ctx: RepoContext, projectId: string): ReportData {
  return ctx.tx(() => ({ ...loadProjectData(ctx, projectId), previouslyChecked: listProjectClaimLinks(ctx, projectId) }));
}

/** One report in one format, as the bytes of the file. Every format comes from the same model. */
export async function renderReport(
  data: ReportData,
  settings: Settings,
  optionsInput: ReportOptionsInput | undefined,
  format: ReportFormat,
  printer: PdfPrinter,
  now: Date = new Date(),
  /** Progress and cancel (main/tasks): laying out, then printing (PDF); checked after printing. */
  task?: Task,
): Promise<RenderedReport> {
  task?.stage('Laying out the report');
  const options = resolveReportOptions(optionsInput);
  const model = buildReportModel(data, settings, options, now);
  const text = (value: string) => Buffer.from(value, 'utf8');
  let bytes: Buffer;
  switch (format) {
    case 'html':
      bytes = text(renderModelHtml(model));
      break;
    case 'pdf': {
      const html = renderModelHtml(model);
      task?.stage('Printing the PDF');
      bytes = await printer.print(html, {
        pageSize: options.pageSize,
        footerTitle: model.title,
      });
      task?.check();
      break;
    }
    case 'md':
      bytes = text(renderModelMarkdown(model));
      break;
    case 'csv':
      bytes = text(renderModelCsv(model));
      break;
    case 'jsonld':
      bytes = text(renderModelClaimReviewJsonLd(model));
      break;
  }
  const included = format === 'jsonld' ? claimReviewItems(model) : model.claims;
  const claimIds = included.map((item) => item.claim.id);
  return { bytes, title: model.title, claimCount: claimIds.length, claimIds };
}

/** `<project title> report.<ext>`, safe as a file name on every system. */
export function reportFileName(projectTitle: string, format: ReportFormat): string {
  return `${safeFileStem(projectTitle, 'Fact-check')} report.${REPORT_FORMAT_INFO[format].extension}`;
}

export interface ExportToFileInput {
  ctx: RepoContext;
  printer: PdfPrinter;
  projectId: string;
  options?: ReportOptionsInput | undefined;
  format: ReportFormat;
  filePath: string;
  now?: Date;
}

/** Loads the project, renders it in the format and writes it atomically; answers the path written. */
export async function exportReportToFile(
  input: ExportToFileInput,
): Promise<{ path: string; claimCount: number }> {
  const data = loadReportData(input.ctx, input.projectId);
  const settings = readSettings(input.ctx);
  const rendered = await renderReport(
    data,
    settings,
    input.options,
    input.format,
    input.printer,
    input.now ?? new Date(),
  );
  const filePath = path.resolve(input.filePath);
  writeFileAtomic(filePath, rendered.bytes, { what: 'report' });
  return { path: filePath, claimCount: rendered.claimCount };
}
