import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../api';
import { useAppStore } from '../store';
import type { Notice } from '../store/uiSlice';
import './notices.css';

/** The last part of a path, whichever separator the system uses. */
export const fileNameOf = (filePath: string) => filePath.split(/[\\/]/).pop() || filePath;

const isField = (element: Element | null): element is HTMLElement =>
  element instanceof HTMLElement &&
  (element.matches('input, textarea, select') || element.isContentEditable);

const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The modal dialog on top, if one is open: the rest of the page is inert behind it. */
const topDialog = (): HTMLElement | null => {
  const open = document.querySelectorAll<HTMLDialogElement>('dialog[open]');
  return open.length ? open[open.length - 1]! : null;
};

/**
 * While a modal dialog is open everything outside it is inert, so the buttons of a notice about
 * saved files could not be pressed: such notices move into that dialog until it closes.
 */
function subscribeDialogs(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
  return () => observer.disconnect();
}

function useNoticeHost(needed: boolean): HTMLElement | null {
  const host = useSyncExternalStore(subscribeDialogs, topDialog, () => null);
  return needed ? host : null;
}

/**
 * Errors stay until dismissed (role=alert); information fades (role=status). Notices sit at the
 * bottom left, and move to the top when the field being edited would be under them.
 */
export function Notices() {
  const notices = useAppStore((state) => state.notices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(false);
  // Only notices with buttons to press follow a dialog; the rest stay where they were.
  const host = useNoticeHost(notices.some((notice) => notice.files?.length));

  const place = useCallback(() => {
    const box = ref.current;
    const focused = document.activeElement;
    if (!box || !isField(focused) || box.contains(focused)) return;
    // Measured where the notices would be at the bottom, whichever place they have now.
    const height = box.getBoundingClientRect().height;
    const bottomBox = new DOMRect(16, window.innerHeight - 16 - height, box.getBoundingClientRect().width, height);
    setTop(overlaps(bottomBox, focused.getBoundingClientRect()));
  }, []);

  useLayoutEffect(place, [notices, place, host]);
  useEffect(() => {
    document.addEventListener('focusin', place);
    window.addEventListener('resize', place);
    return () => {
      document.removeEventListener('focusin', place);
      window.removeEventListener('resize', place);
    };
  }, [place]);

  const list = (
    <div ref={ref} className={`notices notices-placed${top ? ' notices-top' : ''}`} aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <div className="notice-body">
            <span>{notice.message}</span>
            {notice.files && <SavedFiles files={notice.files} />}
          </div>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
  return host ? createPortal(list, host) : list;
}

/** Each saved file by name, with "Show in folder" and "Open" (main allows only files it wrote). */
function SavedFiles({ files }: { files: NonNullable<Notice['files']> }) {
  const reportError = useAppStore((state) => state.reportError);
  const ask = (channel: 'files.showInFolder' | 'files.open', filePath: string) => () =>
    void api.call(channel, { path: filePath }).catch(reportError);
  return (
    <ul className="notice-files" aria-label="Saved files">
      {files.map((filePath) => {
        const name = fileNameOf(filePath);
        return (
          <li key={filePath} className="notice-file">
            <span className="notice-file-name" title={filePath}>
              {name}
            </span>
            <button type="button" className="button button-small" aria-label={`Show ${name} in folder`} onClick={ask('files.showInFolder', filePath)}>
              Show in folder
            </button>
            <button type="button" className="button button-small" aria-label={`Open ${name}`} onClick={ask('files.open', filePath)}>
              Open
            </button>
          </li>
        );
      })}
    </ul>
  );
}
