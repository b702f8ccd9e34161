import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { type Claim, type ClaimantType, type ClaimFields, type Source } from '../../shared/domain';
import { api } from '../api';
import { useAppStore } from '../store';
import { contextAfter, contextBefore } from '../format/quote';
import { ApprovalLine, StatusField } from './ApprovalStatus';
import { AutoSelect, AutoText } from './AutoField';
import { CheckedBefore } from './CheckedBefore';
import { NOT_RATED, preview as shorten, sameName } from './claimView';
import { CorrectionNote } from './CorrectionNote';
import { HistoryList } from './HistoryList';
import { RationalePreview, RationaleTools } from './RationaleTools';
import { SourceList } from './SourceList';
import { TagEditor } from './TagEditor';
import { TeamNotes } from './TeamNotes';
import { useAuthorName } from './useAuthorName';
import { useClaimRecord } from './useClaimRecord';

const EMPTY_SOURCES: Source[] = [];
const CLAIMANT_TYPE_OPTIONS: { value: ClaimantType; label: string }[] = [
  { value: '', label: 'Not set' },
  { value: 'Person', label: 'Person' },
  { value: 'Organization', label: 'Organization' },
];

interface ClaimEditorProps {
  claim: Claim;
  direction: 'ltr' | 'rtl';
  language: string;
  /** Focus "Claimant" once (a claim just marked). */
  focusClaimant: boolean;
  onFocused(): void;
  onBackToArticle(): void;
  onAdjustSpan(claim: Claim): void;
  onDelete(claim: Claim): void;
}

