import { useCallback, useEffect, useState } from 'react';
import type { ClaimRecord } from '../../shared/api/contract.editorial';
import { api } from '../api';
import { useAppStore } from '../store';

/**
 * The claim's editorial record (team notes, corrections, whether a correction note is needed),
 * read when the editor opens, when asked (`reload`), after an import or restore changed the project
 * (`backgroundRevision`), and, for a published claim, again a moment after the claim changes (`version`).
 */
export function useClaimRecord(claimId: string, version: string) {
  const [record, setRecord] = useState<ClaimRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const revision = useAppStore((state) => state.backgroundRevision);
  // Only a published claim's record depends on the claim's content (whether it needs a correction
  // note): an unpublished one is read again only when asked.
  const published = record !== null && record.lastPublished !== null;
  const contentKey = published ? version : '';

  useEffect(() => {
    let live = true;
    const timer = setTimeout(
      () =>
        api
          .call('editorial.claimRecord', { claimId })
          .then((loaded) => {
            if (!live) return;
            setRecord(loaded);
            setError(null);
          })
          .catch((caught: unknown) => {
            if (live)
              setError(caught instanceof Error ? caught.message : 'The team notes could not be loaded.');
          }),
      // A burst of saves reads the record once.
      100,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [claimId, contentKey, reloads, revision]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { record, setRecord, error, reload };
}
