/**
 * The evidence files of an export (format 4): each stored file (main/attachments/store.ts) goes
 * into the zip as `attachments/<sha256>`, read from disk a chunk at a time and handed to fflate's
 * streaming Zip, so a 200 MB video never sits in memory. Files that are compressed already (images,
 * PDFs, video, office documents) are stored as they are; text (plain text, HTML, MHTML, CSV, JSON)
 * is deflated. Each file is hashed as it is read: a file the library holds damaged stops the export
 * (the atomic write then leaves no file), rather than travelling under a checksum it does not have.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ZipDeflate, ZipPassThrough, type Zip } from 'fflate';
import { attachmentPath } from '../attachments/store';
import { AppError } from '../errors';
import type { Task } from '../tasks/tasks';
import { attachmentEntry, PROJECT_FILE_LIMITS, type ProjectFileLimits } from './format';
import { clip, formatBytes } from './messages';
import { COMPRESSION_LEVEL } from './pack';

/** One file to carry: its hash, size, and the name and type of (one of) the rows that name it. */
export interface EvidenceFile {
  sha256: string;
  size: number;
  name: string;
  mediaType: string;
}

/** Bytes read from the store at a time. */
const CHUNK_BYTES = 1024 * 1024;

/** Media types worth deflating: text of every kind (MHTML is text too). */
export function isCompressible(mediaType: string): boolean {
  const type = mediaType.toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'multipart/related' ||
    type === 'message/rfc822' ||
    type === 'application/x-mimearchive' ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'image/svg+xml'
  );
}

/** The distinct files of these rows (several sources may hold the same bytes), in the rows' order. */
export function distinctEvidence(rows: readonly EvidenceFile[]): EvidenceFile[] {
  const seen = new Map<string, EvidenceFile>();
  for (const row of rows) if (!seen.has(row.sha256)) seen.set(row.sha256, row);
  return [...seen.values()];
}

/**
 * Refuses an export past the limits before anything is written: an evidence file over the per-file
 * limit, a file missing from the store, or a project file that would be larger than the app imports.
 */
export function checkEvidenceForExport(
  dataDir: string,
  files: readonly EvidenceFile[],
  projectJsonBytes: number,
  limitsOverride: Partial<ProjectFileLimits> = {},
): void {
  const limits = { ...PROJECT_FILE_LIMITS, ...limitsOverride };
  let total = projectJsonBytes;
  for (const file of files) {
    if (file.size > limits.attachmentBytes)
      throw new AppError(
        'too_large',
        `The evidence file “${clip(file.name)}” is ${formatBytes(file.size)}; a project file can carry evidence files of at most ${formatBytes(limits.attachmentBytes)}. Export with “Leave out evidence files”, or remove it from its source. No file was written.`,
      );
    const stat = fs.statSync(attachmentPath(dataDir, file.sha256), { throwIfNoEntry: false });
    if (!stat || stat.size !== file.size)
      throw new AppError(
        'not_found',
        `The evidence file “${clip(file.name)}” is missing from your library’s attachments folder, so it cannot go into the project file. Export with “Leave out evidence files”, or attach it again. No file was written.`,
      );
    total += file.size;
  }
  if (total > limits.fileBytes)
    throw new AppError(
      'too_large',
      `This project with its evidence files is ${formatBytes(total)}; a project file can be at most ${formatBytes(limits.fileBytes)}. Export with “Leave out evidence files”, or split the project. No file was written.`,
    );
}

/** Adds each file to the zip, streamed from the store and verified against its hash. */
export function addEvidenceEntries(
  zip: Zip,
  dataDir: string,
  files: readonly EvidenceFile[],
  mtime: Date,
  task?: Task,
): void {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (const file of files) {
    const name = attachmentEntry(file.sha256);
    const deflated = isCompressible(file.mediaType);
    const entry = deflated ? new ZipDeflate(name, { level: COMPRESSION_LEVEL }) : new ZipPassThrough(name);
    entry.mtime = mtime;
    zip.add(entry);
    const hash = createHash('sha256');
    const fd = fs.openSync(attachmentPath(dataDir, file.sha256), 'r');
    let total = 0;
    try {
      for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) {
        // Stored entries hand the chunk straight to the (synchronous) write; deflate may keep
        // its input until the next push, so it gets a copy of the reused buffer.
        const view = buffer.subarray(0, read);
        const chunk = deflated ? new Uint8Array(view) : view;
        hash.update(chunk);
        total += read;
        entry.push(chunk, false);
        task?.check();
      }
    } finally {
      fs.closeSync(fd);
    }
    if (total !== file.size || hash.digest('hex') !== file.sha256)
      throw new AppError(
        'internal',
        `The evidence file “${clip(file.name)}” in your library is damaged (its checksum does not match), so the export stopped and no file was written. Export with “Leave out evidence files”, or attach it again.`,
      );
    entry.push(new Uint8Array(0), true);
    task?.step();
  }
}
