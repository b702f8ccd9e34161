import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../shared/api/contract';
import { api } from '../api';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';

export function AboutDialog({ onClose }: { onClose(): void }) {
  const [info, setInfo] = useState<ResponseOf<'app.info'> | null>(null);
  useEffect(() => {
    api.call('app.info', {}).then(setInfo, () => undefined);
  }, []);
  return (
    <Modal title="About Factcheck Workbench" onClose={onClose}>
      <div className="modal-body">
        <p>Mark the claims in an article, research them, give verdicts with sources, and publish the report. Everything stays on this computer.</p>
        {info && (
          <dl className="about-facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Library</dt>
            <dd className="url">{info.dataPath}</dd>
            <dt>Data version</dt>
            <dd>{info.schemaVersion}</dd>
          </dl>
        )}
      </div>
      <ModalActions confirmLabel="Close" onConfirm={onClose} autoFocus />
    </Modal>
  );
}
