import { memo, useDeferredValue, useEffect, useRef, type CSSProperties, type RefObject } from 'react';
import { CLAIM_STATUS_LABELS, type Claim, type ClaimStatus } from '../../shared/domain';
import { useAppStore } from '../store';
import { ASSIGNED_TO_ME, NOT_RATED, preview, sameName, UNASSIGNED, type ClaimFilter } from './claimView';
import { useAuthorName } from './useAuthorName';

type VerdictMap = Map<string, { label: string; colour: string }>;

interface ClaimFilterBarProps {
  filter: ClaimFilter;
  onChange(filter: ClaimFilter): void;
  verdicts: { id: string; label: string }[];
  filterRef: RefObject<HTMLInputElement | null>;
  shown: number;
  total: number;
}

export const ClaimFilterBar = memo(function ClaimFilterBar({
  filter,
  onChange,
  verdicts,
  filterRef,
  shown,
  total,
}: ClaimFilterBarProps) {
  const me = useAuthorName();
  const names = useAppStore((state) => state.assigneeSuggestions);
  // "Assigned to me" follows the name in Settings.
  useEffect(() => {
    if (filter.me !== me) onChange({ ...filter, me });
  }, [filter, me, onChange]);
  const others = names.filter((name) => !me || !sameName(name, me));
  if (
    filter.assignee &&
    filter.assignee !== ASSIGNED_TO_ME &&
    filter.assignee !== UNASSIGNED &&
    !others.includes(filter.assignee)
  )
    others.push(filter.assignee);
  return (
    <div className="claim-filter" role="search" aria-label="Filter claims">
      <input
        ref={filterRef}
        type="search"
        aria-label="Filter claims by text"
        placeholder="Filter claims  /"
        value={filter.text}
        onChange={(event) => onChange({ ...filter, text: event.target.value })}
      />
      <select
        aria-label="Filter by verdict"
        value={filter.verdict}
        onChange={(event) => onChange({ ...filter, verdict: event.target.value })}
      >
        <option value="">All verdicts</option>
        <option value="none">{NOT_RATED.label}</option>
        {verdicts.map((verdict) => (
          <option key={verdict.id} value={verdict.id}>
            {verdict.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by status"
        value={filter.status}
        onChange={(event) => onChange({ ...filter, status: event.target.value as ClaimFilter['status'] })}
      >
        <option value="">All statuses</option>
        {(Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[]).map((status) => (
          <option key={status} value={status}>
            {CLAIM_STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by assignee"
        value={filter.assignee}
        onChange={(event) => onChange({ ...filter, assignee: event.target.value, me })}
      >
        <option value="">Anyone</option>
        <option value={ASSIGNED_TO_ME}>
          {me ? 'Assigned to me' : 'Assigned to me (set your name in Settings)'}
        </option>
        <option value={UNASSIGNED}>Unassigned</option>
        {others.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <span className="muted claim-count" role="status">
        {shown === total ? `${total} claim${total === 1 ? '' : 's'}` : `${shown} of ${total} claims`}
      </span>
    </div>
  );
});

interface ClaimListProps {
  claims: Claim[];
  selectedId: string | null;
  verdicts: VerdictMap;
  onSelect(id: string): void;
}

/** The anchored claims in reading order. Updated after the highlights (deferred), so marking stays quick. */
export const ClaimList = memo(function ClaimList({ claims, selectedId, verdicts, onSelect }: ClaimListProps) {
  const deferred = useDeferredValue(claims);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!selectedId) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-claim-id="${selectedId}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, deferred]);
  return (
    <ul className="claim-list" aria-label="Claims" ref={listRef}>
      {deferred.map((claim) => (
        <ClaimItem
          key={claim.id}
          claim={claim}
          selected={claim.id === selectedId}
          verdicts={verdicts}
          onSelect={onSelect}
        />
      ))}
    </ul>
  );
});

const ClaimItem = memo(function ClaimItem({
  claim,
  selected,
  verdicts,
  onSelect,
}: {
  claim: Claim;
  selected: boolean;
  verdicts: VerdictMap;
  onSelect(id: string): void;
}) {
  const verdict = (claim.verdictId ? verdicts.get(claim.verdictId) : undefined) ?? NOT_RATED;
  return (
    <li>
      <button
        type="button"
        className="claim-item"
        data-claim-id={claim.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(claim.id)}
        style={{ '--chip': verdict.colour } as CSSProperties}
      >
        <span className="claim-item-line">
          <span className="claim-num">Claim {claim.number}:</span>{' '}
          <span dir="auto">{preview(claim.statement || claim.anchor.exact)}</span>
        </span>
        <span className="claim-item-meta">
          <span className="verdict-dot" aria-hidden="true" />
          <span>{verdict.label}</span>
          <span aria-hidden="true">·</span>
          <span className={`status status-${claim.status}`}>{CLAIM_STATUS_LABELS[claim.status]}</span>
          {claim.claimant && (
            <>
              <span aria-hidden="true">·</span>
              <span className="claimant" dir="auto">
                {claim.claimant}
              </span>
            </>
          )}
          {claim.assignee && (
            <>
              <span aria-hidden="true">·</span>
              <span className="assignee">
                assigned to <bdi>{claim.assignee}</bdi>
              </span>
            </>
          )}
        </span>
      </button>
    </li>
  );
});

/** Claims whose quote was not found after the text changed: never dropped, listed here to re-attach. */
export function OrphanList({
  claims,
  selectedId,
  onSelect,
  onReattach,
}: {
  claims: Claim[];
  selectedId: string | null;
  onSelect(id: string): void;
  onReattach(claim: Claim): void;
}) {
  if (claims.length === 0) return null;
  return (
    <section className="orphans" aria-labelledby="orphans-heading">
      <h3 id="orphans-heading">Needs re-anchoring ({claims.length})</h3>
      <p className="muted">
        The article text changed and these quotes were not found. Select the new text for each and attach it.
      </p>
      <ul aria-label="Needs re-anchoring">
        {claims.map((claim) => (
          <li key={claim.id} className={claim.id === selectedId ? 'orphan orphan-selected' : 'orphan'}>
            <button type="button" className="orphan-quote" onClick={() => onSelect(claim.id)} dir="auto">
              <span className="claim-num">Claim {claim.number}:</span> “{preview(claim.anchor.exact, 120)}”
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => onReattach(claim)}
              aria-label={`Re-attach Claim ${claim.number} “${preview(claim.anchor.exact, 40)}”`}
            >
              Re-attach
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
