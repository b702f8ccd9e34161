import { useEffect, useRef, useState } from 'react';
import type { ImportConflict, ImportPreview, ImportSummary } from '../../shared/api/contract.projectFiles';
import { api } from '../api';
import { Modal } from '../components/Modal';
import { TaskProgressBar, useLongTask } from '../components/TaskProgress';
import { countOf, formatDateTime } from '../format/dates';
import { quoted } from '../format/quote';
import { useDateFormat } from '../format/useDateFormat';
import { useAppStore } from '../store';
import { describeCounts, describeEditorial } from './describeCounts';
import './projectFiles.css';

type Side = 'yours' | 'theirs';
type Stage = { kind: 'choosing' } | { kind: 'preview'; preview: ImportPreview } | { kind: 'done'; summary: ImportSummary };

/**
 * Import a teammate's .factcheck file: see what it would change, settle each conflict by choosing
 * "Yours" or "Theirs" (nothing is written until every one has a side), then read what happened.
 */
export function ImportProjectDialog({ path, onClose }: { path?: string | null; onClose(): void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'choosing' });
  const [choices, setChoices] = useState<Record<string, Side>>({});
  useDateFormat();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Progress of the import and its Cancel (main answers 'cancelled' and writes nothing).
  const task = useLongTask();
  const reading = useLongTask();
  const { begin: beginReading, end: endReading } = reading;
  const navigate = useAppStore((state) => state.navigate);
  const loadProjects = useAppStore((state) => state.loadProjects);
  const refreshProject = useAppStore((state) => state.refreshProject);
  const started = useRef(false);

  useEffect(() => {
    // StrictMode runs effects twice in development; the open dialog must appear once.
    if (started.current) return;
    started.current = true;
    const taskId = beginReading();
    api
      .call('projectFiles.inspect', path ? { path, taskId } : { taskId })
      .then((preview) => (preview ? setStage({ kind: 'preview', preview }) : onClose()))
      .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : 'The file could not be read.'))
      .finally(endReading);
  }, [onClose, path, beginReading, endReading]);

  const cancel = () => {
    // Closing while the file is being read or imported stops that work too: main writes nothing.
    if (task.running) task.cancel();
    if (reading.running) reading.cancel();
    if (stage.kind === 'preview') void api.call('projectFiles.discard', { importId: stage.preview.importId }).catch(() => undefined);
    onClose();
  };

  const apply = async (asCopy: boolean) => {
    if (stage.kind !== 'preview') return;
    setBusy(true);
    setError(null);
    const taskId = task.begin();
    try {
      const summary = await api.call('projectFiles.apply', { importId: stage.preview.importId, asCopy, resolutions: asCopy ? {} : choices, taskId });
      setStage({ kind: 'done', summary });
      await loadProjects();
      await refreshProject();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The file could not be imported.');
    } finally {
      task.end();
      setBusy(false);
    }
  };

  if (stage.kind === 'choosing') {
    return (
      <Modal title="Import project file" onClose={onClose}>
        {error ? (
          <>
            <p className="field-error" role="alert">
              {error}
            </p>
            <p className="muted">Nothing in your library was changed.</p>
          </>
        ) : (
          <>
            <p className="muted" aria-busy="true">
              Choose a .factcheck file…
            </p>
            {reading.progress && <TaskProgressBar task={reading} what="Reading" />}
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  if (stage.kind === 'done') {
    const { summary } = stage;
    return (
      <Modal title="Import finished" onClose={onClose}>
        <div className="modal-body" role="status">
          <p>
            {summary.unchanged
              ? `Your library already had everything in this file. “${summary.title}” is unchanged.`
              : `“${summary.title}” ${summary.mode === 'merge' ? 'was merged' : summary.mode === 'copy' ? 'was imported as a copy' : 'was added'}.`}
          </p>
          {!summary.unchanged && (
            <ul className="import-summary">
              <li>Added: {describeCounts(summary.added)}</li>
              <li>Updated: {describeCounts(summary.updated)}</li>
              {Object.values(summary.deleted).some(Boolean) && <li>Deleted: {describeCounts(summary.deleted)}</li>}
              {summary.resolved.yours + summary.resolved.theirs > 0 && (
                <li>
                  Conflicts resolved: {summary.resolved.yours} kept yours, {summary.resolved.theirs} took theirs
                </li>
              )}
              {describeEditorial(summary.editorialAdded) && <li>Notes added: {describeEditorial(summary.editorialAdded)}</li>}
              {summary.orphanedClaims > 0 && (
                <li>{`${countOf(summary.orphanedClaims, 'claim')} ${summary.orphanedClaims === 1 ? 'needs' : 'need'} re-anchoring.`}</li>
              )}
              {summary.approvalsWithdrawn > 0 && (
                <li>
                  {summary.approvalsWithdrawn === 1
                    ? '1 approved claim changed in the import and is back In review.'
                    : `${summary.approvalsWithdrawn} approved claims changed in the import and are back In review.`}
                </li>
              )}
              {summary.renumberedClaims.length > 0 && (
                <li>
                  Both copies had given the same numbers to different claims; the claim marked first keeps its number:
                  <ul className="renumbered" aria-label="Renumbered claims">
                    {summary.renumberedClaims.map((claim) => (
                      <li key={claim.claimId} dir="auto">
                        Claim {claim.from} is now Claim {claim.to}: {claim.statement}
                      </li>
                    ))}
                  </ul>
                </li>
              )}
            </ul>
          )}
          {summary.backupId && <p className="muted">A backup of the project as it was is kept: “Restore version before import” puts it back.</p>}
        </div>
        <div className="modal-actions">
          <button
            type="button"
            className="button button-primary"
            autoFocus
            onClick={() => {
              onClose();
              navigate({ kind: 'project', projectId: summary.projectId, articleId: null });
            }}
          >
            Open project
          </button>
        </div>
      </Modal>
    );
  }

  const { preview } = stage;
  const unresolved = preview.conflicts.filter((conflict) => !choices[conflict.id]).length;
  const chooseAll = (side: Side) => setChoices(Object.fromEntries(preview.conflicts.map((conflict) => [conflict.id, side])));
  return (
    <Modal title={`Import “${preview.fileName}”`} onClose={cancel} wide>
      <div className="modal-body">
        <p>
          {preview.mode === 'merge'
            ? `Your library has “${preview.projectTitle}”. The file’s work will be merged into it.`
            : `“${preview.projectTitle}” is new to your library and will be added.`}
        </p>
        <p className="muted">
          Exported by {preview.exportedBy || 'someone'} on {formatDateTime(preview.exportedAt)} ·{' '}
          {[
            countOf(preview.counts.articles, 'article'),
            countOf(preview.counts.claims, 'claim'),
            countOf(preview.counts.sources, 'source'),
            ...(preview.counts.teamNotes > 0 ? [countOf(preview.counts.teamNotes, 'team note')] : []),
          ].join(', ')}
          .
        </p>
        {preview.mode === 'merge' && (
          <p className="muted">
            Adds {describeCounts(preview.effect.added)}; updates {describeCounts(preview.effect.updated)}
            {Object.values(preview.effect.deleted).some(Boolean) ? `; deletes ${describeCounts(preview.effect.deleted)}` : ''}.
          </p>
        )}
        {preview.conflicts.length > 0 && (
          <section className="conflicts" aria-label="Conflicts">
            <div className="conflicts-head">
              <h3>
                {preview.conflicts.length} conflict{preview.conflicts.length === 1 ? '' : 's'}: both of you changed the same thing
              </h3>
              <div className="conflicts-bulk">
                <button type="button" className="button button-small" onClick={() => chooseAll('yours')}>
                  Keep all yours
                </button>
                <button type="button" className="button button-small" onClick={() => chooseAll('theirs')}>
                  Take all theirs
                </button>
              </div>
            </div>
            {preview.conflicts.map((conflict) => (
              <ConflictChoice key={conflict.id} conflict={conflict} value={choices[conflict.id]} onChange={(side) => setChoices((current) => ({ ...current, [conflict.id]: side }))} />
            ))}
          </section>
        )}
        <TaskProgressBar task={task} what="Import" />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
        {preview.mode === 'merge' && (
          <button type="button" className="button" onClick={() => void apply(true)} disabled={busy}>
            Import as a copy
          </button>
        )}
        <button type="button" className="button button-primary" onClick={() => void apply(false)} disabled={busy || unresolved > 0}>
          {unresolved > 0 ? `Choose a side for ${unresolved} conflict${unresolved === 1 ? '' : 's'}` : preview.mode === 'merge' ? 'Merge' : 'Import'}
        </button>
      </div>
    </Modal>
  );
}

/**
 * How a conflict names what it is about. A claim is named by its number ("Claim 7 — Verdict"), its
 * quote on the line below; other records by their label. The label comes unquoted from main.
 */
function conflictTitle(conflict: ImportConflict): { title: string; quote: string | null } {
  if (conflict.entityType === 'claim' && conflict.claimNumber !== null)
    return { title: `Claim ${conflict.claimNumber} — ${conflict.fieldLabel}`, quote: conflict.label ? quoted(conflict.label) : null };
  const record = `${conflict.entityType} ${quoted(conflict.label)}${conflict.claimNumber !== null ? ` (Claim ${conflict.claimNumber})` : ''}`;
  return { title: conflict.kind === 'deleted' ? `${record}: ${conflict.fieldLabel}` : `${conflict.fieldLabel} of ${record}`, quote: null };
}

function ConflictChoice({ conflict, value, onChange }: { conflict: ImportConflict; value: Side | undefined; onChange(side: Side): void }) {
  const name = `conflict-${conflict.id}`;
  const { title, quote } = conflictTitle(conflict);
  return (
    <fieldset className="conflict">
      <legend dir="auto">{title}</legend>
      {quote && (
        <p className="conflict-record" dir="auto">
          {quote}
        </p>
      )}
      <p className={conflict.base.common ? 'conflict-base' : 'conflict-base no-common'}>
        <span className="conflict-side-title">Started from:</span>{' '}
        <span className="conflict-value" dir="auto">
          {conflict.base.display || '(empty)'}
        </span>
      </p>
      <div className="conflict-sides">
        {(['yours', 'theirs'] as const).map((side) => {
          const info = conflict[side];
          return (
            <label key={side} className={value === side ? 'conflict-side chosen' : 'conflict-side'}>
              <input type="radio" name={name} checked={value === side} onChange={() => onChange(side)} aria-label={`${side === 'yours' ? 'Yours' : 'Theirs'}: ${info.deleted ? 'deleted' : info.display}`} />
              <span className="conflict-side-title">{side === 'yours' ? 'Yours' : 'Theirs'}</span>
              <span className="conflict-value" dir="auto">
                {info.deleted ? 'Deleted' : info.display || '(empty)'}
              </span>
              <span className="muted">
                {info.author || 'Unknown'} · {info.at ? formatDateTime(info.at) : ''}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
