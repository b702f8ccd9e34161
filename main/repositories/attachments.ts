/**
 * Evidence attachments on sources (migration 9): the rows that say which source holds which stored
 * file (main/attachments/store.ts). Evidence is published, so adding or removing it goes through the
 * approval rule, and each is a history entry on the claim (field `evidence`).
 *
 * The approval extra (mirrored by main/projectFiles/seals.ts): kind `evidence`
 * (shared/editorial/approval.ts `EVIDENCE`), one line per attachment on any of the claim's sources,
 *   `${sourcePosition}|${name}|${sha256}`
 * where sourcePosition is the source's stored `position` (0-based), name the attachment's stored
 * (sanitised) name and sha256 its lower-case hex; built by `evidenceLine` in
 * shared/editorial/approval.ts. The lines' order does not matter (publishedContent sorts them); a
 * claim without evidence has no such extra, so existing seals stay valid.
 */
import type { Attachment, AttachmentKind } from '../../shared/api/contract.attachments';
import { MAX_ATTACHMENT_BYTES, shortSha256 } from '../../shared/attachments/limits';
import { sanitizeAttachmentName } from '../../shared/attachments/names';
import { isHttpUrl } from '../../shared/domain';
import { captureSearchText, SET_CAPTURE_SEARCH_TEXT } from '../capture/captureSearchText';
import { AppError } from '../errors';
import { checkApprovalLater } from './approvals';
import { recordChange } from './changes';
import type { RepoContext } from './context';
import { touchProject } from './projects';
import { getSource } from './sources';
import { ATTACHMENTS, type Row } from './tables';

