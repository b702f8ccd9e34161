import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  CLAIM_STATUS_LABELS,
  type Claim,
  type ClaimFields,
  type ClaimStatus,
  type Source,
} from '../../shared/domain';
import { useAppStore } from '../store';
import { AutoSelect, AutoText } from './AutoField';
import { NOT_RATED } from './claimView';
import { HistoryList } from './HistoryList';
import { RationalePreview, RationaleTools } from './RationaleTools';
import { SourceList } from './SourceList';
import { TagEditor } from './TagEditor';

const EMPTY_SOURCES: Source[] = [];
const STATUS_OPTIONS = (Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[]).map((status) => ({
  value: status,
  label: CLAIM_STATUS_LABELS[status],
}));

interface ClaimEditorProps {
  claim: Claim;
  number: number | null;
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
  number,
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
  const claimantRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const rationaleRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [preview, setPreview] = useState(false);
  const headingId = useId();
  const claimantListId = useId();

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
  const title = number !== null ? `Claim ${number}` : 'Claim that needs re-anchoring';
  const version = `${claim.updatedAt}|${sources.map((source) => source.updatedAt).join(',')}`;

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
      <blockquote className="claim-quote" dir={direction} lang={language || undefined}>
        {claim.anchorState === 'orphaned' && (
          <span className="orphan-badge">Needs re-anchoring · old quote: </span>
        )}
        <span className="muted">
          {claim.anchor.prefix.length >= 32 ? '…' : ''}
          {claim.anchor.prefix}
        </span>
        <mark>{claim.anchor.exact}</mark>
        <span className="muted">
          {claim.anchor.suffix}
          {claim.anchor.suffix.length >= 32 ? '…' : ''}
        </span>
      </blockquote>

      <AutoText
        label="Claim"
        multiline
        rows={2}
        value={claim.statement}
        onSave={save('statement')}
        dir="auto"
        help="The claim restated in full; it starts as the quote."
      />
      <div className="wb-grid-2">
        <AutoText
          label="Claimant"
          value={claim.claimant}
          onSave={save('claimant')}
          list={claimantListId}
          inputRef={claimantRef}
          dir="auto"
        />
        <datalist id={claimantListId}>
          {claimants.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <AutoText label="Claim date" type="date" value={claim.claimDate} onSave={save('claimDate')} />
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
        <AutoSelect
          label="Status"
          value={claim.status}
          options={STATUS_OPTIONS}
          onSave={(value) => save('status')(value as ClaimStatus)}
        />
      </div>
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
      <HistoryList claimId={claim.id} version={version} />
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
