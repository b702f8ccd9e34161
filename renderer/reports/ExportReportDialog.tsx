import { useEffect, useMemo, useState } from 'react';
import type { Verdict } from '../../shared/domain';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ClaimSelection, type PageSize, type ReportFormat, type ReportOptionsInput } from '../../shared/report/options';
import { api } from '../api';
import { Modal } from '../components/Modal';
import { useAppStore } from '../store';
import './reports.css';

type SelectionKind = ClaimSelection['kind'];

/** Choose formats, claims and page size; see the report as it will print; export each format. */
export function ExportReportDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const verdicts = useAppStore((state) => (state.current?.project.id === projectId ? state.current.verdicts : null));
  const notify = useAppStore((state) => state.notify);
  const [formats, setFormats] = useState<ReportFormat[]>(['pdf']);
  const [kind, setKind] = useState<SelectionKind>('all');
  const [chosenVerdicts, setChosenVerdicts] = useState<(string | null)[]>([]);
  const [pageSize, setPageSize] = useState<PageSize>('A4');
  const [title, setTitle] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const options = useMemo<ReportOptionsInput>(
    () => ({
      formats: formats.length ? formats : ['pdf'],
      claims: kind === 'verdicts' ? { kind, verdictIds: chosenVerdicts } : { kind },
      pageSize,
      title,
    }),
    [formats, kind, chosenVerdicts, pageSize, title],
  );

  // The preview follows the options, a moment after the last change.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .call('reports.preview', { projectId, options })
        .then((result) => live && setPreview(result.html))
        .catch((caught: unknown) => live && setError(caught instanceof Error ? caught.message : 'The preview failed.'));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [projectId, options]);

  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

  const exportAll = async () => {
    if (formats.length === 0) {
      setError('Choose at least one format.');
      return;
    }
    setExporting(true);
    setError(null);
    const saved: string[] = [];
    try {
      for (const format of formats) {
        const result = await api.call('reports.export', { projectId, options, format });
        if (!result) break; // The person cancelled the save dialog: stop asking for the rest.
        saved.push(result.path);
      }
      if (saved.length > 0) {
        notify('info', `Saved ${saved.length === 1 ? saved[0] : `${saved.length} files: ${saved.join(', ')}`}`);
        onClose();
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The report could not be exported.');
    } finally {
      setExporting(false);
    }
  };

  return (
    <Modal title="Export report" onClose={onClose} wide>
      <div className="report-dialog">
        <form className="report-options" aria-label="Report options" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>Formats</legend>
            {REPORT_FORMATS.map((format) => (
              <label key={format} className="check">
                <input type="checkbox" checked={formats.includes(format)} onChange={() => setFormats((list) => toggle(list, format))} />
                {REPORT_FORMAT_INFO[format].label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Claims</legend>
            <label className="check">
              <input type="radio" name="claims" checked={kind === 'all'} onChange={() => setKind('all')} />
              All claims
            </label>
            <label className="check">
              <input type="radio" name="claims" checked={kind === 'approved'} onChange={() => setKind('approved')} />
              Approved only
            </label>
            <label className="check">
              <input type="radio" name="claims" checked={kind === 'verdicts'} onChange={() => setKind('verdicts')} />
              Chosen verdicts
            </label>
            {kind === 'verdicts' && (
              <div className="verdict-choices" role="group" aria-label="Verdicts to include">
                {(verdicts ?? []).map((verdict: Verdict) => (
                  <label key={verdict.id} className="check">
                    <input type="checkbox" checked={chosenVerdicts.includes(verdict.id)} onChange={() => setChosenVerdicts((list) => toggle(list, verdict.id))} />
                    <span className="swatch" style={{ background: verdict.colour }} aria-hidden="true" />
                    {verdict.label}
                  </label>
                ))}
                <label className="check">
                  <input type="checkbox" checked={chosenVerdicts.includes(null)} onChange={() => setChosenVerdicts((list) => toggle(list, null))} />
                  Not yet rated
                </label>
              </div>
            )}
          </fieldset>
          <fieldset>
            <legend>Page size</legend>
            {(['A4', 'Letter'] as const).map((size) => (
              <label key={size} className="check">
                <input type="radio" name="page-size" checked={pageSize === size} onChange={() => setPageSize(size)} />
                {size}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="report-title">Report title</label>
            <input id="report-title" value={title} onChange={(event) => setTitle(event.target.value)} placeholder="The project title" />
          </div>
          <p className="muted">A “Draft” watermark appears while any claim in the report is not approved.</p>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
        <div className="report-preview">
          {preview === null ? (
            <p className="muted" aria-busy="true">
              Preparing the preview…
            </p>
          ) : (
            // No scripts, no same-origin: the report is data, shown as a document.
            <iframe title="Report preview" sandbox="" srcDoc={preview} />
          )}
        </div>
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => void exportAll()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
