import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ProjectData, Settings } from '../../shared/domain';
import { renderModelClaimReviewJsonLd } from '../../shared/report/claimReview';
import { renderModelCsv } from '../../shared/report/csv';
import { renderModelHtml } from '../../shared/report/html';
import { renderModelMarkdown } from '../../shared/report/markdown';
import { buildReportModel } from '../../shared/report/model';
import {
  REPORT_FORMAT_INFO,
  resolveReportOptions,
  type ReportFormat,
  type ReportOptionsInput,
} from '../../shared/report/options';
import { loadProjectData } from '../api/projectQueries';
import { AppError } from '../errors';
import type { RepoContext } from '../repositories/context';
import { readSettings } from '../repositories/settings';
import type { PdfPrinter } from '../services/pdfPrinter';

export interface RenderedReport {
  bytes: Buffer;
  /** The report title, for the PDF footer and messages. */
  title: string;
  claimCount: number;
}

/** One report in one format, as the bytes of the file. Every format comes from the same model. */
export async function renderReport(
  data: ProjectData,
  settings: Settings,
  optionsInput: ReportOptionsInput | undefined,
  format: ReportFormat,
  printer: PdfPrinter,
  now: Date = new Date(),
): Promise<RenderedReport> {
  const options = resolveReportOptions(optionsInput);
  const model = buildReportModel(data, settings, options, now);
  const text = (value: string) => Buffer.from(value, 'utf8');
  let bytes: Buffer;
  switch (format) {
    case 'html':
      bytes = text(renderModelHtml(model));
      break;
    case 'pdf':
      bytes = await printer.print(renderModelHtml(model), {
        pageSize: options.pageSize,
        footerTitle: model.title,
      });
      break;
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
  return { bytes, title: model.title, claimCount: model.claims.length };
}

/** Adds the format's extension when the chosen name has none (some save dialogs do not). */
export function withExtension(filePath: string, format: ReportFormat): string {
  return path.extname(filePath) === '' ? `${filePath}.${REPORT_FORMAT_INFO[format].extension}` : filePath;
}

/** The few file-system calls an atomic write makes, so tests can make one of them fail. */
export interface AtomicWriteFs {
  writeFile(file: string, data: Buffer, options: { flag: string; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: boolean }): Promise<void>;
}

const nodeFs: AtomicWriteFs = {
  writeFile: (file, data, options) => fs.writeFile(file, data, options),
  rename: (from, to) => fs.rename(from, to),
  rm: (file, options) => fs.rm(file, options),
};

/**
 * Writes the whole file or nothing: the bytes go to a temporary file beside the target, which is
 * renamed over it only when complete. A full disk or a read-only folder leaves the target as it
 * was and no temporary file behind, and answers with a message a person can act on.
 */
export async function writeFileAtomic(
  target: string,
  data: Buffer,
  io: AtomicWriteFs = nodeFs,
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await io.writeFile(temp, data, { flag: 'wx', mode: 0o644 });
    await io.rename(temp, target);
  } catch (error) {
    await io.rm(temp, { force: true }).catch(() => undefined);
    throw describeWriteError(error, target);
  }
}

export function describeWriteError(error: unknown, target: string): AppError {
  if (error instanceof AppError) return error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  const dir = path.dirname(target);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'storage_full',
        `The disk is full, so the report was not saved to ${dir}. Free some space or choose another folder; nothing was written.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'storage_read_only',
        `The report cannot be saved in ${dir}: you do not have permission to write there (or the file is open in another program). Choose another folder; nothing was written.`,
      );
    case 'EROFS':
      return new AppError(
        'storage_read_only',
        `The report cannot be saved in ${dir}: that drive is read-only. Choose another folder; nothing was written.`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError(
        'invalid_request',
        `The folder ${dir} does not exist. Choose another place to save the report.`,
      );
    case 'EISDIR':
      return new AppError('invalid_request', `${target} is a folder. Choose a file name for the report.`);
    case 'ENAMETOOLONG':
      return new AppError('invalid_request', 'That file name is too long. Choose a shorter one.');
    default:
      return new AppError(
        'internal',
        `The report could not be saved to ${target}${code ? ` (${code})` : ''}. Nothing was written; try another folder.`,
      );
  }
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
  const data = loadProjectData(input.ctx, input.projectId);
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
  await writeFileAtomic(filePath, rendered.bytes);
  return { path: filePath, claimCount: rendered.claimCount };
}
