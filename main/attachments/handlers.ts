/**
 * Handlers of the evidence channels (shared/api/contract.attachments.ts): files in through a path
 * (the open dialog) or an upload in chunks (a drop), previews out, removal with garbage collection,
 * and "Open with system viewer" through the host's shell, never for programs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Attachment, AttachmentView } from '../../shared/api/contract.attachments';
import {
  describeBytes,
  MAX_ATTACHMENT_BYTES,
  MAX_IMAGE_PREVIEW_BYTES,
  MAX_TEXT_PREVIEW_BYTES,
  MAX_UPLOAD_CHUNK_BYTES,
} from '../../shared/attachments/limits';
import { detectMediaType, isExecutableAttachment, previewKindOf } from '../../shared/attachments/mediaTypes';
import { sanitizeAttachmentName } from '../../shared/attachments/names';
import type { AttachmentHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { AppError } from '../errors';
import * as attachments from '../repositories/attachments';
import { getClaim } from '../repositories/claims';
import { getSource } from '../repositories/sources';
import { dequeueCapture, listQueuedCaptures, queueCapture } from '../capture/queue';
import { captureMessage, storeCapture } from '../capture/storeCapture';
import { CAPTURE_OFFLINE, isCapturableUrl } from '../services/pageCapture';
import { collectGarbage } from './garbage';
import { attachmentPath, IncomingFile, putFileStreaming, type StoredFile } from './store';

interface Upload {
  incoming: IncomingFile;
  sourceId: string;
  name: string;
  mediaTypeHint: string;
  declaredSize: number;
  nextIndex: number;
}

/** Uploads open at once; a further one ends the oldest (a window that vanished mid-drop). */
const MAX_OPEN_UPLOADS = 8;

export const toView = (attachment: Attachment): AttachmentView => ({
  ...attachment,
  executable: isExecutableAttachment(attachment.name, attachment.mediaType),
});

