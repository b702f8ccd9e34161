import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../shared/domain';
import { claimReviewItems, renderModelClaimReviewJsonLd } from '../../shared/report/claimReview';
import { renderModelCsv } from '../../shared/report/csv';
import { renderModelHtml } from '../../shared/report/html';
import { renderModelMarkdown } from '../../shared/report/markdown';
import { buildReportModel, type ReportData, type ReportEvidenceInput } from '../../shared/report/model';
import {
  REPORT_FORMAT_INFO,
  resolveReportOptions,
  type ReportFormat,
  type ReportOptionsInput,
} from '../../shared/report/options';
import { loadProjectData } from '../api/projectQueries';
import { safeFileStem } from '../files/fileNames';
import { writeFileAtomic } from '../files/atomicWrite';
import { attachmentPath } from '../attachments/store';
import { listProjectAttachments } from '../repositories/attachments';
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

/**
 * What a report of the project prints: its data, its claims' links to earlier checks and its
 * sources' evidence. With `screenshotsFrom` (the library folder; the option includeScreenshots),
 * capture screenshots are read as data: URIs for the HTML export, within SCREENSHOT_LIMITS.
 */
export function loadReportData(ctx: RepoContext, projectId: string, screenshotsFrom?: string): ReportData {
  return ctx.tx(() => {
    const evidence: ReportEvidenceInput[] = listProjectAttachments(ctx, projectId);
    if (screenshotsFrom !== undefined) embedScreenshots(evidence, screenshotsFrom);
    return { ...loadProjectData(ctx, projectId), previouslyChecked: listProjectClaimLinks(ctx, projectId), evidence };
  });
}

/** A report embeds screenshots up to 5 MB each and 40 MB in all; past that they are left out. */
export const SCREENSHOT_LIMITS = { eachBytes: 5 * 1024 * 1024, totalBytes: 40 * 1024 * 1024 };

function embedScreenshots(evidence: ReportEvidenceInput[], dataDir: string): void {
  let total = 0;
  for (const [index, item] of evidence.entries()) {
    if (item.kind !== 'capture-screenshot' || !/^image\/(png|jpeg|webp)$/.test(item.mediaType)) continue;
    const file = attachmentPath(dataDir, item.sha256);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0 || size > SCREENSHOT_LIMITS.eachBytes || total + size > SCREENSHOT_LIMITS.totalBytes) continue;
    total += size;
    evidence[index] = { ...item, screenshotDataUri: `data:${item.mediaType};base64,${fs.readFileSync(file).toString('base64')}` };
  }
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
        language: model.language,
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
