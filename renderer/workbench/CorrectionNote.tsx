import { useId, useState, type FormEvent } from 'react';
import type { ClaimRecord } from '../../shared/api/contract.editorial';
import {
  CORRECTION_KIND_LABELS,
  LIMITS,
  type Claim,
  type Correction,
  type CorrectionKind,
} from '../../shared/domain';
import { ApiCallError } from '../api';
import { useAppStore } from '../store';
import { AuthorNamePrompt } from './AuthorNamePrompt';

const day = (at: string) =>
  new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
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
  const addCorrection = useAppStore((state) => state.addCorrection);
  const [kind, setKind] = useState<CorrectionKind>('correction');
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [askName, setAskName] = useState(false);
  const id = useId();

  const add = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) {
      setError('Say what changed and why.');
      return;
    }
    if (text.length > LIMITS.noteChars) {
      setError(`A correction note can be at most ${LIMITS.noteChars.toLocaleString('en')} characters.`);
      return;
    }
    setAdding(true);
    try {
      const note = await addCorrection(claim.id, kind, text);
      setDraft('');
      setError(null);
      onAdded(note);
    } catch (caught) {
      if (caught instanceof ApiCallError && caught.code === 'author_required') setAskName(true);
      else setError(caught instanceof Error ? caught.message : 'The note could not be added.');
    } finally {
      setAdding(false);
    }
  };

  const published = record.lastPublished;
  return (
    <>
      {record.correctionRequired && (
        <section className="correction-needed" aria-labelledby={`${id}-heading`}>
          <h3 id={`${id}-heading`}>Correction or update needed</h3>
          <p>
            {`This claim was published on ${published ? day(published.publishedAt) : 'an earlier date'} and has changed since: add a correction or update note before approving it again.`}
          </p>
          <form onSubmit={(event) => void add(event)}>
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
            <label htmlFor={`${id}-text`} className="visually-hidden">
              Correction note
            </label>
            <textarea
              id={`${id}-text`}
              rows={3}
              dir="auto"
              value={draft}
              placeholder="What changed and why; published under the claim."
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => {
                setDraft(event.target.value);
                if (error) setError(null);
              }}
            />
            {error && (
              <p className="field-error" id={`${id}-error`} role="alert">
                {error}
              </p>
            )}
            <div className="note-actions">
              <button type="submit" className="button button-small" disabled={adding}>
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
            {record.corrections.map((note) => (
              <li key={note.id} className="note">
                <div className="note-meta">
                  <span className="note-author">{CORRECTION_KIND_LABELS[note.kind]}</span>
                  <span aria-hidden="true"> · </span>
                  <time dateTime={note.createdAt}>{day(note.createdAt)}</time>
                  {note.author && <span> · {note.author}</span>}
                </div>
                <p className="note-text" dir="auto">
                  {note.text}
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
            void add();
          }}
        />
      )}
    </>
  );
}
