import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { AttachmentView, CaptureOutcome } from '../../shared/api/contract.attachments';
import { MAX_ATTACHMENT_BYTES, MAX_UPLOAD_CHUNK_BYTES, shortSha256 } from '../../shared/attachments/limits';
import { describeMediaType, previewKindOf } from '../../shared/attachments/mediaTypes';
import { isHttpUrl } from '../../shared/domain';
import { api, ApiCallError } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAppStore } from '../store';
import { PdfPreview } from './PdfPreview';
import './evidence.css';

/**
 * A source's evidence (issue 13): "Attach file…" and a drop zone, the list of files with their
 * type, size, who added them and their SHA-256, a preview (images as data: URIs, text, PDF pages drawn by pdf.js), and
 * "Open with system viewer" and "Remove", each asked first. Evidence is published, so every change
 * rechecks the claim's approval.
 */
export function SourceEvidence({ claimId, sourceId, number, url = '' }: { claimId: string; sourceId: string; number: number; url?: string }) {
  const recheckApprovals = useAppStore((state) => state.recheckApprovals);
  const [files, setFiles] = useState<AttachmentView[]>([]);
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: 'remove' | 'open'; file: AttachmentView } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  /** Why the source waits in the capture queue (offline last time), or null. */
  const [queued, setQueued] = useState<string | null>(null);
  const capturable = isHttpUrl(url.trim());

  const load = useCallback(async () => {
    const all = await api.call('attachments.list', { claimId });
    setFiles(all.filter((file) => file.sourceId === sourceId));
  }, [claimId, sourceId]);

  useEffect(() => {
    let live = true;
    api
      .call('attachments.list', { claimId })
      .then((all) => live && setFiles(all.filter((file) => file.sourceId === sourceId)))
      .catch((error: unknown) => live && setMessage({ text: messageOf(error), alert: true }));
    api
      .call('attachments.captureQueue', { claimId })
      .then((queue) => live && setQueued(queue.find((item) => item.sourceId === sourceId)?.reason ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [claimId, sourceId]);

  /** "Capture page" / "Capture now": the page is loaded in an isolated browser and kept as evidence. */
  const capture = async () => {
    setMessage(null);
    setBusy('Capturing the page… this can take up to 30 seconds.');
    let outcome: CaptureOutcome | null = null;
    try {
      outcome = await api.call('attachments.capture', { sourceId });
    } catch (error) {
      setMessage({ text: messageOf(error), alert: true });
    } finally {
      setBusy('');
    }
    if (!outcome) return;
    if (outcome.status === 'queued') {
      setQueued(outcome.message);
      setMessage({ text: outcome.message, alert: true });
      return;
    }
    setQueued(null);
    await load().catch(() => undefined);
    await recheckApprovals([claimId]);
    setMessage({ text: outcome.message, alert: outcome.httpStatus >= 400 });
  };

  const attach = async (picked: readonly File[]) => {
    if (picked.length === 0) return;
    setMessage(null);
    const added: string[] = [];
    try {
      for (const file of picked) {
        setBusy(`Attaching “${file.name}”…`);
        added.push((await uploadFile(sourceId, file)).name);
      }
    } catch (error) {
      setMessage({ text: messageOf(error), alert: true });
    } finally {
      setBusy('');
      await load().catch(() => undefined);
      if (added.length > 0) {
        await recheckApprovals([claimId]);
        setMessage((current) => current ?? { text: `Attached: ${added.join(', ')}.`, alert: false });
      }
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void attach(Array.from(event.dataTransfer.files));
  };

  const remove = async (file: AttachmentView) => {
    setConfirm(null);
    try {
      await api.call('attachments.remove', { id: file.id });
      await load();
      await recheckApprovals([claimId]);
      setMessage({ text: `Removed “${file.name}”.`, alert: false });
    } catch (error) {
      setMessage({ text: messageOf(error), alert: true });
    }
  };

  const openExternal = async (file: AttachmentView) => {
    setConfirm(null);
    try {
      await api.call('attachments.openExternal', { id: file.id });
    } catch (error) {
      setMessage({ text: messageOf(error), alert: true });
    }
  };

  return (
    <div
      className={`source-evidence${dragging ? ' source-evidence-dragging' : ''}`}
      role="group"
      aria-label={`Evidence of source ${number}`}
      onDragOver={(event) => {
        if (!Array.from(event.dataTransfer.types).includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="source-evidence-head">
        <span className="source-evidence-title">Evidence</span>
        <button type="button" className="button button-quiet button-small" disabled={busy !== ''} onClick={() => inputRef.current?.click()}>
          Attach file…
        </button>
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          aria-label={`Choose evidence files for source ${number}`}
          onChange={(event) => {
            const picked = Array.from(event.target.files ?? []);
            event.target.value = '';
            void attach(picked);
          }}
        />
        <span className="muted source-evidence-hint">or drop files here</span>
        {capturable && (
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={busy !== ''}
            aria-label={`${queued ? 'Capture now' : 'Capture page'}: source ${number}`}
            onClick={() => void capture()}
          >
            {queued ? 'Capture now' : 'Capture page'}
          </button>
        )}
      </div>
      {queued && !message && <p role="status">{queued}</p>}
      {busy && <p role="status">{busy}</p>}
      {message && <p role={message.alert ? 'alert' : 'status'}>{message.text}</p>}
      {files.length > 0 && (
        <ul className="source-evidence-list" aria-label={`Evidence files of source ${number}`}>
          {files.map((file) => (
            <EvidenceItem
              key={file.id}
              file={file}
              onRemove={() => setConfirm({ kind: 'remove', file })}
              onOpen={() => setConfirm({ kind: 'open', file })}
            />
          ))}
        </ul>
      )}
      {confirm?.kind === 'remove' && (
        <ConfirmDialog
          title="Remove evidence?"
          confirmLabel="Remove"
          danger
          onConfirm={() => void remove(confirm.file)}
          onCancel={() => setConfirm(null)}
        >
          <p>
            Remove “<bdi>{confirm.file.name}</bdi>” from source {number}? Reports will no longer list it, and an approved claim returns to
            “In review”.
          </p>
        </ConfirmDialog>
      )}
      {confirm?.kind === 'open' && (
        <ConfirmDialog title="Open with the system viewer?" confirmLabel="Open" onConfirm={() => void openExternal(confirm.file)} onCancel={() => setConfirm(null)}>
          <p>
            “<bdi>{confirm.file.name}</bdi>” will open in another program on this computer, outside the app. Open it only if you trust where it came
            from.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function EvidenceItem({ file, onRemove, onOpen }: { file: AttachmentView; onRemove(): void; onOpen(): void }) {
  const [previewing, setPreviewing] = useState(false);
  const kind = previewKindOf(file.mediaType);
  return (
    <li className="source-evidence-item">
      <div>
        <bdi className="source-evidence-name">{file.name}</bdi>
        <span className="muted">
          {' · '}
          {describeMediaType(file.mediaType)} · {formatSize(file.size)}
          {file.capturedAt ? ` · captured ${formatTime(file.capturedAt)}` : ''}
          {file.originUrl ? ` from ${file.originUrl}` : ''}
          {file.httpStatus !== null ? ` (HTTP ${file.httpStatus})` : ''}
          {` · added ${file.addedBy ? `by ${file.addedBy} ` : ''}${formatTime(file.addedAt)}`}
          {' · SHA-256 '}
          <code title={file.sha256}>{shortSha256(file.sha256)}</code>
        </span>
      </div>
      <div className="source-evidence-actions">
        {kind !== 'none' && (
          <button
            type="button"
            className="button button-quiet button-small"
            aria-expanded={previewing}
            aria-label={`${previewing ? 'Hide preview' : 'Preview'} of ${file.name}`}
            onClick={() => setPreviewing(!previewing)}
          >
            {previewing ? 'Hide preview' : 'Preview'}
          </button>
        )}
        {!file.executable && (
          <button type="button" className="button button-quiet button-small" aria-label={`Open with system viewer: ${file.name}`} onClick={onOpen}>
            Open with system viewer
          </button>
        )}
        <button type="button" className="button button-quiet button-small" aria-label={`Remove ${file.name}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      {previewing && <EvidencePreview file={file} />}
    </li>
  );
}

function EvidencePreview({ file }: { file: AttachmentView }) {
  const kind = previewKindOf(file.mediaType);
  const [state, setState] = useState<{ url?: string; text?: string; truncated?: boolean; error?: string } | null>(null);
  useEffect(() => {
    if (kind !== 'image' && kind !== 'text') return;
    let live = true;
    api
      .call('attachments.read', { id: file.id })
      .then((answer) => {
        if (!live) return;
        // A data: URI, not an object URL: the window's CSP allows images from 'self' and data: only.
        // The media type is main's (sniffed), and previewKindOf allowed only raster images.
        if (kind === 'image') setState({ url: `data:${answer.mediaType};base64,${answer.base64}` });
        else setState({ text: new TextDecoder().decode(fromBase64(answer.base64)), truncated: answer.truncated });
      })
      .catch((error: unknown) => live && setState({ error: messageOf(error) }));
    return () => {
      live = false;
    };
  }, [file.id, kind]);

  if (kind === 'pdf') return <PdfPreview key={file.id} file={file} />;
  if (!state) return <p className="source-evidence-preview muted">Loading the preview…</p>;
  if (state.error) return <p className="source-evidence-preview" role="alert">{state.error}</p>;
  if (state.url) return <img className="source-evidence-preview" src={state.url} alt={`Preview of ${file.name}`} />;
  return (
    <div className="source-evidence-preview">
      <pre aria-label={`Preview of ${file.name}`} tabIndex={0} dir="auto">
        {state.text}
      </pre>
      {state.truncated && <p className="muted">Only the first megabyte is shown.</p>}
    </div>
  );
}

/** Sends a dropped or chosen file in chunks of at most 1 MB (read a chunk at a time). */
async function uploadFile(sourceId: string, file: File): Promise<AttachmentView> {
  if (file.size === 0) throw new Error(`“${file.name}” is empty (0 bytes), so there is nothing to keep as evidence.`);
  if (file.size > MAX_ATTACHMENT_BYTES) throw new Error(`“${file.name}” is too large (${formatSize(file.size)}): evidence files can be at most 200 MB.`);
  const { uploadId } = await api.call('attachments.uploadBegin', { sourceId, name: file.name, mediaType: file.type, size: file.size });
  try {
    for (let index = 0, offset = 0; offset < file.size; index++, offset += MAX_UPLOAD_CHUNK_BYTES) {
      const chunk = new Uint8Array(await file.slice(offset, offset + MAX_UPLOAD_CHUNK_BYTES).arrayBuffer());
      await api.call('attachments.uploadChunk', { uploadId, index, base64: toBase64(chunk) });
    }
    return await api.call('attachments.uploadFinish', { uploadId });
  } catch (error) {
    await api.call('attachments.uploadAbort', { uploadId }).catch(() => undefined);
    throw error;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function formatSize(bytes: number): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function messageOf(error: unknown): string {
  if (error instanceof ApiCallError || error instanceof Error) return error.message;
  return 'That did not work.';
}
