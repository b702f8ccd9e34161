/**
 * Export: the project as a .factcheck file, written atomically (main/files/atomicWrite.ts), or
 * built in memory (buildProjectFile: tests, the golden files).
 */
import { listProjectAttachments } from '../repositories/attachments';
import { markChangesExported } from '../repositories/changes';
import { AppError, notFound } from '../errors';
import { writeFileAtomicStreaming } from '../files/atomicWrite';
import { safeFileStem } from '../files/fileNames';
import type { RepoContext } from '../repositories/context';
import type { Task } from '../tasks/tasks';
import fs from 'node:fs';
import path from 'node:path';
import { attachmentPath } from '../attachments/store';
import { checkEvidenceForExport, distinctEvidence } from './exportEvidence';
import { attachmentEntry, FILE_EXTENSION, PROJECT_FILE_LIMITS, type Manifest, type ProjectFileLimits, type ProjectPayload } from './format';
import { formatBytes, formatCount } from './messages';
import { packEntries } from './pack';
import { writeProjectJson } from './exportJson';
import { ProjectJsonDeflater, writeProjectZip } from './exportZip';
import { serializeProject } from './projectStore';

export interface ExportOptions {
  appVersion: string;
  /** Defaults to now. */
  exportedAt?: string;
  /** Defaults to the author name in Settings. */
  exportedBy?: string;
  /**
   * "Leave out team notes and assignees": the file holds no team notes and no assignee, not even in
   * the history, e.g. for a file that leaves the newsroom.
   */
  withoutTeamNotes?: boolean;
  /**
   * "Leave out evidence files": neither the evidence rows nor their files go into the file. An
   * approved claim with evidence then arrives "In review" (its seal covers its evidence).
   */
  withoutEvidence?: boolean;
  /** Progress and cancel (main/tasks): a stage for reading, compressing and writing. */
  task?: Task;
  /** The library folder holding attachments/ (default: beside the database file). */
  dataDir?: string;
  /** Lowered limits, for tests of the refusals (never raised past the import's). */
  limits?: Partial<ProjectFileLimits>;
}

export interface ProjectFileCounts {
  verdicts: number;
  articles: number;
  claims: number;
  sources: number;
  teamNotes: number;
  corrections: number;
  publications: number;
  claimLinks: number;
  attachments: number;
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
  options.task?.stage('Reading the project from your library');
  // Read and mark in one transaction: a change that goes into the file is never folded into again.
  const serialized = ctx.db.readonly
    ? serializeProject(ctx, projectId, readOptionsOf(options))
    : ctx.tx(() => {
        const read = serializeProject(ctx, projectId, readOptionsOf(options));
        if (read) markChangesExported(ctx, projectId);
        return read;
      });
  if (!serialized) throw notFound('project');
  const { records, json } = serialized;
  const counts: ProjectFileCounts = {
    verdicts: records.verdicts.length,
    articles: records.articles.length,
    claims: records.claims.length,
    sources: records.sources.length,
    teamNotes: records.teamNotes.length,
    corrections: records.corrections.length,
    publications: records.publications.length,
    claimLinks: records.claimLinks.length,
    attachments: records.attachments.length,
    changes: serialized.changeCount,
  };
  checkExportLimits(counts);
  if (json.length > PROJECT_FILE_LIMITS.projectJsonBytes) throw tooLarge(json.length);
  // In memory, so meant for small projects (tests, the golden files): the evidence files are read whole.
  const files = distinctEvidence(records.attachments);
  const dataDir = options.dataDir ?? path.dirname(ctx.db.name);
  checkEvidenceForExport(dataDir, files, json.length, options.limits);
  const extra: Record<string, Uint8Array> = {};
  for (const file of files) extra[attachmentEntry(file.sha256)] = fs.readFileSync(attachmentPath(dataDir, file.sha256));
  options.task?.stage('Compressing the project file');
  const { bytes, manifest } = packEntries(
    json,
    {
      appVersion: options.appVersion,
      exportedAt: options.exportedAt ?? ctx.now(),
      exportedBy: options.exportedBy ?? ctx.author(),
    },
    extra,
  );
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
      ['teamNotes', 'team notes'],
      ['corrections', 'correction notes'],
      ['publications', 'publications'],
      ['claimLinks', 'claim links'],
      ['attachments', 'evidence files'],
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

/**
 * The export to disk, without the whole project in memory: project.json is read a record at a time
 * and deflated as it comes (./exportJson.ts, ./exportZip.ts), in the transaction that marks the
 * changes exported; only its deflated bytes wait for the manifest, which needs its checksum. The
 * zip then goes straight to the temporary file of an atomic write. The file holds what
 * buildProjectFile's does (the same entries, the same project.json).
 */
export function exportProjectToFile(
  ctx: RepoContext,
  projectId: string,
  outPath: string,
  options: ExportOptions & { segmentBytes?: number },
): ExportResult {
  const task = options.task;
  task?.stage('Reading the project from your library');
  const read = () => {
    const deflater = new ProjectJsonDeflater(options.segmentBytes, refuseTooLarge);
    const written = writeProjectJson(
      ctx,
      projectId,
      readOptionsOf(options),
      (piece) => deflater.write(piece),
      () => task?.step(),
    );
    if (!written) throw notFound('project');
    checkExportLimits(written.counts);
    // The rows' files, listed in the same snapshot as the rows.
    const files = options.withoutEvidence
      ? []
      : distinctEvidence(listProjectAttachments(ctx, projectId));
    return { ...written, files, json: deflater.finish() };
  };
  // Read and mark in one transaction: a change that goes into the file is never folded into again.
  const { project, counts, json, files } = ctx.db.readonly
    ? read()
    : ctx.tx(() => {
        const result = read();
        markChangesExported(ctx, projectId);
        return result;
      });
  const dataDir = options.dataDir ?? path.dirname(ctx.db.name);
  // Past a limit, refused here: nothing has been written yet.
  checkEvidenceForExport(dataDir, files, json.chunks.reduce((sum, chunk) => sum + chunk.length, 0), options.limits);
  task?.stage('Writing the file', files.length);
  let bytes = 0;
  writeFileAtomicStreaming(
    outPath,
    (write) => {
      writeProjectZip(
        json,
        { appVersion: options.appVersion, exportedAt: options.exportedAt ?? ctx.now(), exportedBy: options.exportedBy ?? ctx.author() },
        (chunk) => {
          bytes += chunk.length;
          write(chunk);
        },
        files.length > 0 ? { dataDir, files, ...(task ? { task } : {}) } : undefined,
      );
    },
    // The last point a cancel stops the export: after the rename the file is there, whole.
    { what: 'project file', beforeRename: () => task?.check() },
  );
  task?.finish();
  return { path: outPath, bytes, project, counts };
}

const readOptionsOf = (options: ExportOptions) => ({
  withoutTeamNotes: options.withoutTeamNotes ?? false,
  withoutEvidence: options.withoutEvidence ?? false,
});

/** Stops an export whose project.json the app could not import again, as soon as it is too large. */
function refuseTooLarge(bytes: number): void {
  if (bytes > PROJECT_FILE_LIMITS.projectJsonBytes) throw tooLarge(bytes);
}

const tooLarge = (bytes: number) =>
  new AppError(
    'too_large',
    `This project is too large for a project file (${formatBytes(bytes)} of data); the app could not import it again. Split it into smaller projects.`,
  );

/** "<project title>.factcheck", safe on every file system ("Project.factcheck" when nothing is left). */
export function projectFileName(title: string): string {
  return `${safeFileStem(title, 'Project')}${FILE_EXTENSION}`;
}
