import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** alertdialog for confirmations that interrupt; dialog for forms. */
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
}

/**
 * A native <dialog> shown modally: focus stays inside, Escape closes, the page behind is inert, and
 * on closing focus goes back to the element that had it when the dialog opened.
 */
export function Modal({ title, onClose, children, role = 'dialog', wide = false }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useLayoutEffect(() => {
    const dialog = ref.current;
    // Read before showModal moves focus into the dialog.
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // A frame later, so that a caller that moves focus on purpose (to a new row, say) wins.
      requestAnimationFrame(() => restoreFocus(opener, dialog));
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      className={wide ? 'modal modal-wide' : 'modal'}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** Focus back to the opener, unless something else took it meanwhile or the opener is gone. */
function restoreFocus(opener: Element | null, dialog: HTMLDialogElement | null) {
  const now = document.activeElement;
  const lost = now === null || now === document.body || (dialog !== null && dialog.contains(now));
  if (!lost || !(opener instanceof HTMLElement) || !opener.isConnected || opener === document.body) return;
  // Another dialog opened meanwhile keeps the focus it has.
  if (document.querySelector('dialog[open]')) return;
  opener.focus({ preventScroll: true });
}
