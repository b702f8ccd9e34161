import type { ReactNode } from 'react';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger = false, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Modal title={title} onClose={onCancel} role="alertdialog">
      <div className="modal-body">{children}</div>
      <ModalActions onCancel={onCancel} confirmLabel={confirmLabel} onConfirm={onConfirm} danger={danger} autoFocus />
    </Modal>
  );
}
