import { useEffect, useState } from 'react';
import type { Publication } from '../../shared/domain';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../../shared/report/options';
import { formatDateTime } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { useAppStore } from '../store';
import { Modal } from './Modal';
import { ModalActions } from './ModalActions';
import './editorial.css';

/** "PDF, HTML" from the formats a publication recorded. */
export function formatNames(formats: readonly string[]): string {
  return formats.map((format) => (isReportFormat(format) ? REPORT_FORMAT_INFO[format].name : format.toUpperCase())).join(', ');
}
const isReportFormat = (format: string): format is ReportFormat => (REPORT_FORMATS as readonly string[]).includes(format);

/** The project's publication log: what went out, when, by whom, file by file and claim by claim. */
export function PublicationLog({ onClose }: { onClose(): void }) {
  const publications = useAppStore((state) => state.publications);
  const loadPublications = useAppStore((state) => state.loadPublications);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadPublications().catch((caught: unknown) =>
      setError(caught instanceof Error ? caught.message : 'The publication log could not be loaded.'),
    );
  }, [loadPublications]);

  return (
    <Modal title="Publications" onClose={onClose} wide>
      <div className="publication-log">
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : publications === null ? (
          <p className="muted" aria-busy="true">
            Loading…
          </p>
        ) : publications.length === 0 ? (
          <p className="muted">
            Nothing from this project has been marked as published yet. Export a report whose every claim is
            approved, then choose “Mark as published” in the export dialog.
          </p>
        ) : (
          <ol className="publication-list" aria-label="Publication log">
            {publications.map((publication) => (
              <PublicationEntry key={publication.id} publication={publication} />
            ))}
          </ol>
        )}
      </div>
      <ModalActions onCancel={onClose} cancelLabel="Close" />
    </Modal>
  );
}

function PublicationEntry({ publication }: { publication: Publication }) {
  useDateFormat();
  const when = formatDateTime(publication.publishedAt);
  const headingId = `publication-${publication.id}`;
  return (
    <li className="publication" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Published <time dateTime={publication.publishedAt}>{when}</time>
      </h3>
      <p className="muted">
        By {publication.publishedBy || 'no author name'} · {formatNames(publication.formats)}
      </p>
      <h4>Files</h4>
      <ul className="publication-files">
        {publication.files.map((file) => (
          <li key={`${file.name}-${file.sha256}`}>
            <span className="publication-file-name">{file.name}</span>{' '}
            <span className="muted">{formatNames([file.format])}</span>{' '}
            <code className="sha" title={`SHA-256 ${file.sha256}`}>
              SHA-256 {file.sha256.slice(0, 12)}…
            </code>
          </li>
        ))}
      </ul>
      <h4>
        {publication.claims.length} claim{publication.claims.length === 1 ? '' : 's'}
      </h4>
      <ul className="publication-claims">
        {publication.claims.map((claim) => (
          <li key={claim.claimId}>
            <span className="publication-claim-number">Claim {claim.number}</span>
            <span className="publication-verdict">{claim.verdict || 'Not yet rated'}</span>
            <bdi className="publication-statement">{claim.statement}</bdi>
          </li>
        ))}
      </ul>
    </li>
  );
}
