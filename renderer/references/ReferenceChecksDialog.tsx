import { useCallback, useEffect, useState } from 'react';
import type { ReferenceCollection } from '../../shared/api/contract.references';
import { FORMAT_LABELS } from '../../shared/references/types';
import { api } from '../api';
import { countOf, formatDateTime, formatNumber } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Modal } from '../components/Modal';
import { ImportReferences } from './ImportReferences';
import './references.css';

const messageOf = (caught: unknown, fallback: string) => (caught instanceof Error ? caught.message : fallback);
export const formatImportedAt = (iso: string) => formatDateTime(iso);
const plural = (count: number, one: string) => countOf(count, one);

/**
 * "Reference fact-checks…" on the project list: the collections of published fact-checks imported
 * from other outlets or data sets, with Delete (asked first) and "Import fact-checks…".
 */
export function ReferenceChecksDialog({ onClose }: { onClose(): void }) {
  const [collections, setCollections] = useState<ReferenceCollection[] | null>(null);
  useDateFormat();
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<ReferenceCollection | null>(null);

  const load = useCallback(() => {
    api
      .call('references.collections', {})
      .then((list) => {
        setCollections(list);
        setError(null);
      })
      .catch((caught: unknown) => setError(messageOf(caught, 'The collections could not be read.')));
  }, []);
  useEffect(load, [load]);

  const remove = (collection: ReferenceCollection) => {
    setDeleting(null);
    api
      .call('references.deleteCollection', { id: collection.id })
      .then(load)
      .catch((caught: unknown) => setError(messageOf(caught, 'The collection could not be deleted.')));
  };

  if (importing)
    return (
      <ImportReferences
        existingNames={(collections ?? []).map((collection) => collection.name)}
        onClose={onClose}
        onBack={() => {
          setImporting(false);
          load();
        }}
      />
    );

  return (
    <Modal title="Reference fact-checks" onClose={onClose} wide>
      <div className="modal-body">
        <p>Published fact-checks from other outlets and data sets, kept in your library so you can see whether a claim was checked before.</p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {collections && collections.length === 0 && <p className="muted">No reference fact-checks yet. Import a ClaimReview or fact-check API JSON file, or a CSV or TSV table.</p>}
        {collections && collections.length > 0 && (
          <table className="reference-table" aria-label="Collections">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Format</th>
                <th scope="col">Items</th>
                <th scope="col">Imported</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {collections.map((collection) => (
                <tr key={collection.id}>
                  <th scope="row" dir="auto">
                    {collection.name}
                  </th>
                  <td>{FORMAT_LABELS[collection.format]}</td>
                  <td>{formatNumber(collection.itemCount)}</td>
                  <td>{formatImportedAt(collection.importedAt)}</td>
                  <td>
                    <button type="button" className="button button-quiet button-small" aria-label={`Delete ${collection.name}`} onClick={() => setDeleting(collection)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="button button-primary" onClick={() => setImporting(true)}>
          Import fact-checks…
        </button>
      </div>
      {deleting && (
        <ConfirmDialog title={`Delete “${deleting.name}”?`} confirmLabel="Delete collection" danger onCancel={() => setDeleting(null)} onConfirm={() => remove(deleting)}>
          <p>
            This removes its {plural(deleting.itemCount, 'fact-check')} from your library. The file it was imported from is not touched.
          </p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
