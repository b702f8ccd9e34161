import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReferenceImportResult, ReferenceInspection } from '../../shared/api/contract.references';
import { cleanItem } from '../../shared/references/clean';
import { rowMapper } from '../../shared/references/delimited';
import { describeReferenceImport } from '../../shared/references/summary';
import { FIELD_LABELS, FORMAT_LABELS, REFERENCE_FIELDS, type ColumnMapping, type ReferenceField, type ReferenceItem } from '../../shared/references/types';
import { api } from '../api';
import { countOf } from '../format/dates';
import { Modal } from '../components/Modal';
import { TaskProgressBar, useLongTask } from '../components/TaskProgress';

type Stage = { kind: 'choosing' } | { kind: 'preview'; inspection: ReferenceInspection } | { kind: 'done'; result: ReferenceImportResult };
/** The mapping step's state: which column fills each field ('' for none). */
type FieldColumns = Record<ReferenceField, string>;

const messageOf = (caught: unknown, fallback: string) => (caught instanceof Error ? caught.message : fallback);
/** "verified_claims.docs.tsv" → "verified_claims.docs": the default collection name. */
const withoutExtension = (fileName: string) => fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '') || fileName;

function fieldColumns(suggested: ColumnMapping): FieldColumns {
  const columns = Object.fromEntries(REFERENCE_FIELDS.map((field) => [field, ''])) as FieldColumns;
  for (const [column, field] of Object.entries(suggested)) columns[field] = column;
  return columns;
}

function toMapping(columns: FieldColumns): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of REFERENCE_FIELDS) if (columns[field]) mapping[columns[field]] = field;
  return mapping;
}

/**
 * "Import fact-checks…": the file is chosen in the open dialog, then this shows its format, how
 * many items it holds and a sample; for CSV/TSV, which column fills which field (prefilled from
 * the headers); the collection's name; then the import with progress and Cancel, and a summary.
 */
export function ImportReferences({ existingNames, onBack, onClose }: { existingNames: string[]; onBack(): void; onClose(): void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'choosing' });
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [columns, setColumns] = useState<FieldColumns>(() => fieldColumns({}));
  const reading = useLongTask();
  const task = useLongTask();
  const { begin: beginReading, end: endReading } = reading;
  const started = useRef(false);

  useEffect(() => {
    // StrictMode runs effects twice in development; the open dialog must appear once.
    if (started.current) return;
    started.current = true;
    const taskId = beginReading();
    api
      .call('references.inspect', { taskId })
      .then((inspection) => {
        if (!inspection) return onBack();
        setName(withoutExtension(inspection.fileName));
        setColumns(fieldColumns(inspection.suggestedMapping));
        setStage({ kind: 'preview', inspection });
      })
      .catch((caught: unknown) => setError(messageOf(caught, 'The file could not be read.')))
      .finally(endReading);
  }, [onBack, beginReading, endReading]);

  const close = () => {
    // Closing while the file is read or imported stops that work: main writes nothing.
    if (task.running) task.cancel();
    if (reading.running) reading.cancel();
    onClose();
  };

  if (stage.kind === 'choosing')
    return (
      <Modal title="Import fact-checks" onClose={close}>
        <div className="modal-body">
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
                Choose a file of fact-checks…
              </p>
              {reading.progress && <TaskProgressBar task={reading} what="Reading" />}
            </>
          )}
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onBack}>
            Back
          </button>
        </div>
      </Modal>
    );

  if (stage.kind === 'done')
    return (
      <Modal title="Import finished" onClose={onClose}>
        <div className="modal-body" role="status">
          <p dir="auto">“{stage.result.collectionName}”</p>
          <ul className="reference-summary">
            {describeReferenceImport(stage.result).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <div className="modal-actions">
          <button type="button" className="button button-primary" autoFocus onClick={onBack}>
            Done
          </button>
        </div>
      </Modal>
    );

  return (
    <PreviewStep
      inspection={stage.inspection}
      name={name}
      setName={setName}
      columns={columns}
      setColumns={setColumns}
      existingNames={existingNames}
      error={error}
      task={task}
      onBack={onBack}
      onClose={close}
      onImport={async () => {
        setError(null);
        const taskId = task.begin();
        try {
          const { inspection } = stage;
          const result = await api.call('references.import', {
            path: inspection.path,
            collectionName: name,
            ...(inspection.columns.length > 0 ? { mapping: toMapping(columns) } : {}),
            taskId,
          });
          setStage({ kind: 'done', result });
        } catch (caught) {
          setError(messageOf(caught, 'The file could not be imported.'));
        } finally {
          task.end();
        }
      }}
    />
  );
}

