import type { ReactNode } from 'react';
import { useDialogButton } from './useDialogButton';

/** A button that opens a dialog; the dialog gets `close`, and focus returns to the button after it. */
export function DialogButton({
  label,
  className = 'button button-small',
  children,
}: {
  label: string;
  className?: string;
  children(close: () => void): ReactNode;
}) {
  const { open, show, close, buttonRef } = useDialogButton();
  return (
    <>
      <button ref={buttonRef} type="button" className={className} onClick={show}>
        {label}
      </button>
      {open && children(close)}
    </>
  );
}
