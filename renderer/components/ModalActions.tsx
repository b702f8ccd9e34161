import type { ReactNode } from 'react';

interface ModalActionsProps {
  /** The way out: "Cancel" (the default label) or "Close". Left out where the main button is the way out. */
  onCancel?(): void;
  cancelLabel?: string;
  /** The main button, last; it submits the form it sits in unless `onConfirm` is given. */
  confirmLabel?: string;
  onConfirm?(): void;
  confirmDisabled?: boolean;
  /** The main button destroys something (red) instead of saving it. */
  danger?: boolean;
  /** The main button takes the focus when the dialog opens. */
  autoFocus?: boolean;
  /** Buttons before the others ("Back up now"). */
  children?: ReactNode;
}

/** The row of buttons at the foot of a dialog: any extra ones, the way out, then the main action. */
export function ModalActions({
  onCancel,
  cancelLabel = 'Cancel',
  confirmLabel,
  onConfirm,
  confirmDisabled,
  danger = false,
  autoFocus,
  children,
}: ModalActionsProps) {
  return (
    <div className="modal-actions">
      {children}
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      )}
      {confirmLabel !== undefined && (
        <button
          type={onConfirm ? 'button' : 'submit'}
          className={danger ? 'button button-danger' : 'button button-primary'}
          onClick={onConfirm}
          disabled={confirmDisabled}
          autoFocus={autoFocus}
        >
          {confirmLabel}
        </button>
      )}
    </div>
  );
}