export function createAttachmentHandlers(deps: HandlerDeps): AttachmentHandlers {
  const { ctx, dialogs } = deps;
  const dataDir = path.dirname(deps.dataPath);
  const uploads = new Map<string, Upload>();

  const collect = () => {
    try {
      collectGarbage(ctx.db, dataDir);
    } catch (error) {
      // A failed clean-up costs disk space only; the change itself is saved.
      console.warn('Evidence clean-up failed:', error);
    }
  };
  // A library opens with its handlers: files left unreferenced since the last session go now.
  // Never from the reader worker's read-only connection: only the library's own writer deletes.
  if (!ctx.db.readonly && fs.existsSync(path.join(dataDir, 'attachments'))) collect();

  /** Writes the row for a stored file; a failure leaves the file for garbage collection. */
  const attach = (sourceId: string, name: string, stored: StoredFile, hint = ''): AttachmentView => {
    const detected = detectMediaType(name, stored.head);
    const mediaType = detected === 'application/octet-stream' && /^[a-z]+\/[a-z0-9.+-]+$/.test(hint) ? hint : detected;
    return toView(attachments.addAttachment(ctx, { sourceId, sha256: stored.sha256, name, mediaType, size: stored.size }));
  };

  const uploadOf = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (!upload) throw new AppError('not_found', 'That upload is no longer open. Drop the file again.');
    return upload;
  };
  const endUpload = (uploadId: string) => {
    uploads.get(uploadId)?.incoming.abort();
    uploads.delete(uploadId);
  };

  return {
    'attachments.list': ({ claimId }) => {
      getClaim(ctx, claimId);
      return attachments.listAttachments(ctx, claimId).map(toView);
    },

    'attachments.addFromPath': async ({ sourceId, path: given }) => {
      getSource(ctx, sourceId);
      const filePath = given ?? (await dialogs.chooseOpenPath({ title: 'Attach evidence file', filters: [] }));
      if (!filePath) return null;
      const name = sanitizeAttachmentName(path.basename(filePath));
      const stored = await putFileStreaming(dataDir, filePath, { label: `“${name}”` });
      return attach(sourceId, name, stored);
    },

    'attachments.uploadBegin': ({ sourceId, name, mediaType, size }) => {
      getSource(ctx, sourceId);
      const shown = sanitizeAttachmentName(name);
      if (size === 0) throw new AppError('invalid_request', `“${shown}” is empty (0 bytes), so there is nothing to keep as evidence.`);
      if (size > MAX_ATTACHMENT_BYTES) {
        throw new AppError('too_large', `“${shown}” is too large (${describeBytes(size)}): evidence files can be at most ${describeBytes(MAX_ATTACHMENT_BYTES)}.`);
      }
      while (uploads.size >= MAX_OPEN_UPLOADS) endUpload(uploads.keys().next().value as string);
      const uploadId = randomUUID();
      uploads.set(uploadId, {
        incoming: new IncomingFile(dataDir, { maxBytes: size, label: `“${shown}”` }),
        sourceId,
        name: shown,
        mediaTypeHint: mediaType.trim().toLowerCase(),
        declaredSize: size,
        nextIndex: 0,
      });
      return { uploadId };
    },

    'attachments.uploadChunk': ({ uploadId, index, base64 }) => {
      const upload = uploadOf(uploadId);
      if (index !== upload.nextIndex) {
        endUpload(uploadId);
        throw new AppError('invalid_request', `Part ${index + 1} of “${upload.name}” arrived out of order, so the upload was stopped. Drop the file again.`);
      }
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length > MAX_UPLOAD_CHUNK_BYTES) {
        endUpload(uploadId);
        throw new AppError('too_large', 'An upload part can be at most 1 MB.');
      }
      try {
        upload.incoming.write(bytes);
      } catch (error) {
        uploads.delete(uploadId);
        throw error;
      }
      upload.nextIndex++;
      return { received: upload.incoming.size };
    },

    'attachments.uploadFinish': ({ uploadId }) => {
      const upload = uploadOf(uploadId);
      uploads.delete(uploadId);
      if (upload.incoming.size !== upload.declaredSize) {
        upload.incoming.abort();
        throw new AppError(
          'invalid_request',
          `Only ${describeBytes(upload.incoming.size)} of “${upload.name}” (${describeBytes(upload.declaredSize)}) arrived, so nothing was kept. Drop the file again.`,
        );
      }
      const stored = upload.incoming.finish();
      return attach(upload.sourceId, upload.name, stored, upload.mediaTypeHint);
    },

    'attachments.uploadAbort': ({ uploadId }) => {
      endUpload(uploadId);
      return null;
    },

    'attachments.remove': ({ id }) => {
      attachments.removeAttachment(ctx, id);
      collect();
      return null;
    },

    'attachments.read': ({ id, offset = 0, length }) => {
      const attachment = attachments.getAttachment(ctx, id);
      const kind = previewKindOf(attachment.mediaType);
      if (kind === 'none') throw new AppError('invalid_request', `“${attachment.name}” cannot be previewed here. Open it with the system viewer instead.`);
      const cap = kind === 'text' ? MAX_TEXT_PREVIEW_BYTES : MAX_IMAGE_PREVIEW_BYTES;
      if (kind !== 'text' && attachment.size > cap) {
        throw new AppError('too_large', `“${attachment.name}” is too large to preview (${describeBytes(attachment.size)}; previews show up to ${describeBytes(cap)}). Open it with the system viewer instead.`);
      }
      const start = Math.min(offset, attachment.size);
      const wanted = Math.min(length ?? cap, cap, attachment.size - start);
      const bytes = Buffer.alloc(wanted);
      let fd: number;
      try {
        fd = fs.openSync(attachmentPath(dataDir, attachment.sha256), 'r');
      } catch {
        throw new AppError('not_found', `The file of “${attachment.name}” is missing from the evidence folder. Restore it from a backup or attach it again.`);
      }
      try {
        let read = 0;
        while (read < wanted) {
          const n = fs.readSync(fd, bytes, read, wanted - read, start + read);
          if (n === 0) break;
          read += n;
        }
        return { base64: bytes.subarray(0, read).toString('base64'), mediaType: attachment.mediaType, size: attachment.size, truncated: start + read < attachment.size };
      } finally {
        fs.closeSync(fd);
      }
    },

    'attachments.capture': async ({ sourceId }) => {
      const url = getSource(ctx, sourceId).url.trim();
      if (!isCapturableUrl(url)) {
        throw new AppError('invalid_request', 'Only a source with a web address (http:// or https://) can be captured. Add its URL first.');
      }
      if (!deps.pageCapture) throw new AppError('forbidden', 'Pages cannot be captured from this window.');
      let result;
      try {
        // The host's browser loads the page (the library never holds one); this waits up to 30 s.
        result = await deps.pageCapture.capture(url);
      } catch (error) {
        if (error instanceof Error && error.message === CAPTURE_OFFLINE) {
          queueCapture(ctx, sourceId, url, CAPTURE_OFFLINE);
          return { status: 'queued' as const, message: CAPTURE_OFFLINE };
        }
        throw error;
      }
      const stored = await storeCapture(ctx, dataDir, sourceId, result);
      dequeueCapture(ctx, sourceId);
      return {
        status: 'captured' as const,
        finalUrl: result.finalUrl,
        httpStatus: result.httpStatus,
        capturedAt: result.capturedAt,
        attachments: stored.map(toView),
        message: captureMessage(result, stored.length),
      };
    },

    'attachments.captureQueue': ({ claimId }) => {
      getClaim(ctx, claimId);
      return listQueuedCaptures(ctx, claimId);
    },

    'attachments.openExternal': async ({ id }) => {
      const attachment = attachments.getAttachment(ctx, id);
      if (isExecutableAttachment(attachment.name, attachment.mediaType)) {
        throw new AppError('forbidden', `“${attachment.name}” could be a program, so it is never opened from here.`);
      }
      if (!deps.shell) throw new AppError('forbidden', 'Files cannot be opened with the system viewer from this window.');
      const stored = attachmentPath(dataDir, attachment.sha256);
      if (!fs.existsSync(stored)) {
        throw new AppError('not_found', `The file of “${attachment.name}” is missing from the evidence folder. Restore it from a backup or attach it again.`);
      }
      // A copy under its own name, so the system picks the viewer by extension and the stored
      // (content-addressed) file can never be edited in place by that viewer.
      const folder = path.join(os.tmpdir(), 'factcheck-evidence', attachment.id);
      fs.mkdirSync(folder, { recursive: true });
      const copy = path.join(folder, attachment.name);
      fs.copyFileSync(stored, copy);
      await deps.shell.openPath(copy);
      return null;
    },
  };
}
