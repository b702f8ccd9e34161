import { useId, useState, type FormEvent } from 'react';

/** The claim's tags: chips with a remove button, and a field that adds one on Enter. */
export function TagEditor({
  tags,
  suggestions,
  onSave,
}: {
  tags: string[];
  suggestions: string[];
  onSave(tags: string[]): Promise<unknown>;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const listId = `${id}-list`;

  const save = async (next: string[]) => {
    setError(null);
    try {
      await onSave(next);
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The tags could not be saved.');
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    if (tags.some((existing) => existing.toLocaleLowerCase() === tag.toLocaleLowerCase())) {
      setDraft('');
      return;
    }
    if (await save([...tags, tag])) setDraft('');
  };

  return (
    <div className="wb-field">
      <div className="wb-field-head">
        <label htmlFor={id}>Tags</label>
      </div>
      {tags.length > 0 && (
        <ul className="tags" aria-label="Tags of this claim">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              <span dir="auto">{tag}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => void save(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-add">
        <input
          id={id}
          value={draft}
          list={listId}
          placeholder="Add a tag and press Enter"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void add(event);
          }}
          aria-invalid={error ? true : undefined}
        />
        <datalist id={listId}>
          {suggestions
            .filter((tag) => !tags.includes(tag))
            .map((tag) => (
              <option key={tag} value={tag} />
            ))}
        </datalist>
      </div>
      {error && (
        <span className="field-status field-status-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
