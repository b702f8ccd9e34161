import { useId, useState } from 'react';
import type { ClaimRecord } from '../../shared/api/contract.editorial';
import {
  CORRECTION_KIND_LABELS,
  type Claim,
  type Correction,
  type CorrectionKind,
} from '../../shared/domain';
import { ApiCallError } from '../api';
import { useDateFormat } from '../format/useDateFormat';
import { formatDate } from '../format/dates';
import { useAppStore } from '../store';
import { AuthorNamePrompt } from './AuthorNamePrompt';
import { NoteField, useNoteDraft } from './NoteField';

const day = (at: string) => formatDate(at);
const KINDS = Object.keys(CORRECTION_KIND_LABELS) as CorrectionKind[];

/**
 * A published claim that changed since needs a correction or update note before it is approved
 * again: the form says so and takes the note. The notes already added are listed (they are
 * published under the claim).
 */
export function CorrectionNote({
  claim,
  record,
  onAdded,
}: {
  claim: Claim;
  record: ClaimRecord;
  onAdded(note: Correction): void;
}) {
  useDateFormat();
  const addCorrection = useAppStore((state) => state.addCorrection);
  const [kind, setKind] = useState<CorrectionKind>('correction');
  const [askName, setAskName] = useState(false);
  const id = useId();
  const newNote = useNoteDraft({
    what: 'A correction note',
    emptyMessage: 'Say what changed and why.',
    failMessage: 'The note could not be added.',
    send: (text) => addCorrection(claim.id, kind, text),
    onSent: onAdded,
    handleFailure: (caught) => {
      const askForName = caught instanceof ApiCallError && caught.code === 'author_required';
      if (askForName) setAskName(true);
      return askForName;
    },
  });

  const published = record.lastPublished;
  return (
    <>
      {record.correctionRequired && (
        <section className="correction-needed" aria-labelledby={`${id}-heading`}>
          <h3 id={`${id}-heading`}>Correction or update needed</h3>
          <p>
            {`This claim was published on ${published ? day(published.publishedAt) : 'an earlier date'} and has changed since: add a correction or update note before approving it again.`}
          </p>
          <form onSubmit={(event) => void newNote.submit(event)}>
            <fieldset className="correction-kind">
              <legend className="visually-hidden">Kind of note</legend>
              {KINDS.map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    value={value}
                    checked={kind === value}
                    onChange={() => setKind(value)}
                  />
                  {CORRECTION_KIND_LABELS[value]}
                </label>
              ))}
            </fieldset>
            <NoteField
              note={newNote}
              label="Correction note"
              rows={3}
              placeholder="What changed and why; published under the claim."
            />
            <div className="note-actions">
              <button type="submit" className="button button-small" disabled={newNote.busy}>
                Add {CORRECTION_KIND_LABELS[kind].toLowerCase()} note
              </button>
            </div>
          </form>
        </section>
      )}
      {record.corrections.length > 0 && (
        <section className="corrections" aria-labelledby={`${id}-list`}>
          <h3 id={`${id}-list`}>Corrections and updates</h3>
          <ol className="note-thread">
            {record.corrections.map((correction) => (
              <li key={correction.id} className="note">
                <div className="note-meta">
                  <span className="note-author">{CORRECTION_KIND_LABELS[correction.kind]}</span>
                  <span aria-hidden="true"> · </span>
                  <time dateTime={correction.createdAt}>{day(correction.createdAt)}</time>
                  {correction.author && <span> · {correction.author}</span>}
                </div>
                <p className="note-text" dir="auto">
                  {correction.text}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {askName && (
        <AuthorNamePrompt
          reason="A correction note records who wrote it. Type your name to add it."
          confirmLabel="Save name and add note"
          onCancel={() => setAskName(false)}
          onSaved={() => {
            setAskName(false);
            void newNote.submit();
          }}
        />
      )}
    </>
  );
}
