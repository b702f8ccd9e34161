import { useId, type ReactNode, type Ref } from 'react';
import { FieldStatus } from './FieldStatus';
import { useAutosave } from './useAutosave';

interface AutoTextProps {
  label: string;
  value: string;
  onSave(value: string): Promise<unknown>;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'date' | 'url';
  list?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  className?: string;
  help?: ReactNode;
  /** Rendered between the label and the input (a formatting toolbar). */
  tools?: (api: { draft: string; setDraft(value: string): void }) => ReactNode;
  after?: (draft: string) => ReactNode;
}

/** A text field that saves itself as the user types (debounced) and on leaving it. */
export function AutoText({
  label,
  value,
  onSave,
  multiline,
  rows = 3,
  type = 'text',
  list,
  dir,
  placeholder,
  inputRef,
  className,
  help,
  tools,
  after,
}: AutoTextProps) {
  const { draft, setDraft, state, flush, retry } = useAutosave(value, onSave, type === 'date' ? 300 : 500);
  const id = useId();
  const statusId = `${id}-status`;
  const helpId = `${id}-help`;
  const common = {
    id,
    value: draft,
    dir,
    placeholder,
    'aria-invalid': state.status === 'error' ? true : undefined,
    'aria-describedby':
      [help ? helpId : '', state.status === 'error' ? statusId : ''].filter(Boolean).join(' ') || undefined,
    onBlur: () => void flush(),
  };
  return (
    <div className={`wb-field${className ? ` ${className}` : ''}`}>
      <div className="wb-field-head">
        <label htmlFor={id}>{label}</label>
        {state.status !== 'error' && <FieldStatus state={state} id={statusId} onRetry={retry} />}
      </div>
      {tools?.({ draft, setDraft })}
      {multiline ? (
        <textarea {...common} ref={inputRef} rows={rows} onChange={(event) => setDraft(event.target.value)} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type={type}
          list={list}
          onChange={(event) => setDraft(event.target.value)}
        />
      )}
      {help && (
        <span className="field-help" id={helpId}>
          {help}
        </span>
      )}
      {state.status === 'error' && <FieldStatus state={state} id={statusId} onRetry={retry} />}
      {after?.(draft)}
    </div>
  );
}

interface AutoSelectProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onSave(value: string): Promise<unknown>;
  selectRef?: Ref<HTMLSelectElement>;
}

/** A select that saves on change. */
export function AutoSelect({ label, value, options, onSave, selectRef }: AutoSelectProps) {
  const { draft, setDraft, state, retry } = useAutosave(value, onSave, 0);
  const id = useId();
  const statusId = `${id}-status`;
  return (
    <div className="wb-field">
      <div className="wb-field-head">
        <label htmlFor={id}>{label}</label>
        {state.status !== 'error' && <FieldStatus state={state} id={statusId} onRetry={retry} />}
      </div>
      <select
        id={id}
        ref={selectRef}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        aria-invalid={state.status === 'error' ? true : undefined}
        aria-describedby={state.status === 'error' ? statusId : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {state.status === 'error' && <FieldStatus state={state} id={statusId} onRetry={retry} />}
    </div>
  );
}