/** The editor for one claim: every field saves itself; sources, tags and history below. */
export function ClaimEditor({
  claim,
  direction,
  language,
  focusClaimant,
  onFocused,
  onBackToArticle,
  onAdjustSpan,
  onDelete,
}: ClaimEditorProps) {
  const updateClaim = useAppStore((state) => state.updateClaim);
  const verdicts = useAppStore((state) => state.current?.verdicts);
  const claimants = useAppStore((state) => state.claimantSuggestions);
  const tagSuggestions = useAppStore((state) => state.tagSuggestions);
  const sources = useAppStore((state) => state.sourcesByClaim[claim.id] ?? EMPTY_SOURCES);
  const assignees = useAppStore((state) => state.assigneeSuggestions);
  const notice = useAppStore((state) => state.approvalNotices[claim.id]);
  const dismissNotice = useAppStore((state) => state.dismissApprovalNotice);
  const offer = useAppStore((state) =>
    state.statementOffer?.claimId === claim.id ? state.statementOffer : null,
  );
  const dismissOffer = useAppStore((state) => state.dismissStatementOffer);
  const reportError = useAppStore((state) => state.reportError);
  // Read again after an import or restore changed the project (the history may have grown).
  const revision = useAppStore((state) => state.backgroundRevision);
  const me = useAuthorName();
  const claimantRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const rationaleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [preview, setPreview] = useState(false);
  const headingId = useId();
  const claimantListId = useId();
  const assigneeListId = useId();

  useEffect(() => {
    if (focusClaimant) {
      claimantRef.current?.focus();
      onFocused();
    }
  }, [focusClaimant, onFocused]);

  const save =
    <K extends keyof ClaimFields>(key: K) =>
    (value: ClaimFields[K]) =>
      updateClaim(claim.id, { [key]: value } as Partial<ClaimFields>);
  const verdict = claim.verdictId
    ? verdicts?.find((candidate) => candidate.id === claim.verdictId)
    : undefined;
  const title = `Claim ${claim.number}`;
  const version = `${claim.updatedAt}|${sources.map((source) => source.updatedAt).join(',')}`;
  const { record, setRecord, error: recordError, reload } = useClaimRecord(claim.id, version);

  /**
   * A new claimant whose type is not set yet takes the type chosen for that name before, in the
   * same save (one step to undo).
   */
  const saveClaimant = async (name: string) => {
    const current = useAppStore.getState().claims.find((candidate) => candidate.id === claim.id) ?? claim;
    const fields: Partial<ClaimFields> = { claimant: name };
    if (current.claimantType === '' && name.trim() !== '') {
      const remembered = await api
        .call('editorial.claimantType', { name: name.trim() })
        .catch(() => '' as const);
      if (remembered) fields.claimantType = remembered;
    }
    return updateClaim(claim.id, fields);
  };
  const assigneeNames = [...(me ? [me] : []), ...assignees.filter((name) => !me || !sameName(name, me))];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onBackToArticle();
    }
  };

  return (
    <section className="claim-editor" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <header className="claim-editor-head">
        <h2 id={headingId}>{title}</h2>
        <span
          className="verdict-chip"
          style={{ '--chip': (verdict ?? NOT_RATED).colour } as React.CSSProperties}
        >
          {(verdict ?? NOT_RATED).label}
        </span>
        <div className="claim-editor-actions">
          <button type="button" className="button button-small" onClick={() => onAdjustSpan(claim)}>
            {claim.anchorState === 'orphaned' ? 'Re-attach' : 'Adjust span'}
          </button>
          <button
            type="button"
            className="button button-small button-quiet danger-text"
            onClick={() => onDelete(claim)}
          >
            Delete claim
          </button>
        </div>
      </header>
      {notice && (
        <div className="approval-notice" role="status">
          <span>{notice}</span>
          <button
            type="button"
            className="notice-close"
            aria-label="Dismiss"
            onClick={() => dismissNotice(claim.id)}
          >
            ×
          </button>
        </div>
      )}
      <blockquote className="claim-quote" dir={direction} lang={language || undefined}>
        {claim.anchorState === 'orphaned' && (
          <span className="orphan-badge">Needs re-anchoring · old quote: </span>
        )}
        {/* The stored context is cut at 32 characters; it is shown from and to whole words. */}
        <span className="muted">{contextBefore(claim.anchor.prefix, claim.anchor.prefix.length >= 32)}</span>
        <mark>{claim.anchor.exact}</mark>
        <span className="muted">{contextAfter(claim.anchor.suffix, claim.anchor.suffix.length >= 32)}</span>
        {claim.quoteChangedFrom && (
          <span className="quote-changed-badge">
            A text edit changed this quote; it read “{shorten(claim.quoteChangedFrom, 80)}”.
          </span>
        )}
      </blockquote>
      {offer && (
        <div className="statement-offer" role="group" aria-label="Update the statement">
          <p>Update the statement to the new quote?</p>
          <div className="statement-offer-actions">
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => {
                dismissOffer();
                updateClaim(
                  claim.id,
                  { statement: offer.quote },
                  'Update the statement to the new quote',
                ).catch(reportError);
              }}
            >
              Update statement
            </button>
            <button type="button" className="button button-small button-quiet" onClick={dismissOffer}>
              Keep the statement
            </button>
          </div>
        </div>
      )}

      <AutoText
        label="Claim"
        multiline
        rows={2}
        value={claim.statement}
        onSave={save('statement')}
        dir="auto"
        help="The claim restated in full; it starts as the quote."
      />
      {/* Right under the statement it matches on: whether it was checked before decides what comes next. */}
      <CheckedBefore claim={claim} />
      <div className="wb-grid-2">
        <AutoText
          label="Claimant"
          value={claim.claimant}
          onSave={saveClaimant}
          list={claimantListId}
          inputRef={claimantRef}
          dir="auto"
        />
        <datalist id={claimantListId}>
          {claimants.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <AutoSelect
          label="Claimant type"
          value={claim.claimantType}
          options={CLAIMANT_TYPE_OPTIONS}
          onSave={(value) => save('claimantType')(value as ClaimantType)}
        />
      </div>
      <div className="wb-grid-2">
        <AutoText label="Claim date" type="date" value={claim.claimDate} onSave={save('claimDate')} />
        <AutoText
          label="Assignee"
          value={claim.assignee}
          onSave={save('assignee')}
          list={assigneeListId}
          placeholder="Nobody"
          dir="auto"
        />
        <datalist id={assigneeListId}>
          {assigneeNames.map((name) => (
            <option key={name} value={name} label={name === me ? 'me' : undefined} />
          ))}
        </datalist>
      </div>
      <div className="wb-grid-2">
        <AutoSelect
          label="Verdict"
          value={claim.verdictId ?? ''}
          options={[
            { value: '', label: NOT_RATED.label },
            ...(verdicts ?? []).map((candidate) => ({ value: candidate.id, label: candidate.label })),
          ]}
          onSave={(value) => save('verdictId')(value === '' ? null : value)}
        />
        <StatusField
          claim={claim}
          onRefused={(code) => {
            // Published since the record was read: read it again, so the correction note form shows.
            if (code === 'correction_required') reload();
          }}
        />
      </div>
      <ApprovalLine claim={claim} />
      {record && (
        <CorrectionNote
          claim={claim}
          record={record}
          onAdded={(note) => {
            setRecord({ ...record, corrections: [...record.corrections, note], correctionRequired: false });
            reload();
          }}
        />
      )}
      <AutoText
        label="Rationale"
        multiline
        rows={6}
        value={claim.rationale}
        onSave={save('rationale')}
        inputRef={rationaleRef}
        dir="auto"
        className="rationale-field"
        help="Plain text. **bold**, _italic_, lines starting with “- ” become a list."
        tools={({ draft, setDraft }) => (
          <RationaleTools
            textareaRef={rationaleRef}
            draft={draft}
            setDraft={setDraft}
            preview={preview}
            onTogglePreview={() => setPreview((value) => !value)}
          />
        )}
        after={(draft) => (preview ? <RationalePreview text={draft} /> : null)}
      />
      <TagEditor tags={claim.tags} suggestions={tagSuggestions} onSave={save('tags')} />
      <SourceList claimId={claim.id} />
      <TeamNotes
        claimId={claim.id}
        notes={record?.teamNotes ?? null}
        loadError={recordError}
        onPosted={(note) => {
          // Posted while the thread was still being read: that read may predate the note, so read again.
          if (record) setRecord({ ...record, teamNotes: [...record.teamNotes, note] });
          else reload();
        }}
      />
      <HistoryList claimId={claim.id} version={`${version}|${revision}`} />
    </section>
  );
}

export function EditorPlaceholder({ hasClaims }: { hasClaims: boolean }) {
  return (
    <div className="editor-empty">
      <p>{hasClaims ? 'Choose a claim in the list or in the article.' : 'No claims yet.'}</p>
      <p className="muted">
        Select a passage in the article, then press <kbd>M</kbd> or “Mark claim”. <kbd>?</kbd> shows every
        shortcut.
      </p>
    </div>
  );
}
