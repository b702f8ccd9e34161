import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS, type TeamNote } from '../../shared/domain';
import { api } from '../api';

const when = (at: string) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The team's thread about a claim: for the team only, never in a report. */
export function TeamNotes({
  claimId,
  notes,
  loadError,
  onPosted,
}: {
  claimId: string;
  notes: TeamNote[] | null;
  /** Why the thread could not be read, if it could not. */
  loadError: string | null;
  onPosted(note: TeamNote): void;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const id = useId();
  const headingId = `${id}-heading`;
  const fieldId = `${id}-field`;
  const errorId = `${id}-error`;

  const post = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) {
      setError('Write something before posting the note.');
      return;
    }
    if (text.length > LIMITS.noteChars) {
      setError(`A team note can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`);
      return;
    }
    setPosting(true);
    try {
      const note = await api.call('editorial.addTeamNote', { claimId, text });
      onPosted(note);
      setDraft('');
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The note could not be posted.');
    } finally {
      setPosting(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void post();
    }
  };

  return (
    <section className="team-notes" aria-labelledby={headingId}>
      <h3 id={headingId}>Team notes</h3>
      <p className="muted team-notes-help">For the team only; never in a report.</p>
      {notes === null ? (
        loadError ? (
          <p className="field-error" role="alert">
            {loadError}
          </p>
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ol className="note-thread" aria-label="Team notes thread">
          {notes.map((note) => (
            <li key={note.id} className="note">
              <div className="note-meta">
                <span className="note-author">{note.author || 'No name'}</span>
                <span aria-hidden="true"> · </span>
                <time dateTime={note.createdAt}>{when(note.createdAt)}</time>
              </div>
              <p className="note-text" dir="auto">
                {note.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form className="note-form" onSubmit={(event) => void post(event)}>
        <label htmlFor={fieldId} className="visually-hidden">
          New team note
        </label>
        <textarea
          id={fieldId}
          rows={2}
          value={draft}
          dir="auto"
          placeholder="Write a note to the team…"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
        />
        {error && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
        <div className="note-actions">
          <span className="muted">{/Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'}+Enter posts</span>
          <button type="submit" className="button button-small" disabled={posting}>
            Post note
          </button>
        </div>
      </form>
    </section>
  );
}