export interface NewAttachment {
  sourceId: string;
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  originUrl?: string;
  kind?: AttachmentKind;
  capturedAt?: string;
  httpStatus?: number | null;
  /**
   * A capture-text attachment's text, for the library search (migration 11; at most
   * CAPTURE_SEARCH_TEXT_CHARS kept). Not part of the record: the file holds the same text.
   */
  searchText?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function getAttachment(ctx: RepoContext, id: string): Attachment {
  const row = ctx.stmt(`SELECT ${ATTACHMENTS.columns()} FROM attachments WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', 'That evidence file is no longer attached. It may have been removed.');
  return ATTACHMENTS.fromRow(row);
}

/** The attachments of a source, or of every source of a claim (sources in order, oldest first). */
export function listAttachments(ctx: RepoContext, sourceOrClaimId: string): Attachment[] {
  const isSource = ctx.stmt(`SELECT 1 FROM sources WHERE id = ?`).get(sourceOrClaimId) !== undefined;
  const rows = isSource
    ? ctx.stmt(`SELECT ${ATTACHMENTS.columns()} FROM attachments WHERE source_id = ? ORDER BY added_at, id`).all(sourceOrClaimId)
    : ctx
        .stmt(
          `SELECT ${ATTACHMENTS.columns('a')} FROM sources s JOIN attachments a ON a.source_id = s.id
           WHERE s.claim_id = ? ORDER BY s.position, a.added_at, a.id`,
        )
        .all(sourceOrClaimId);
  return (rows as Row[]).map(ATTACHMENTS.fromRow);
}

/** Every attachment of a project's sources, for its reports and project files. */
export function listProjectAttachments(ctx: RepoContext, projectId: string): Attachment[] {
  return (
    ctx.stmt(`SELECT ${ATTACHMENTS.columns()} FROM attachments WHERE project_id = ? ORDER BY source_id, added_at, id`).all(projectId) as Row[]
  ).map(ATTACHMENTS.fromRow);
}

/**
 * Attaches a stored file (its bytes already in the store under `sha256`) to the source. The same
 * content on the same source is one attachment: the existing row is answered, nothing is written.
 */
export function addAttachment(ctx: RepoContext, input: NewAttachment): Attachment {
  if (!SHA256.test(input.sha256)) throw new AppError('invalid_request', 'The evidence file’s checksum is not a SHA-256.');
  if (!Number.isInteger(input.size) || input.size <= 0) {
    throw new AppError('invalid_request', 'The evidence file is empty (0 bytes), so there is nothing to keep.');
  }
  if (input.size > MAX_ATTACHMENT_BYTES) throw new AppError('too_large', 'Evidence files can be at most 200 MB.');
  const originUrl = (input.originUrl ?? '').trim();
  if (originUrl !== '' && !isHttpUrl(originUrl)) throw new AppError('invalid_request', 'The evidence’s origin must be an http(s) address.');
  return ctx.tx(() => {
    const source = getSource(ctx, input.sourceId);
    const existing = ctx
      .stmt(`SELECT ${ATTACHMENTS.columns()} FROM attachments WHERE source_id = ? AND sha256 = ?`)
      .get(input.sourceId, input.sha256) as Row | undefined;
    if (existing) return ATTACHMENTS.fromRow(existing);
    const before = historyLines(ctx, source.claimId);
    const attachment: Attachment = {
      id: ctx.newId(),
      projectId: source.projectId,
      sourceId: source.id,
      sha256: input.sha256,
      name: sanitizeAttachmentName(input.name),
      mediaType: input.mediaType.trim().toLowerCase() || 'application/octet-stream',
      size: input.size,
      originUrl,
      kind: input.kind ?? 'file',
      capturedAt: input.capturedAt ?? '',
      httpStatus: input.httpStatus ?? null,
      addedBy: ctx.author().trim(),
      addedAt: ctx.now(),
    };
    ATTACHMENTS.insert(ctx, attachment);
    const searchText = attachment.kind === 'capture-text' ? captureSearchText(input.searchText ?? '') : '';
    // Its own column, outside the record; the attachments trigger then indexes the claim's row again.
    if (searchText.trim() !== '') ctx.stmt(SET_CAPTURE_SEARCH_TEXT).run({ text: searchText, id: attachment.id });
    recordEvidence(ctx, source.projectId, source.claimId, before);
    return attachment;
  });
}

/** Removes the attachment's row and answers it (its file is garbage once nothing refers to it). */
export function removeAttachment(ctx: RepoContext, id: string): Attachment {
  return ctx.tx(() => {
    const attachment = getAttachment(ctx, id);
    const source = getSource(ctx, attachment.sourceId);
    const before = historyLines(ctx, source.claimId);
    ctx.stmt(`DELETE FROM attachments WHERE id = ?`).run(id);
    recordEvidence(ctx, source.projectId, source.claimId, before);
    return attachment;
  });
}

/** True while any row of the library refers to the stored file. */
export function isStoredFileReferenced(ctx: RepoContext, sha256: string): boolean {
  return ctx.stmt(`SELECT 1 FROM attachments WHERE sha256 = ? LIMIT 1`).get(sha256) !== undefined;
}

/** The claim's evidence as the history shows it: "Source 1: photo.png (sha256 3f2a…)". */
function historyLines(ctx: RepoContext, claimId: string): string {
  const rows = ctx
    .stmt(
      `SELECT s.position, a.name, a.sha256 FROM sources s JOIN attachments a ON a.source_id = s.id
       WHERE s.claim_id = ? ORDER BY s.position, a.added_at, a.id`,
    )
    .all(claimId) as { position: number; name: string; sha256: string }[];
  return rows.map((row) => `Source ${row.position + 1}: ${row.name} (SHA-256 ${shortSha256(row.sha256)})`).join('\n');
}

function recordEvidence(ctx: RepoContext, projectId: string, claimId: string, before: string): void {
  recordChange(ctx, {
    projectId,
    entityType: 'claim',
    entityId: claimId,
    op: 'update',
    fields: { evidence: { before, after: historyLines(ctx, claimId) } },
  });
  touchProject(ctx, projectId);
  checkApprovalLater(ctx, claimId, 'evidence');
}
