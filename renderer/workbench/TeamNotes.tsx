import { useId } from 'react';
import type { TeamNote } from '../../shared/domain';
import { api } from '../api';
import { useDateFormat } from '../format/useDateFormat';
import { formatDateTime } from '../format/dates';
import { NoteField, useNoteDraft } from './NoteField';

const when = (at: string) => formatDateTime(at);

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
  useDateFormat();
  const newNote = useNoteDraft({
    what: 'A team note',
    emptyMessage: 'Write something before posting the note.',
    failMessage: 'The note could not be posted.',
    send: (text) => api.call('editorial.addTeamNote', { claimId, text }),
    onSent: onPosted,
  });
  const id = useId();
  const headingId = `${id}-heading`;

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
      <form className="note-form" onSubmit={(event) => void newNote.submit(event)}>
        <NoteField
          note={newNote}
          label="New team note"
          rows={2}
          placeholder="Write a note to the team…"
          submitOnCtrlEnter
        />
        <div className="note-actions">
          <span className="muted">{/Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'}+Enter posts</span>
          <button type="submit" className="button button-small" disabled={newNote.busy}>
            Post note
          </button>
        </div>
      </form>
    </section>
  );
}
