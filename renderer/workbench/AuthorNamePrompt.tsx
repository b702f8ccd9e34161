import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Modal } from '../components/Modal';
import { ModalActions } from '../components/ModalActions';
import { useAppStore } from '../store';

/**
 * Asks for the person's name when an action records who did it (approving, a correction note) and
 * Settings has none: saves it as Settings' author name, then `onSaved` retries the action.
 */
export function AuthorNamePrompt({
  reason,
  confirmLabel,
  onSaved,
  onCancel,
}: {
  reason: ReactNode;
  confirmLabel: string;
  onSaved(name: string): void;
  onCancel(): void;
}) {
  const saveAuthorName = useAppStore((state) => state.saveAuthorName);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Type your name: it is recorded with what you do.');
      return;
    }
    setSaving(true);
    try {
      await saveAuthorName(trimmed);
      onSaved(trimmed);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Your name could not be saved.');
      setSaving(false);
    }
  };

  return (
    <Modal title="Who are you?" onClose={onCancel}>
      <form className="author-prompt" onSubmit={(event) => void submit(event)} aria-label="Your name">
        <div className="modal-body">
          <p>{reason}</p>
        </div>
        <div className="field">
          <label htmlFor={id}>Your name</label>
          <input
            id={id}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            autoComplete="name"
            maxLength={200}
            autoFocus
          />
          <span className="field-help muted">Saved in Settings and shown in each claim’s history.</span>
        </div>
        {error && (
          <p className="field-error" role="alert" id={`${id}-error`}>
            {error}
          </p>
        )}
        <ModalActions onCancel={onCancel} confirmLabel={confirmLabel} confirmDisabled={saving} />
      </form>
    </Modal>
  );
}
