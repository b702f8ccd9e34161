import { useEffect, useId, useMemo, useState } from 'react';
import type { Claim, Project, Publication, Verdict } from '../../shared/domain';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ClaimSelection, type PageSize, type ReportFormat, type ReportOptionsInput } from '../../shared/report/options';
import { selectClaims } from '../../shared/report/select';
import { REPORT_CATALOGUES, REPORT_LANGUAGES, type ReportLanguage } from '../../shared/report/i18n';
import { api } from '../api';
import { Modal } from '../components/Modal';
import { TaskProgressBar, useLongTask } from '../components/TaskProgress';
import { formatNames } from '../components/PublicationLog';
import { formatDateTime } from '../format/dates';
import { useAppStore } from '../store';
import '../components/editorial.css';
import './reports.css';

type SelectionKind = ClaimSelection['kind'];

/** A file this dialog wrote, with the claim selection it was written with. */
interface SessionExport {
  exportId: string;
  format: ReportFormat;
  fileName: string;
  selection: ClaimSelection;
}

/** editorial.markPublished takes at most this many files. */
const MAX_PUBLISHED_FILES = 10;

const fileNameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Every claim of the project (with its status), read article by article. */
function useProjectClaims(projectId: string): { claims: Claim[] | null; error: string | null } {
  const articleIds = useAppStore((state) =>
    state.current?.project.id === projectId ? state.current.articles.map((article) => article.id).join(',') : null,
  );
  const [result, setResult] = useState<{ claims: Claim[] | null; error: string | null }>({ claims: null, error: null });
  useEffect(() => {
    if (articleIds === null) return;
    let live = true;
    const ids = articleIds ? articleIds.split(',') : [];
    Promise.all(ids.map((id) => api.call('workbench.loadArticle', { id })))
      .then((loaded) => live && setResult({ claims: loaded.flatMap((article) => article.claims), error: null }))
      .catch(
        (caught: unknown) =>
          live &&
          setResult({
            claims: null,
            error: `The claims’ statuses could not be read: ${caught instanceof Error ? caught.message : 'unknown error'}`,
          }),
      );
    return () => {
      live = false;
    };
  }, [articleIds]);
  return result;
}

/** Why "Mark as published" is off, or null when it may be used. */
function publishBlocker(
  exports: readonly SessionExport[],
  claims: Claim[] | null,
  loadError: string | null,
  project: Project | null,
  verdicts: Verdict[] | null,
): string | null {
  if (loadError) return loadError;
  if (!claims || !project) return 'Checking the claims’ statuses…';
  const data = { project, verdicts: verdicts ?? [], articles: [], claims, sources: [], teamNotes: [], corrections: [], publications: [] };
  const included = new Map<string, Claim>();
  for (const file of exports) for (const claim of selectClaims(data, file.selection)) included.set(claim.id, claim);
  if (included.size === 0) return 'The exported report includes no claims, so there is nothing to publish.';
  const open = [...included.values()].filter((claim) => claim.status !== 'approved').sort((a, b) => a.number - b.number);
  if (open.length === 0) return null;
  const names = open.slice(0, 8).map((claim) => `Claim ${claim.number}`);
  const more = open.length > 8 ? ` and ${open.length - 8} more` : '';
  return `Only a report whose every claim is approved can be marked as published. Not approved yet: ${names.join(', ')}${more}.`;
}

