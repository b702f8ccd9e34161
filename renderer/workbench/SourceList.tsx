import { useEffect, useRef, useState } from 'react';
import { isSafeLinkUrl, type Source, type SourceFields } from '../../shared/domain';
import { useAppStore } from '../store';
import { AutoText } from './AutoField';
import { SourceEvidence } from './SourceEvidence';

const EMPTY_SOURCES: Source[] = [];

/** The claim's sources, numbered as in reports, each field saving itself. */
export function SourceList({ claimId }: { claimId: string }) {
  const sources = useAppStore((state) => state.sourcesByClaim[claimId] ?? EMPTY_SOURCES);
  const addSource = useAppStore((state) => state.addSource);
  const reportError = useAppStore((state) => state.reportError);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const add = async () => {
    setAdding(true);
    try {
      const source = await addSource(claimId);
      setFocusId(source.id);
    } catch (error) {
      reportError(error);
    } finally {
      setAdding(false);
    }
  };

  return (
    <section className="sources" aria-labelledby={`sources-${claimId}`}>
      <div className="sources-head">
        <h3 id={`sources-${claimId}`}>Sources{sources.length > 0 ? ` (${sources.length})` : ''}</h3>
        <button type="button" className="button button-small" onClick={() => void add()} disabled={adding}>
          Add source
        </button>
      </div>
      {sources.length === 0 && <p className="muted">No sources yet.</p>}
      <ol className="source-list">
        {sources.map((source, index) => (
          <li key={source.id}>
            <SourceItem
              source={source}
              number={index + 1}
              autoFocus={focusId === source.id}
              onFocused={() => setFocusId(null)}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

function SourceItem({
  source,
  number,
  autoFocus,
  onFocused,
}: {
  source: Source;
  number: number;
  autoFocus: boolean;
  onFocused(): void;
}) {
  const updateSource = useAppStore((state) => state.updateSource);
  const deleteSource = useAppStore((state) => state.deleteSource);
  const reportError = useAppStore((state) => state.reportError);
  const urlRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) {
      urlRef.current?.focus();
      onFocused();
    }
  }, [autoFocus, onFocused]);
  const save = (key: keyof SourceFields) => (value: string) => updateSource(source.id, { [key]: value });
  const heading = source.title || source.url || 'New source';

  return (
    <fieldset className="source">
      <legend>
        Source {number}
        {(source.title || source.url) && (
          <span className="source-legend-title">
            {' · '}
            <bdi>{heading}</bdi>
          </span>
        )}
      </legend>
      <AutoText
        label="Source URL"
        type="url"
        value={source.url}
        onSave={save('url')}
        inputRef={urlRef}
        placeholder="https://"
        after={(draft) =>
          draft && isSafeLinkUrl(draft.trim()) ? (
            <a className="source-open" href={draft.trim()} target="_blank" rel="noopener noreferrer">
              Open source {number}
            </a>
          ) : null
        }
      />
      <AutoText label="Source title" value={source.title} onSave={save('title')} dir="auto" />
      <div className="wb-grid-2">
        <AutoText label="Publisher" value={source.publisher} onSave={save('publisher')} dir="auto" />
        <AutoText
          label="Source date"
          type="date"
          value={source.publishedDate}
          onSave={save('publishedDate')}
        />
      </div>
      <div className="wb-grid-2">
        <AutoText label="Accessed" type="date" value={source.accessedDate} onSave={save('accessedDate')} />
        <AutoText
          label="Archived URL"
          type="url"
          value={source.archivedUrl}
          onSave={save('archivedUrl')}
          placeholder="https://web.archive.org/…"
        />
      </div>
      <AutoText
        label="Excerpt"
        multiline
        rows={2}
        value={source.excerpt}
        onSave={save('excerpt')}
        dir="auto"
      />
      <AutoText label="Note" multiline rows={2} value={source.note} onSave={save('note')} dir="auto" />
      <SourceEvidence claimId={source.claimId} sourceId={source.id} number={number} url={source.url} />
      <div className="source-actions">
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => void deleteSource(source.id).catch(reportError)}
        >
          Remove source {number}
        </button>
      </div>
    </fieldset>
  );
}
