import { useEffect, useState } from 'react';
import type { Change } from '../../shared/domain';
import { api } from '../api';
import { useAppStore } from '../store';
import { NOT_RATED } from './claimView';
import { describeChange } from './historyText';

/** The claim's recorded changes (and its sources'), newest first, with time and author. */
export function HistoryList({ claimId, version }: { claimId: string; version: string }) {
  const [open, setOpen] = useState(false);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const verdicts = useAppStore((state) => state.current?.verdicts);

  useEffect(() => {
    if (!open) return;
    let live = true;
    // A moment after the last save, so a burst of typing loads once.
    const timer = setTimeout(() => {
      api
        .call('workbench.claimHistory', { claimId, limit: 200 })
        .then((loaded) => {
          if (live) {
            setChanges(loaded);
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

  const verdictLabel = (id: string | null) => {
    if (id === null) return NOT_RATED.label;
    return verdicts?.find((verdict) => verdict.id === id)?.label ?? 'a deleted verdict';
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
      {changes && (
        <ol className="history-list" aria-label="History of this claim">
          {changes.map((change) => (
            <li key={change.id}>
              <div className="history-meta">
                <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time>
                <span> · {change.author || 'no author name (set it in Settings)'}</span>
              </div>
              <ul>
                {describeChange(change, verdictLabel).map((line, index) => (
                  <li key={index} dir="auto">
                    {line}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