/** Choose formats, claims and page size; see the report as it will print; export each format. */
export function ExportReportDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const verdicts = useAppStore((state) => (state.current?.project.id === projectId ? state.current.verdicts : null));
  const project = useAppStore((state) => (state.current?.project.id === projectId ? state.current.project : null));
  const notify = useAppStore((state) => state.notify);
  const markPublished = useAppStore((state) => state.markPublished);
  const { claims, error: claimsError } = useProjectClaims(projectId);
  const [exports, setExports] = useState<SessionExport[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<Publication | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const reasonId = useId();
  const [formats, setFormats] = useState<ReportFormat[]>(['pdf']);
  const [kind, setKind] = useState<SelectionKind>('all');
  const [chosenVerdicts, setChosenVerdicts] = useState<(string | null)[]>([]);
  const [pageSize, setPageSize] = useState<PageSize>('A4');
  const [title, setTitle] = useState('');
  // Page captures' screenshots embedded in the HTML file (main/reports: capped in size); off by default.
  const [includeScreenshots, setIncludeScreenshots] = useState(false);
  // null until the person picks one: the report is then in its default language, which the preview names.
  const [language, setLanguage] = useState<ReportLanguage | null>(null);
  const [defaultLanguage, setDefaultLanguage] = useState<ReportLanguage>('en');
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  // Progress of the file being written (a long PDF), and its Cancel (no file is left then).
  const task = useLongTask();

  const options = useMemo<ReportOptionsInput>(
    () => ({
      formats: formats.length ? formats : ['pdf'],
      claims: kind === 'verdicts' ? { kind, verdictIds: chosenVerdicts } : { kind },
      pageSize,
      title,
      ...(language ? { language } : {}),
      ...(formats.includes('html') ? { includeScreenshots } : {}),
    }),
    [formats, kind, chosenVerdicts, pageSize, title, language, includeScreenshots],
  );

  // The preview follows the options, a moment after the last change.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .call('reports.preview', { projectId, options })
        .then((result) => {
          if (!live) return;
          setPreview(result.html);
          if (!language && result.language) setDefaultLanguage(result.language);
        })
        .catch((caught: unknown) => live && setError(caught instanceof Error ? caught.message : 'The preview failed.'));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [projectId, options, language]);

  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((item) => item !== value) : [...list, value]);

  const exportAll = async () => {
    if (formats.length === 0) {
      setError('Choose at least one format.');
      return;
    }
    setExporting(true);
    setError(null);
    setPublishError(null);
    const saved: string[] = [];
    const selection = options.claims ?? { kind: 'all' };
    try {
      for (const format of formats) {
        const taskId = task.begin();
        const result = await api.call('reports.export', { projectId, options, format, taskId }).finally(task.end);
        if (!result) break; // The person cancelled the save dialog: stop asking for the rest.
        saved.push(result.path);
        // Each file as it is written, so a later failure keeps the ones already saved.
        const file = { exportId: result.exportId, format, fileName: fileNameOf(result.path), selection };
        setExports((list) => [...list, file].slice(-MAX_PUBLISHED_FILES));
        setPublished(null);
      }
      if (saved.length > 0) {
        notify('info', `Saved ${saved.length === 1 ? '1 file' : `${saved.length} files`}.`, saved);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The report could not be exported.');
    } finally {
      setExporting(false);
    }
  };

  const blocker = exports.length > 0 ? publishBlocker(exports, claims, claimsError, project, verdicts) : null;

  const publish = async () => {
    setPublishing(true);
    setPublishError(null);
    try {
      const publication = await markPublished(exports.map((file) => file.exportId));
      setPublished(publication);
      setExports([]);
    } catch (caught) {
      setPublishError(caught instanceof Error ? caught.message : 'The report could not be marked as published.');
    } finally {
      setPublishing(false);
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
            {formats.includes('html') && (
              <label className="check">
                <input type="checkbox" checked={includeScreenshots} onChange={(event) => setIncludeScreenshots(event.target.checked)} />
                Include page screenshots (HTML)
              </label>
            )}
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
            <label htmlFor="report-language">Report language</label>
            <select
              id="report-language"
              value={language ?? defaultLanguage}
              onChange={(event) => setLanguage(event.target.value as ReportLanguage)}
            >
              {REPORT_LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {REPORT_CATALOGUES[code].languageName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="report-title">Report title</label>
            <input id="report-title" value={title} onChange={(event) => setTitle(event.target.value)} placeholder="The project title" />
          </div>
          <p className="muted">A “Draft” watermark appears while any claim in the report is not approved.</p>
          {task.progress && <TaskProgressBar task={task} what="Export" />}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
        <div className="report-side">
          {(exports.length > 0 || published) && (
            <section className="publish-box" aria-label="Publication">
              {exports.length > 0 && (
                <>
                  <h3>Exported in this session</h3>
                  <ul>
                    {exports.map((file) => (
                      <li key={file.exportId}>
                        {file.fileName} <span className="muted">({REPORT_FORMAT_INFO[file.format].name})</span>
                      </li>
                    ))}
                  </ul>
                  <div className="publish-row">
                    <button
                      type="button"
                      className="button button-primary"
                      onClick={() => void publish()}
                      disabled={blocker !== null || publishing}
                      aria-describedby={reasonId}
                    >
                      {publishing ? 'Marking as published…' : 'Mark as published'}
                    </button>
                    <span id={reasonId} className="muted">
                      {blocker ??
                        'Records these files, their checksums and every claim they include in the project’s publication log.'}
                    </span>
                  </div>
                </>
              )}
              {publishError && (
                <p className="field-error" role="alert">
                  {publishError}
                </p>
              )}
              {published && (
                <p className="publish-done" role="status">
                  {`Marked as published on ${formatDateTime(published.publishedAt)} (${formatNames(published.formats)}).`}{' '}
                  The project’s Publications list has the files and claims.
                </p>
              )}
            </section>
          )}
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
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose}>
          {exports.length > 0 || published ? 'Close' : 'Cancel'}
        </button>
        <button type="button" className="button button-primary" onClick={() => void exportAll()} disabled={exporting}>
          {exporting ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