interface PreviewProps {
  inspection: ReferenceInspection;
  name: string;
  setName(name: string): void;
  columns: FieldColumns;
  setColumns(update: (current: FieldColumns) => FieldColumns): void;
  existingNames: string[];
  error: string | null;
  task: ReturnType<typeof useLongTask>;
  onBack(): void;
  onClose(): void;
  onImport(): Promise<void>;
}

function PreviewStep({ inspection, name, setName, columns, setColumns, existingNames, error, task, onBack, onClose, onImport }: PreviewProps) {
  const delimited = inspection.columns.length > 0;
  const sample = useMemo<ReferenceItem[]>(() => {
    if (!delimited) return inspection.sample;
    if (!columns.claimText) return [];
    const toItem = rowMapper(inspection.columns, toMapping(columns));
    return inspection.sampleRows.map((row) => cleanItem(toItem(row))).filter((item): item is ReferenceItem => item !== null);
  }, [delimited, inspection, columns]);
  const trimmed = name.trim();
  const addsToExisting = existingNames.includes(trimmed);
  const count = `${inspection.countIsEstimate ? 'about ' : ''}${countOf(inspection.itemCount, 'item')}`;
  const missingClaim = delimited && !columns.claimText;

  return (
    <Modal title={`Import “${inspection.fileName}”`} onClose={onClose} wide>
      <div className="modal-body">
        <p>
          Format: {FORMAT_LABELS[inspection.format]} · {count}
        </p>
        {delimited && inspection.needsMapping && (
          <fieldset className="reference-mapping">
            <legend>Which column holds what</legend>
            {REFERENCE_FIELDS.map((field) => (
              <label key={field} className="field">
                <span>
                  {FIELD_LABELS[field]}
                  {field === 'claimText' ? ' (required)' : ''}
                </span>
                <select value={columns[field]} onChange={(event) => setColumns((current) => ({ ...current, [field]: event.target.value }))}>
                  <option value="">(none)</option>
                  {inspection.columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {missingClaim && (
          <p className="field-error" role="alert">
            Choose the column that holds the claim text.
          </p>
        )}
        {sample.length > 0 && (
          <table className="reference-table reference-sample" aria-label="Sample">
            <thead>
              <tr>
                <th scope="col">Claim text</th>
                <th scope="col">Rating</th>
                <th scope="col">Publisher</th>
                <th scope="col">Title</th>
              </tr>
            </thead>
            <tbody>
              {sample.map((item, index) => (
                <tr key={index}>
                  <td dir="auto">{item.claimText}</td>
                  <td dir="auto">{item.rating}</td>
                  <td dir="auto">{item.publisher}</td>
                  <td dir="auto">{item.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <label className="field">
          <span>Collection name</span>
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} aria-describedby="reference-name-help" />
        </label>
        <p id="reference-name-help" className="field-help">
          {addsToExisting ? `Adds to the collection “${trimmed}”; fact-checks already in it are updated, not doubled.` : 'A new collection.'}
        </p>
        <TaskProgressBar task={task} what="Import" />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onBack} disabled={task.running}>
          Back
        </button>
        <button type="button" className="button button-primary" onClick={() => void onImport()} disabled={task.running || missingClaim || trimmed === ''}>
          Import
        </button>
      </div>
    </Modal>
  );
}
