import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ClaimHit, MarkedText, ReferenceHit, SearchFacets, SearchFilters, SearchResult } from '../../shared/api/contract.search';
import { CLAIM_STATUS_LABELS, ClaimStatus } from '../../shared/domain';
import { calendarDateProblem } from '../../shared/domain/calendar';
import { api } from '../api';
import { formatDate } from '../format/dates';
import { useDateFormat } from '../format/useDateFormat';
import { languageName } from './languageName';
import { Modal } from '../components/Modal';
import { openClaimFromSearch } from './openClaim';
import './search.css';

/** Typing pauses this long before the library is searched. */
const DEBOUNCE_MS = 150;

type Option =
  | { kind: 'claim'; key: string; projectId: string; hit: ClaimHit }
  | { kind: 'reference'; key: string; hit: ReferenceHit };

interface FilterState {
  verdictLabel: string;
  status: '' | ClaimStatus;
  claimant: string;
  tag: string;
  from: string;
  to: string;
  language: string;
  referencesOnly: boolean;
}
const NO_FILTERS: FilterState = { verdictLabel: '', status: '', claimant: '', tag: '', from: '', to: '', language: '', referencesOnly: false };
const NO_FACETS: SearchFacets = { verdicts: [], languages: [], tags: [] };

/**
 * "Search library" (Ctrl+K / Cmd+K, or the button on the project list): one box over every
 * project's claims and the reference fact-checks, results grouped by project, matched words marked.
 * The results are a listbox the arrow keys move through while the focus stays in the box
 * (aria-activedescendant); Enter opens the claim in its project, Esc closes.
 */
