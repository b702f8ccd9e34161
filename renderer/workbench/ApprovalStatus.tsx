import { useId, useState } from 'react';
import { CLAIM_STATUS_LABELS, type Claim, type ClaimStatus } from '../../shared/domain';
import { ApiCallError } from '../api';
import { formatDate, formatDateTime } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { useAppStore } from '../store';
import { AuthorNamePrompt } from './AuthorNamePrompt';
import { FieldStatus } from './FieldStatus';

const STATUS_OPTIONS = (Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[]).map((status) => ({
  value: status,
  label: CLAIM_STATUS_LABELS[status],
}));

/** Refusals of the approval rule: they say what to do, and the status stays as it was. */
const RULE_CODES = new Set(['second_pair_of_eyes', 'correction_required']);

type Problem =
  /** The approval rule refused; the message says what to do. */
  | { kind: 'rule'; message: string }
  /** The save failed (storage, validation): the choice is kept for "Try again". */
  | { kind: 'failure'; message: string }
  | null;

/**
 * "Status", saved on change. Approving records the approver: without a name in Settings it asks for
 * one and approves then; refusals of the approval rule ("Second pair of eyes", a correction note
 * needed) are shown beside the field.
 */
export function StatusField({
  claim,
  onRefused,
}: {
  claim: Claim;
  /**
   * The approval rule refused (its error code). A claim published while its editor was open only
   * learns here that it needs a correction note: the editor reads the claim's record again.
   */
  onRefused?(code: string): void;
}) {
  const updateClaim = useAppStore((state) => state.updateClaim);
  const [draft, setDraft] = useState<ClaimStatus>(claim.status);
  const [stored, setStored] = useState<ClaimStatus>(claim.status);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [problem, setProblem] = useState<Problem>(null);
  const [askName, setAskName] = useState(false);
  const id = useId();
  const statusId = `${id}-status`;

  // The stored status changed elsewhere (undo, an edit that withdrew the approval): follow it.
  if (stored !== claim.status) {
    setStored(claim.status);
    if (problem?.kind !== 'failure' && !askName) setDraft(claim.status);
  }

  const save = async (value: ClaimStatus) => {
    setDraft(value);
    setProblem(null);
    setSaving('saving');
    try {
      await updateClaim(claim.id, { status: value });
      setSaving('saved');
    } catch (error) {
      setSaving('idle');
      const code = error instanceof ApiCallError ? error.code : null;
      const message = error instanceof Error ? error.message : 'The status could not be saved.';
      if (code === 'author_required') {
        setAskName(true);
      } else if (code !== null && RULE_CODES.has(code)) {
        setDraft(claim.status);
        setProblem({ kind: 'rule', message });
        onRefused?.(code);
      } else {
        setProblem({ kind: 'failure', message });
      }
    }
  };

  const failure = problem?.kind === 'failure' ? problem : null;
  const describedBy = problem ? statusId : undefined;
  return (
    <div className="wb-field status-field">
      <div className="wb-field-head">
        <label htmlFor={id}>Status</label>
        {!problem && (
          <FieldStatus state={{ status: saving }} id={statusId} onRetry={() => void save(draft)} />
        )}
      </div>
      <select
        id={id}
        value={draft}
        onChange={(event) => void save(event.target.value as ClaimStatus)}
        aria-invalid={failure ? true : undefined}
        aria-describedby={describedBy}
      >
        {STATUS_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {failure && (
        <FieldStatus
          state={{ status: 'error', message: failure.message }}
          id={statusId}
          onRetry={() => void save(draft)}
        />
      )}
      {problem?.kind === 'rule' && (
        <p className="status-refusal" id={statusId} role="alert">
          {problem.message}
        </p>
      )}
      {askName && (
        <AuthorNamePrompt
          reason={<>Approving records who approved Claim {claim.number}. Type your name to approve it.</>}
          confirmLabel="Save name and approve"
          onCancel={() => {
            setAskName(false);
            setDraft(claim.status);
          }}
          onSaved={() => {
            setAskName(false);
            void save('approved');
          }}
        />
      )}
    </div>
  );
}

/** "Approved by Ana on 3 May 2025": who approved the claim, and when. */
export function ApprovalLine({ claim }: { claim: Claim }) {
  useDateFormat();
  if (claim.status !== 'approved' || !claim.approval.by) return null;
  const at = claim.approval.at;
  const date = at ? formatDate(at) : 'an unknown date';
  return (
    <p className="approval-line" title={at ? formatDateTime(at) : undefined}>
      {`Approved by ${claim.approval.by} on ${date}`}
    </p>
  );
}
