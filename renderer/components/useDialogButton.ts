import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Open/close state of a dialog opened by a button, with focus back on that button once the dialog
 * is gone (the page behind a modal dialog is inert while it is open, so this waits for the close).
 */
export function useDialogButton() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const show = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  return { open, show, close, buttonRef };
}
