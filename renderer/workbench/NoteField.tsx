import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../shared/domain';

interface NoteDraftOptions<T> {
  /** How the length limit names the note: "A team note". */
  what: string;
  /** Said when the person sends an empty note. */
  emptyMessage: string;
  /** Said when sending failed without a message. */
  failMessage: string;
  /** Sends the trimmed text; answers the note as main stored it. */
  send(text: string): Promise<T>;
  onSent(note: T): void;
  /** Takes a failure in hand (true), instead of showing it under the field. */
  handleFailure?(caught: unknown): boolean;
}

export interface NoteDraft {
  draft: string;
  error: string | null;
  /** True while the note is being sent. */
  busy: boolean;
  change(text: string): void;
  submit(event?: FormEvent): Promise<void>;
}

/** A note being written (a team note, a correction note): checked, sent, and cleared once main has it. */
export function useNoteDraft<T>({
  what,
  emptyMessage,
  failMessage,
  send,
  onSent,
  handleFailure,
}: NoteDraftOptions<T>): NoteDraft {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) {
      setError(emptyMessage);
      return;
    }
    if (text.length > LIMITS.noteChars) {
      setError(`${what} can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`);
      return;
    }
    setBusy(true);
    try {
      const note = await send(text);
      onSent(note);
      setDraft('');
      setError(null);
    } catch (caught) {
      if (!handleFailure?.(caught)) setError(caught instanceof Error ? caught.message : failMessage);
    } finally {
      setBusy(false);
    }
  };
  const change = (text: string) => {
    setDraft(text);
    if (error) setError(null);
  };
  return { draft, error, busy, change, submit };
}

/** The text of a note being written, named for screen readers, with its error below it. */
export function NoteField({
  note,
  label,
  rows,
  placeholder,
  submitOnCtrlEnter = false,
}: {
  note: NoteDraft;
  label: string;
  rows: number;
  placeholder: string;
  /** Ctrl+Enter (⌘+Enter on a Mac) sends the note. */
  submitOnCtrlEnter?: boolean;
}) {
  const id = useId();
  const fieldId = `${id}-field`;
  const errorId = `${id}-error`;
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (submitOnCtrlEnter && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void note.submit();
    }
  };
  return (
    <>
      <label htmlFor={fieldId} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={fieldId}
        rows={rows}
        dir="auto"
        value={note.draft}
        placeholder={placeholder}
        aria-invalid={note.error ? true : undefined}
        aria-describedby={note.error ? errorId : undefined}
        onChange={(event) => note.change(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {note.error && (
        <p className="field-error" id={errorId} role="alert">
          {note.error}
        </p>
      )}
    </>
  );
}
