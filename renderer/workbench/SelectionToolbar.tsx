import { useEffect, useState, type RefObject } from 'react';

interface SelectionToolbarProps {
  bodyRef: RefObject<HTMLDivElement | null>;
  actionLabel: string;
  onAction(): void;
  onCancel?: (() => void) | undefined;
}

/** A small toolbar beside a selection in the article, with "Mark claim" (or "Attach …" when re-anchoring). */
export function SelectionToolbar({ bodyRef, actionLabel, onAction, onCancel }: SelectionToolbarProps) {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const body = bodyRef.current;
        const selection = document.getSelection();
        if (!body || !selection || selection.rangeCount === 0 || selection.isCollapsed)
          return setPosition(null);
        const range = selection.getRangeAt(0);
        if (!body.contains(range.startContainer) && !body.contains(range.endContainer))
          return setPosition(null);
        const rects = range.getClientRects();
        const focusAtStart =
          selection.focusNode === range.startContainer && selection.focusOffset === range.startOffset;
        const rect = (focusAtStart ? rects[0] : rects[rects.length - 1]) ?? range.getBoundingClientRect();
        const width = 180;
        const left = Math.max(
          8,
          Math.min(window.innerWidth - width - 8, rect.left + rect.width / 2 - width / 2),
        );
        const below = rect.bottom + 8;
        setPosition({ top: below + 40 > window.innerHeight ? Math.max(8, rect.top - 44) : below, left });
      });
    };
    // Esc lets go of the selection in the article, and with it the toolbar: none is left behind.
    const dismiss = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const body = bodyRef.current;
      const selection = document.getSelection();
      if (body && selection && !selection.isCollapsed && selection.rangeCount > 0 && body.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        selection.collapseToEnd();
      }
      cancelAnimationFrame(frame);
      setPosition(null);
    };
    document.addEventListener('keydown', dismiss);
    document.addEventListener('selectionchange', update);
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('keydown', dismiss);
      document.removeEventListener('selectionchange', update);
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
    };
  }, [bodyRef]);

  if (!position) return null;
  return (
    <div
      className="selection-toolbar"
      role="toolbar"
      aria-label="Selection"
      style={{ top: position.top, left: position.left }}
    >
      <button
        type="button"
        className="button button-primary button-small"
        onMouseDown={(event) => event.preventDefault()}
        onClick={onAction}
        aria-keyshortcuts="M"
      >
        {actionLabel} <kbd aria-hidden="true">M</kbd>
      </button>
      {onCancel && (
        <button
          type="button"
          className="button button-small"
          onMouseDown={(event) => event.preventDefault()}
          onClick={onCancel}
        >
          Cancel
        </button>
      )}
    </div>
  );
}
