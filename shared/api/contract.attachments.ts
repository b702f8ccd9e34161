import { z } from 'zod';
import { Id } from '../domain';
import { MAX_ATTACHMENT_BYTES, MAX_UPLOAD_CHUNK_BYTES } from '../attachments/limits';

/** Request/response schemas of evidence attachments on sources (issue 13), merged into ./contract.ts. */

export const AttachmentKind = z.enum(['file', 'capture-mhtml', 'capture-pdf', 'capture-screenshot', 'capture-text']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** One row of `attachments` (migration 9): the file is DATA/attachments/<sha256>. */
export const Attachment = z.object({
  id: Id,
  projectId: Id,
  sourceId: Id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1),
  mediaType: z.string().min(1),
  size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
  originUrl: z.string(),
  kind: AttachmentKind,
  capturedAt: z.string(),
  httpStatus: z.union([z.number().int(), z.null()]),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

/** An attachment with the one thing the window needs to know before offering "Open". */
export const AttachmentView = Attachment.extend({
  /** A program by name or type: never opened, so the window offers no "Open with system viewer". */
  executable: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** What "Capture page" did: stored the capture, or (offline) queued the source for "Capture now". */
export const CaptureOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('captured'),
    finalUrl: z.string(),
    httpStatus: z.number().int(),
    capturedAt: z.string(),
    /** The capture's files as stored (MHTML, PDF, screenshot, and the text when the page had any). */
    attachments: z.array(AttachmentView),
    /** What to tell the person (a 404 says the page is gone, and that its capture was kept). */
    message: z.string(),
  }),
  z.object({ status: z.literal('queued'), message: z.string() }),
]);
export type CaptureOutcome = z.infer<typeof CaptureOutcome>;

/** A source waiting for the network to be captured. */
export const QueuedCapture = z.object({ sourceId: Id, url: z.string(), queuedAt: z.string(), reason: z.string() });
export type QueuedCapture = z.infer<typeof QueuedCapture>;

/** 1 MB of bytes is at most 1,398,104 base64 characters. */
const MAX_CHUNK_BASE64 = Math.ceil(MAX_UPLOAD_CHUNK_BYTES / 3) * 4;

export const attachmentContract = {
  /** The evidence of every source of the claim, oldest first. */
  'attachments.list': { request: z.object({ claimId: Id }).strict(), response: z.array(AttachmentView) },
  /**
   * "Attach file…": stores the file at `path`, or at the one the open dialog answers when no path is
   * given. Null when the dialog was cancelled.
   */
  'attachments.addFromPath': {
    request: z.object({ sourceId: Id, path: z.string().min(1).max(4_096).optional() }).strict(),
    response: z.union([AttachmentView, z.null()]),
  },
  /** A dropped file the window has as bytes only: announced, sent in chunks of ≤ 1 MB, then finished. */
  'attachments.uploadBegin': {
    request: z
      .object({
        sourceId: Id,
        name: z.string().max(1_000),
        mediaType: z.string().max(255),
        size: z.number().int().nonnegative(),
      })
      .strict(),
    response: z.object({ uploadId: Id }),
  },
  'attachments.uploadChunk': {
    request: z
      .object({ uploadId: Id, index: z.number().int().nonnegative(), base64: z.string().max(MAX_CHUNK_BASE64) })
      .strict(),
    response: z.object({ received: z.number().int().nonnegative() }),
  },
  'attachments.uploadFinish': { request: z.object({ uploadId: Id }).strict(), response: AttachmentView },
  'attachments.uploadAbort': { request: z.object({ uploadId: Id }).strict(), response: z.null() },
  /** Removes the attachment from its source (the file goes when nothing, backups included, refers to it). */
  'attachments.remove': { request: z.object({ id: Id }).strict(), response: z.null() },
  /** Bytes for a preview (base64): images and PDFs up to 20 MB, text up to 1 MB. */
  'attachments.read': {
    request: z
      .object({ id: Id, offset: z.number().int().nonnegative().optional(), length: z.number().int().positive().optional() })
      .strict(),
    response: z.object({ base64: z.string(), mediaType: z.string(), size: z.number().int(), truncated: z.boolean() }),
  },
  /**
   * "Capture page" / "Capture now": the host loads the source's http(s) URL in an isolated browser
   * (30 s limit) and the MHTML snapshot, PDF, screenshot and visible text are stored as evidence.
   * Offline, the source is queued instead (answered as `queued`).
   */
  'attachments.capture': { request: z.object({ sourceId: Id }).strict(), response: CaptureOutcome },
  /** The claim's sources waiting for the network to be captured. */
  'attachments.captureQueue': { request: z.object({ claimId: Id }).strict(), response: z.array(QueuedCapture) },
  /** "Open with system viewer", after the window asked the person; never for programs. */
  'attachments.openExternal': { request: z.object({ id: Id }).strict(), response: z.null() },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