export function SearchLibraryDialog({ onClose }: { onClose(): void }) {
  useDateFormat();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  /** What the filters offer, library-wide: read once as the dialog opens. */
  const [facets, setFacets] = useState<SearchFacets>(NO_FACETS);
  const listId = useId();
  const tagListId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const request = useRef(0);

  useEffect(() => {
    let open = true;
    api
      .call('search.facets', {})
      .then((answer) => {
        if (open) setFacets(answer);
      })
      // Without them the filters still work: the tag is typed, verdict and language offer "Any".
      .catch(() => undefined);
    return () => {
      open = false;
    };
  }, []);

  useEffect(() => {
    const ticket = ++request.current;
    const timer = setTimeout(() => {
      api
        .call('search.query', { text, filters: toRequestFilters(filters), limit: 100 })
        .then((answer) => {
          if (ticket !== request.current) return;
          setResult(answer);
          setError(null);
          setActive(0);
        })
        .catch((reason: unknown) => {
          if (ticket === request.current) setError(reason instanceof Error ? reason.message : String(reason));
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filters]);

  const options = useMemo<Option[]>(() => {
    if (!result) return [];
    const claims: Option[] = result.projects.flatMap((project) =>
      project.claims.map((hit) => ({ kind: 'claim' as const, key: `c-${hit.id}`, projectId: project.projectId, hit })),
    );
    return [...claims, ...result.references.map((hit) => ({ kind: 'reference' as const, key: `r-${hit.id}`, hit }))];
  }, [result]);
  const positions = useMemo(() => new Map(options.map((option, i) => [option.key, i])), [options]);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeOption = options[active];

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // optionId only depends on listId, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, options]);

  const choose = (option: Option | undefined) => {
    if (!option) return;
    if (option.kind === 'claim') {
      onClose();
      openClaimFromSearch({ projectId: option.projectId, articleId: option.hit.articleId, claimId: option.hit.id });
    } else if (option.hit.url) {
      document.getElementById(`${optionId(options.indexOf(option))}-link`)?.click();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if ((event.key === 'Home' || event.key === 'End') && event.ctrlKey) {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : Math.max(0, options.length - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(activeOption);
    } else if (event.key === 'Escape') {
      // A search box clears itself on Esc and keeps the dialog open; here Esc closes, as the hint says.
      event.preventDefault();
      onClose();
    }
  };

  const set = <K extends keyof FilterState>(key: K, value: FilterState[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const claimCount = result?.projects.reduce((sum, project) => sum + project.claims.length, 0) ?? 0;
  const summary = !result
    ? 'Searching…'
    : result.terms.length === 0
      ? 'Type words to find claims in every project, and reference fact-checks.'
      : claimCount + result.references.length === 0
        ? 'Nothing found.'
        : `${count(claimCount, 'claim')}${result.references.length > 0 ? `, ${count(result.references.length, 'reference fact-check')}` : ''}${result.truncated && !result.newestOnly ? ' (the best ones)' : ''}`;

  return (
    <Modal title="Search library" onClose={onClose} wide>
      <div className="search-dialog">
        <input
          type="search"
          className="search-box"
          role="combobox"
          aria-label="Search library"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(active) : undefined}
          placeholder="Words from a statement, quote, rationale, note or source…"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
          spellCheck={false}
        />
        <fieldset className="search-filters">
          <legend className="visually-hidden">Filters</legend>
          <label className="search-filter">
            Verdict
            <select value={filters.verdictLabel} onChange={(event) => set('verdictLabel', event.target.value)} disabled={filters.referencesOnly}>
              <option value="">Any</option>
              {facets.verdicts.map(({ label }) => (
                <option key={label} value={label}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="search-filter">
            Status
            <select value={filters.status} onChange={(event) => set('status', event.target.value as FilterState['status'])} disabled={filters.referencesOnly}>
              <option value="">Any</option>
              {ClaimStatus.options.map((status) => (
                <option key={status} value={status}>
                  {CLAIM_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </label>
          <label className="search-filter">
            Claimant
            <input type="text" value={filters.claimant} onChange={(event) => set('claimant', event.target.value)} />
          </label>
          <label className="search-filter">
            Tag
            <input type="text" list={tagListId} value={filters.tag} onChange={(event) => set('tag', event.target.value)} disabled={filters.referencesOnly} />
            <datalist id={tagListId}>
              {facets.tags.map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
          </label>
          <DateFilter label="From" value={filters.from} onChange={(value) => set('from', value)} />
          <DateFilter label="To" value={filters.to} onChange={(value) => set('to', value)} />
          <label className="search-filter">
            Language
            <select value={filters.language} onChange={(event) => set('language', event.target.value)}>
              <option value="">Any</option>
              {facets.languages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
          </label>
          <label className="search-filter search-filter-check">
            <input type="checkbox" checked={filters.referencesOnly} onChange={(event) => set('referencesOnly', event.target.checked)} />
            Reference fact-checks only
          </label>
        </fieldset>
        <p className="muted search-summary" role="status">
          {error ?? summary}
        </p>
        {!error && result?.newestOnly && (
          <p className="search-notice">Showing the newest matches of a very common word; add another word to narrow it.</p>
        )}
        <div id={listId} ref={listRef} role="listbox" aria-label="Search results" className="search-results">
          {result?.projects.map((project) => (
            <div key={project.projectId} role="group" aria-labelledby={`${listId}-${project.projectId}`} className="search-group">
              <div id={`${listId}-${project.projectId}`} className="search-group-title" role="presentation">
                {project.title}
              </div>
              {project.claims.map((hit) => {
                const i = positions.get(`c-${hit.id}`) ?? -1;
                return <ClaimOption key={hit.id} id={optionId(i)} hit={hit} selected={i === active} onPick={() => choose(options[i])} onHover={() => setActive(i)} />;
              })}
            </div>
          ))}
          {result && result.references.length > 0 && (
            <div role="group" aria-labelledby={`${listId}-references`} className="search-group">
              <div id={`${listId}-references`} className="search-group-title" role="presentation">
                Reference fact-checks
              </div>
              {result.references.map((hit) => {
                const i = positions.get(`r-${hit.id}`) ?? -1;
                return <ReferenceOption key={hit.id} id={optionId(i)} hit={hit} selected={i === active} onHover={() => setActive(i)} />;
              })}
            </div>
          )}
        </div>
        <p className="muted search-keys">↑ ↓ move · Enter opens · Esc closes</p>
      </div>
    </Modal>
  );
}

function ClaimOption({ id, hit, selected, onPick, onHover }: { id: string; hit: ClaimHit; selected: boolean; onPick(): void; onHover(): void }) {
  const shown = hit.statement.text ? hit.statement : hit.quote;
  return (
    <div id={id} role="option" aria-selected={selected} className="search-hit" onClick={onPick} onMouseMove={selected ? undefined : onHover}>
      <div className="search-hit-line">
        <span className="search-hit-number">#{hit.number}</span>
        <span className="search-hit-text">
          <Marked value={shown} />
        </span>
      </div>
      {hit.statement.text && hit.quote.spans.length > 0 && (
        <div className="search-hit-context">
          <span className="search-hit-field">Quote</span> <Marked value={hit.quote} />
        </div>
      )}
      {hit.context && (
        <div className="search-hit-context">
          <span className="search-hit-field">{hit.context.field}</span> <Marked value={hit.context.excerpt} />
        </div>
      )}
      <div className="search-hit-meta">
        {hit.verdict ? (
          <span className="search-chip" style={{ borderColor: hit.verdict.colour }}>
            <span className="search-chip-dot" style={{ background: hit.verdict.colour }} aria-hidden="true" />
            {hit.verdict.label}
          </span>
        ) : (
          <span className="search-chip search-chip-none">No verdict</span>
        )}
        <span>{CLAIM_STATUS_LABELS[hit.status]}</span>
        {hit.claimDate && <span>{formatDate(hit.claimDate)}</span>}
        {hit.claimant && <span>{hit.claimant}</span>}
      </div>
    </div>
  );
}

function ReferenceOption({ id, hit, selected, onHover }: { id: string; hit: ReferenceHit; selected: boolean; onHover(): void }) {
  return (
    <div id={id} role="option" aria-selected={selected} className="search-hit" onMouseMove={selected ? undefined : onHover}>
      <div className="search-hit-line">
        <span className="search-hit-text">
          <Marked value={hit.claimText} />
        </span>
      </div>
      <div className="search-hit-meta">
        {hit.rating && <span className="search-chip">{hit.rating}</span>}
        {hit.publisher && <span>{hit.publisher}</span>}
        {(hit.reviewDate || hit.claimDate) && <span>{formatDate(hit.reviewDate || hit.claimDate)}</span>}
        {hit.url && (
          <a id={`${id}-link`} href={hit.url} target="_blank" rel="noopener noreferrer" tabIndex={-1}>
            {hit.title || 'Read the fact-check'}
          </a>
        )}
      </div>
    </div>
  );
}

/** A text with its matched words in <mark>. */
function Marked({ value }: { value: MarkedText }) {
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (const span of value.spans) {
    if (span.start < at) continue;
    if (span.start > at) pieces.push(value.text.slice(at, span.start));
    pieces.push(<mark key={span.start}>{value.text.slice(span.start, span.end)}</mark>);
    at = span.end;
  }
  if (at < value.text.length) pieces.push(value.text.slice(at));
  return <>{pieces}</>;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function toRequestFilters(filters: FilterState): SearchFilters {
  const out: SearchFilters = {};
  if (filters.referencesOnly) out.referencesOnly = true;
  if (filters.verdictLabel) out.verdictLabels = [filters.verdictLabel];
  if (filters.status) out.statuses = [filters.status];
  if (filters.claimant.trim()) out.claimant = filters.claimant.trim();
  if (filters.tag.trim()) out.tag = filters.tag.trim();
  // An impossible date (the field says why) does not filter.
  if (filters.from && !calendarDateProblem(filters.from)) out.from = filters.from;
  if (filters.to && !calendarDateProblem(filters.to)) out.to = filters.to;
  if (filters.language) out.language = filters.language;
  return out;
}

/** A date bound of the search, with the message an impossible date gets (year 212024, 31 February). */
function DateFilter({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  const errorId = useId();
  const problem = calendarDateProblem(value);
  return (
    <label className="search-filter">
      {label}
      <input
        type="date"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem && (
        <span id={errorId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
