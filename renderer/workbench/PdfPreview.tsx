/// <reference types="vite/client" />
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
// Only the worker's URL (a same-origin file Vite emits), so the CSP's script-src 'self' covers it.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { AttachmentView } from '../../shared/api/contract.attachments';
import { api, ApiCallError } from '../api';

/** Widest page drawn, in CSS pixels: wider panels get a page this wide, not a blown-up one. */
const MAX_PAGE_WIDTH = 900;

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; pdf: PDFDocumentProxy };

/**
 * A PDF attachment drawn page by page onto a <canvas> with pdf.js (Chromium's own PDF viewer is
 * not available headless). pdf.js is imported only when a PDF is previewed, so the app's start
 * does not pay for it. No text or annotation layer and no scripting: the PDF is only painted.
 */
export function PdfPreview({ file }: { file: AttachmentView }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [pageNumber, setPageNumber] = useState(1);

  useEffect(() => {
    let live = true;
    let destroy: (() => Promise<void>) | null = null;
    (async () => {
      const answer = await api.call('attachments.read', { id: file.id });
      const pdfjs = await import('pdfjs-dist');
      if (!live) return;
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      const task = pdfjs.getDocument({
        data: fromBase64(answer.base64),
        // WebAssembly decoders would need 'wasm-unsafe-eval' in the CSP; the JavaScript ones suffice.
        useWasm: false,
        enableXfa: false,
        // Nothing is fetched for a preview: fonts a PDF does not embed fall back to system fonts.
        useWorkerFetch: false,
        stopAtErrors: false,
      });
      destroy = () => task.destroy();
      const pdf = await task.promise;
      if (live) setLoaded({ status: 'ready', pdf });
    })().catch((error: unknown) => {
      if (live) setLoaded({ status: 'failed', message: failureOf(error) });
    });
    return () => {
      live = false;
      void destroy?.().catch(() => undefined);
    };
  }, [file.id]);

  if (loaded.status === 'loading') return <p className="source-evidence-preview muted">Loading the preview…</p>;
  if (loaded.status === 'failed') {
    return (
      <p className="source-evidence-preview" role="alert">
        {loaded.message}
      </p>
    );
  }
  const pageCount = loaded.pdf.numPages;
  return (
    <div className="source-evidence-preview pdf-preview">
      <div className="pdf-preview-nav">
        <button type="button" className="button button-quiet button-small" disabled={pageNumber <= 1} onClick={() => setPageNumber(pageNumber - 1)}>
          Previous page
        </button>
        <span aria-live="polite">
          Page {pageNumber} of {pageCount}
        </span>
        <button
          type="button"
          className="button button-quiet button-small"
          disabled={pageNumber >= pageCount}
          onClick={() => setPageNumber(pageNumber + 1)}
        >
          Next page
        </button>
      </div>
      <PdfPage pdf={loaded.pdf} pageNumber={pageNumber} label={`Page ${pageNumber} of ${pageCount} of ${file.name}`} />
    </div>
  );
}

/** One page painted to fit the panel's width, repainted when the panel is resized. */
function PdfPage({ pdf, pageNumber, label }: { pdf: PDFDocumentProxy; pageNumber: number; label: string }) {
  const frameRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const measure = () => setWidth(Math.min(MAX_PAGE_WIDTH, Math.floor(frame.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    let live = true;
    let renderTask: RenderTask | null = null;
    setFailure('');
    (async () => {
      const page = await pdf.getPage(pageNumber);
      if (!live) return;
      const natural = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: width / natural.width });
      // Drawn at the screen's pixel density so text stays sharp; shown at the panel's width.
      const density = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * density);
      canvas.height = Math.floor(viewport.height * density);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      renderTask = page.render({ canvas, viewport, transform: density === 1 ? undefined : [density, 0, 0, density, 0, 0] });
      await renderTask.promise;
    })().catch((error: unknown) => {
      // A newer page or width cancelled this drawing; that one reports for itself.
      if (!live || (error instanceof Error && error.name === 'RenderingCancelledException')) return;
      setFailure(failureOf(error));
    });
    return () => {
      live = false;
      renderTask?.cancel();
    };
  }, [pdf, pageNumber, width]);

  return (
    <div ref={frameRef} className="pdf-preview-frame">
      <canvas ref={canvasRef} role="img" aria-label={label} className="pdf-preview-page" />
      {failure && <p role="alert">{failure}</p>}
    </div>
  );
}

/** Main's messages (too large, missing file) as they are; what pdf.js could not parse, said so. */
function failureOf(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  const reason = error instanceof Error && error.message ? error.message : 'the file is damaged or not a PDF';
  return `This PDF could not be read: ${reason.replace(/\.$/, '')}.`;
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
