/** Export: the project as a .factcheck file, written atomically (temp file beside it, then rename). */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, notFound, toAppError } from '../errors';
import type { RepoContext } from '../repositories/context';
import { FILE_EXTENSION, PROJECT_FILE_LIMITS, type Manifest, type ProjectPayload } from './format';
import { formatBytes, formatCount } from './messages';
import { packEntries } from './pack';
import { serializeProject } from './projectStore';

export interface ExportOptions {
  appVersion: string;
  /** Defaults to now. */
  exportedAt?: string;
  /** Defaults to the author name in Settings. */
  exportedBy?: string;
}

export interface ProjectFileCounts {
  verdicts: number;
  articles: number;
  claims: number;
  sources: number;
  changes: number;
}

export interface BuiltProjectFile {
  bytes: Uint8Array;
  manifest: Manifest;
  project: ProjectPayload['project'];
  counts: ProjectFileCounts;
  /** "<project title>.factcheck", safe on every file system. */
  fileName: string;
}

export function buildProjectFile(
  ctx: RepoContext,
  projectId: string,
  options: ExportOptions,
): BuiltProjectFile {
  const serialized = serializeProject(ctx, projectId);
  if (!serialized) throw notFound('project');
  const { records, json } = serialized;
  const counts: ProjectFileCounts = {
    verdicts: records.verdicts.length,
    articles: records.articles.length,
    claims: records.claims.length,
    sources: records.sources.length,
    changes: serialized.changeCount,
  };
  checkExportLimits(counts);
  if (json.length > PROJECT_FILE_LIMITS.projectJsonBytes) {
    throw new AppError(
      'too_large',
      `This project is too large for a project file (${formatBytes(json.length)} of data); the app could not import it again. Split it into smaller projects.`,
    );
  }
  const { bytes, manifest } = packEntries(json, {
    appVersion: options.appVersion,
    exportedAt: options.exportedAt ?? ctx.now(),
    exportedBy: options.exportedBy ?? ctx.author(),
  });
  return {
    bytes,
    manifest,
    project: records.project,
    counts,
    fileName: projectFileName(records.project.title),
  };
}

/** Refuses to write a file the app would refuse to read. */
function checkExportLimits(counts: ProjectFileCounts): void {
  const over = (
    [
      ['verdicts', 'verdicts'],
      ['articles', 'articles'],
      ['claims', 'claims'],
      ['sources', 'sources'],
      ['changes', 'history entries'],
    ] as const
  ).find(([key]) => counts[key] > PROJECT_FILE_LIMITS[key]);
  if (over) {
    const [key, words] = over;
    throw new AppError(
      'too_large',
      `This project has ${formatCount(counts[key])} ${words}; a project file can hold at most ${formatCount(PROJECT_FILE_LIMITS[key])}. Split it into smaller projects to share it.`,
    );
  }
}

export interface ExportResult {
  path: string;
  bytes: number;
  project: ProjectPayload['project'];
  counts: ProjectFileCounts;
}

export function exportProjectToFile(
  ctx: RepoContext,
  projectId: string,
  outPath: string,
  options: ExportOptions,
): ExportResult {
  const built = buildProjectFile(ctx, projectId, options);
  writeFileAtomic(outPath, built.bytes);
  return { path: outPath, bytes: built.bytes.length, project: built.project, counts: built.counts };
}

/** A file name from a project title: no path separators or characters Windows refuses, not too long. */
export function projectFileName(title: string): string {
  const cleaned = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  const base = Array.from(cleaned).slice(0, 120).join('').trim() || 'Project';
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `${base} project` : base;
  return `${reserved}${FILE_EXTENSION}`;
}

/**
 * Writes the file so that it is either complete or absent: a temp file in the same folder (so the
 * rename stays on one disk), flushed to disk, then renamed over the target. A crash or a full disk
 * leaves the old file, never half of a new one.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir))
    throw new AppError(
      'invalid_request',
      `The folder ${dir} does not exist. Choose another place to save the file.`,
    );
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o644);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    const appError = toAppError(error);
    if (appError.code === 'storage_read_only')
      throw new AppError(
        'storage_read_only',
        `The file could not be saved in ${dir}: the folder is read-only. Choose another place.`,
      );
    if (appError.code === 'storage_full')
      throw new AppError(
        'storage_full',
        `The disk is full, so the project file was not saved. Free some space and try again.`,
      );
    if (appError.code === 'internal')
      throw new AppError(
        'internal',
        `The project file could not be saved as ${target}. Check the name and the folder, and try again.`,
      );
    throw appError;
  }
  try {
    // Make the rename itself durable where the platform allows it (not on Windows).
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Best effort: the file is complete either way.
  }
}
