import { useEffect, useId, useRef, useState } from 'react';
import type { ScalePresetId, Verdict, VerdictFields } from '../../shared/domain';
import { SCALE_PRESETS } from '../../shared/scales/presets';
import { api } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Modal } from '../components/Modal';
import { ModalActions } from '../components/ModalActions';
import { useAppStore } from '../store';
import { NOT_RATED } from './claimView';
import { FieldStatus } from './FieldStatus';
import { useAutosave } from './useAutosave';

const EMPTY: Verdict[] = [];

/** How many claims use each verdict of the project. */
async function fetchUsage(projectId: string): Promise<Map<string, number>> {
  const rows = await api.call('workbench.verdictUsage', { projectId });
  return new Map(rows.map((row) => [row.verdictId, row.count]));
}
const usageError = (caught: unknown) =>
  caught instanceof Error ? caught.message : 'The scale could not be loaded.';

/** The project's verdict scale: presets, and add, rename, recolour, reorder, rating value, delete. */
export function ScaleEditor({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const verdicts = useAppStore((state) => state.current?.verdicts ?? EMPTY);
  const refreshProject = useAppStore((state) => state.refreshProject);
  const [usage, setUsage] = useState<Map<string, number>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [preset, setPreset] = useState<ScalePresetId>('generic');
  const [confirmPreset, setConfirmPreset] = useState(false);
  const [deleting, setDeleting] = useState<Verdict | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  // The usage of the project's verdicts, loaded when the editor opens (or the project changes); an
  // answer for a project the editor no longer shows is dropped.
  useEffect(() => {
    let current = true;
    fetchUsage(projectId).then(
      (loaded) => {
        if (current) setUsage(loaded);
      },
      (caught: unknown) => {
        if (current) setError(usageError(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [projectId]);
  const loadUsage = async () => {
    try {
      setUsage(await fetchUsage(projectId));
    } catch (caught) {
      setError(usageError(caught));
    }
  };

  /** Runs a change of the scale, then reloads the scale and the open article's claims. */
  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The scale could not be changed.');
    }
    await refreshProject();
    await loadUsage();
    const state = useAppStore.getState();
    if (state.wbArticleId) await state.loadArticle(state.wbArticleId);
  };

  const move = (index: number, by: -1 | 1) => {
    const order = verdicts.map((verdict) => verdict.id);
    const [moved] = order.splice(index, 1);
    order.splice(index + by, 0, moved!);
    void run(() => api.call('verdicts.reorder', { projectId, orderedIds: order }));
  };
  const add = () =>
    void run(async () => {
      const created = await api.call('verdicts.create', {
        projectId,
        fields: {
          label: `New verdict ${verdicts.length + 1}`,
          description: '',
          colour: '#6b7280',
          ratingValue: null,
        },
      });
      setFocusId(created.id);
    });
  const remove = (verdict: Verdict) => {
    if ((usage.get(verdict.id) ?? 0) > 0) setDeleting(verdict);
    else void run(() => api.call('verdicts.delete', { id: verdict.id }));
  };

  return (
    <Modal title="Verdict scale" onClose={onClose} wide>
      <p className="muted">
        The verdicts of this project, in order: the first is shortcut <kbd>1</kbd>. The rating value goes into
        ClaimReview (leave it empty for a conclusion-only verdict).
      </p>
      <div className="preset-row">
        <label className="field field-inline">
          <span>Preset</span>
          <select value={preset} onChange={(event) => setPreset(event.target.value as ScalePresetId)}>
            {SCALE_PRESETS.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => setConfirmPreset(true)}>
          Apply preset
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ol className="scale-list" aria-label="Verdicts">
        {verdicts.map((verdict, index) => (
          <VerdictRow
            key={verdict.id}
            verdict={verdict}
            index={index}
            last={index === verdicts.length - 1}
            uses={usage.get(verdict.id) ?? 0}
            autoFocus={focusId === verdict.id}
            onFocused={() => setFocusId(null)}
            onSave={(fields) =>
              api.call('verdicts.update', { id: verdict.id, fields }).then(() => refreshProject())
            }
            onMove={(by) => move(index, by)}
            onDelete={() => remove(verdict)}
          />
        ))}
      </ol>
      <div className="modal-actions modal-actions-split">
        <button type="button" className="button" onClick={add}>
          Add verdict
        </button>
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
      </div>
      {confirmPreset && (
        <ConfirmDialog
          title="Replace the scale?"
          confirmLabel="Apply preset"
          onCancel={() => setConfirmPreset(false)}
          onConfirm={() => {
            setConfirmPreset(false);
            void run(() => api.call('verdicts.applyPreset', { projectId, preset }));
          }}
        >
          <p>
            The scale becomes “{SCALE_PRESETS.find((candidate) => candidate.id === preset)?.name}”. Verdicts
            with the same label keep their claims; a verdict in use that the preset does not have stops the
            change.
          </p>
        </ConfirmDialog>
      )}
      {deleting && (
        <ReplaceVerdictDialog
          verdict={deleting}
          uses={usage.get(deleting.id) ?? 0}
          others={verdicts.filter((verdict) => verdict.id !== deleting.id)}
          onCancel={() => setDeleting(null)}
          onConfirm={(replacementId) => {
            const target = deleting;
            setDeleting(null);
            void run(() => api.call('verdicts.delete', { id: target.id, replacementId }));
          }}
        />
      )}
    </Modal>
  );
}

interface VerdictRowProps {
  verdict: Verdict;
  index: number;
  last: boolean;
  uses: number;
  autoFocus: boolean;
  onFocused(): void;
  onSave(fields: Partial<VerdictFields>): Promise<unknown>;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}

function VerdictRow({
  verdict,
  index,
  last,
  uses,
  autoFocus,
  onFocused,
  onSave,
  onMove,
  onDelete,
}: VerdictRowProps) {
  const n = index + 1;
  const label = useAutosave(verdict.label, (value: string) => onSave({ label: value }));
  const colour = useAutosave(verdict.colour, (value: string) => onSave({ colour: value }), 250);
  const description = useAutosave(verdict.description, (value: string) => onSave({ description: value }));
  const rating = useAutosave(
    verdict.ratingValue === null ? '' : String(verdict.ratingValue),
    (value: string) => {
      const trimmed = value.trim();
      if (trimmed !== '' && !Number.isFinite(Number(trimmed)))
        return Promise.reject(new Error('The rating value must be a number, or empty.'));
      return onSave({ ratingValue: trimmed === '' ? null : Number(trimmed) });
    },
  );
  const id = useId();
  const labelRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) {
      labelRef.current?.focus();
      labelRef.current?.select();
      onFocused();
    }
  }, [autoFocus, onFocused]);
  const states = [label.state, colour.state, description.state, rating.state];
  const failed = states.find((state) => state.status === 'error');
  const busy = states.some((state) => state.status === 'pending' || state.status === 'saving');

  return (
    <li className="scale-row">
      <span className="scale-num" aria-hidden="true">
        {n}
      </span>
      <input
        type="color"
        aria-label={`Verdict ${n} colour`}
        value={colour.draft}
        onChange={(event) => colour.setDraft(event.target.value)}
        onBlur={() => void colour.flush()}
      />
      <input
        ref={labelRef}
        className="scale-label"
        aria-label={`Verdict ${n} label`}
        value={label.draft}
        onChange={(event) => label.setDraft(event.target.value)}
        onBlur={() => void label.flush()}
        dir="auto"
      />
      <input
        className="scale-rating"
        aria-label={`Verdict ${n} rating value`}
        inputMode="decimal"
        placeholder="—"
        value={rating.draft}
        onChange={(event) => rating.setDraft(event.target.value)}
        onBlur={() => void rating.flush()}
      />
      <input
        className="scale-description"
        aria-label={`Verdict ${n} description`}
        placeholder="Description"
        value={description.draft}
        onChange={(event) => description.setDraft(event.target.value)}
        onBlur={() => void description.flush()}
        dir="auto"
      />
      <span className="scale-uses muted">
        {uses === 0 ? 'unused' : `${uses} claim${uses === 1 ? '' : 's'}`}
      </span>
      <span className="scale-buttons">
        <button
          type="button"
          className="button button-small"
          aria-label={`Move ${verdict.label} up`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={`Move ${verdict.label} down`}
          disabled={last}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="button button-small button-quiet danger-text"
          aria-label={`Delete ${verdict.label}`}
          onClick={onDelete}
        >
          Delete
        </button>
      </span>
      <span className="scale-status" id={`${id}-status`}>
        {failed ? (
          <FieldStatus
            state={failed}
            id={`${id}-error`}
            onRetry={() =>
              void Promise.all([label.flush(), colour.flush(), description.flush(), rating.flush()])
            }
          />
        ) : busy ? (
          <span className="field-status">Saving…</span>
        ) : null}
      </span>
    </li>
  );
}

function ReplaceVerdictDialog({
  verdict,
  uses,
  others,
  onCancel,
  onConfirm,
}: {
  verdict: Verdict;
  uses: number;
  others: Verdict[];
  onCancel(): void;
  onConfirm(replacementId: string | null): void;
}) {
  const [replacement, setReplacement] = useState(others[0]?.id ?? '');
  return (
    <Modal title={`Delete “${verdict.label}”?`} onClose={onCancel} role="alertdialog">
      <div className="modal-body">
        <p>
          {uses} claim{uses === 1 ? ' has' : 's have'} this verdict. Choose the verdict{' '}
          {uses === 1 ? 'it gets' : 'they get'} instead; the change is recorded in each claim’s history.
        </p>
        <label className="field">
          <span>Replacement verdict</span>
          <select value={replacement} onChange={(event) => setReplacement(event.target.value)} autoFocus>
            {others.map((other) => (
              <option key={other.id} value={other.id}>
                {other.label}
              </option>
            ))}
            <option value="">{NOT_RATED.label}</option>
          </select>
        </label>
      </div>
      <ModalActions
        onCancel={onCancel}
        confirmLabel="Delete and replace"
        onConfirm={() => onConfirm(replacement === '' ? null : replacement)}
        danger
      />
    </Modal>
  );
}
