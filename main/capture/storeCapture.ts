/**
 * Keeps a page capture as evidence: each file goes into the content-addressed store with its
 * SHA-256 (streamed, never whole in memory) and gets a row of kind capture-* with the final URL,
 * the HTTP status and the capture time. The capture's temp folder is removed whatever happens.
 */
import fs from 'node:fs/promises';
import type { Attachment } from '../../shared/api/contract.attachments';
import { putFileStreaming, type StoredFile } from '../attachments/store';
import * as attachments from '../repositories/attachments';
import type { RepoContext } from '../repositories/context';
import type { CapturedFile, PageCaptureResult } from '../services/pageCapture';

/** "capture-2026-12-01-0750" + "-page.pdf": several captures of one page stay told apart. */
export function captureFileName(capturedAt: string, name: string): string {
  const stamp = capturedAt.slice(0, 16).replace('T', '-').replace(':', '');
  return `capture-${stamp}-${name}`;
}

export async function storeCapture(
  ctx: RepoContext,
  dataDir: string,
  sourceId: string,
  result: PageCaptureResult,
): Promise<Attachment[]> {
  try {
    const stored: { file: CapturedFile; bytes: StoredFile }[] = [];
    for (const file of result.files) {
      stored.push({ file, bytes: await putFileStreaming(dataDir, file.path, { label: `The captured ${file.name}` }) });
    }
    // The rows together: a capture is listed whole or not at all (files without rows are garbage).
    return ctx.tx(() =>
      stored.map(({ file, bytes }) =>
        attachments.addAttachment(ctx, {
          sourceId,
          sha256: bytes.sha256,
          name: captureFileName(result.capturedAt, file.name),
          mediaType: file.mediaType,
          size: bytes.size,
          originUrl: result.finalUrl,
          kind: file.kind,
          capturedAt: result.capturedAt,
          httpStatus: result.httpStatus,
          // The visible text goes in the search with its row (the file keeps it as evidence).
          ...(file.kind === 'capture-text' ? { searchText: result.text } : {}),
        }),
      ),
    );
  } finally {
    await fs.rm(result.folder, { recursive: true, force: true });
  }
}

/** What the person is told after a capture. */
export function captureMessage(result: PageCaptureResult, fileCount: number): string {
  if (result.httpStatus >= 400) {
    return `The page answered HTTP ${result.httpStatus} (it may have been deleted). What it showed was captured and kept as evidence (${fileCount} files).`;
  }
  return `Captured ${result.finalUrl} (HTTP ${result.httpStatus}): ${fileCount} files kept as evidence.`;
}
