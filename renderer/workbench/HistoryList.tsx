import { useEffect, useMemo, useState } from 'react';
import type { Change } from '../../shared/domain';
import { api } from '../api';
import { useAppStore } from '../store';
import { formatDateTime } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { NOT_RATED, preview } from './claimView';
import {
  differsFromCurrent,
  historyLines,
  newestFirst,
  type HistoryLine,
  type HistoryValue,
  type RestoreValue,
} from './historyText';
import './history.css';

/** Values longer than this are shortened, with "Show all" beside them. */
const SHORT = 160;

/**
 * The claim's recorded changes (and its sources') as a log, newest first by time: who, when, and
 * each field's old → new value. A claim field's past value can be restored; that saves it through
 * claims.update like any edit, so the approval rule applies and undo covers it.
 */
export function HistoryList({ claimId, version }: { claimId: string; version: string }) {
  const [open, setOpen] = useState(false);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  useDateFormat();
  const verdicts = useAppStore((state) => state.current?.verdicts);
  const claim = useAppStore((state) => state.claims.find((candidate) => candidate.id === claimId));
  const updateClaim = useAppStore((state) => state.updateClaim);

  useEffect(() => {
    if (!open) return;
    let live = true;
    // A moment after the last save, so a burst of typing loads once.
    const timer = setTimeout(() => {
      api
        .call('workbench.claimHistory', { claimId, limit: 200 })
        .then((loaded) => {
          if (live) {
            setChanges(newestFirst(loaded));
            setError(null);
          }
        })
        .catch(
          (caught: unknown) =>
            live && setError(caught instanceof Error ? caught.message : 'The history could not be loaded.'),
        );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, claimId, version]);

  const entries = useMemo(() => {
    const verdictLabel = (id: string | null) => {
      if (id === null) return NOT_RATED.label;
      return verdicts?.find((verdict) => verdict.id === id)?.label ?? 'a deleted verdict';
    };
    return (changes ?? []).map((change) => ({ change, lines: historyLines(change, verdictLabel) }));
  }, [changes, verdicts]);

  /** A past value can be restored while it differs from the claim's and (a verdict) is still on the scale. */
  const canRestore = (restore: RestoreValue | undefined): restore is RestoreValue => {
    if (!restore || !claim || !differsFromCurrent(restore, claim)) return false;
    if (restore.field === 'verdictId' && restore.value !== null)
      return verdicts?.some((verdict) => verdict.id === restore.value) ?? false;
    return true;
  };

  const restore = async (line: HistoryLine, value: RestoreValue) => {
    setRestoring(true);
    setError(null);
    try {
      await updateClaim(claimId, { [value.field]: value.value }, `Restore ${line.label.toLocaleLowerCase()}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The value could not be restored.');
    } finally {
      setRestoring(false);
    }
  };

  return (
    <details
      className="history"
      open={open}
      onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}
    >
      <summary>History</summary>
      {error && (
        <p className="field-status-error" role="alert">
          {error}
        </p>
      )}
      {open && !changes && !error && <p className="muted">Loading…</p>}
      {changes && changes.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {changes && changes.length > 0 && (
        <ol className="history-list" aria-label="History of this claim">
          {entries.map(({ change, lines }) => (
            <li key={change.id} className="history-entry">
              <div className="history-meta">
                <span className="history-author">{change.author || 'No author name (set it in Settings)'}</span>
                {' · '}
                <time dateTime={change.at}>{formatDateTime(change.at)}</time>
              </div>
              <ul className="history-lines">
                {lines.map((line, index) => (
                  <HistoryLineView
                    key={index}
                    line={line}
                    restore={canRestore(line.restore) ? line.restore : undefined}
                    busy={restoring}
                    onRestore={(value) => void restore(line, value)}
                  />
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function Value({ value, full, className }: { value: HistoryValue; full: boolean; className: string }) {
  const text = full || value.text.length <= SHORT ? value.text : preview(value.text, SHORT);
  return (
    <bdi className={className}>{value.quote ? `“${text}”` : text}</bdi>
  );
}

function HistoryLineView({
  line,
  restore,
  busy,
  onRestore,
}: {
  line: HistoryLine;
  restore: RestoreValue | undefined;
  busy: boolean;
  onRestore(value: RestoreValue): void;
}) {
  const [full, setFull] = useState(false);
  const long = [line.before, line.after].some((value) => value?.quote && value.text.length > SHORT);
  const hasValues = line.before !== undefined || line.after !== undefined;
  return (
    <li className="history-line">
      <span className="history-field">
        {line.label}
        {hasValues ? ':' : ''}
      </span>
      {line.before && (
        <>
          {' '}
          <Value value={line.before} full={full} className="history-old" />
        </>
      )}
      {line.before && line.after && ' → '}
      {line.after && (
        <>
          {line.before ? '' : ' '}
          <Value value={line.after} full={full} className="history-new" />
        </>
      )}
      {(long || restore) && (
        <span className="history-line-actions">
          {long && (
            <button
              type="button"
              className="button-link"
              aria-expanded={full}
              onClick={() => setFull((value) => !value)}
            >
              {full ? 'Show less' : 'Show all'}
            </button>
          )}
          {restore && line.before && (
            <button
              type="button"
              className="button-link"
              title={`Set the ${line.label.toLocaleLowerCase()} back to ${line.before.quote ? `“${preview(line.before.text, 60)}”` : line.before.text}`}
              disabled={busy}
              onClick={() => onRestore(restore)}
            >
              Restore this value
            </button>
          )}
        </span>
      )}
    </li>
  );
}
