import { useId, type ReactNode, type Ref } from 'react';
import { calendarDateProblem, localCalendarDate } from '../../shared/domain/calendar';
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
  /**
   * For a date field: whether a date after today is refused (a claim, a source's publication, an
   * access: all have happened). Impossible dates (year 212024, 31 February) are always refused.
   */
  allowFuture?: boolean;
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
  allowFuture = false,
}: AutoTextProps) {
  const problemOf = (text: string) => (type === 'date' ? calendarDateProblem(text, { notInFuture: !allowFuture }) : null);
  // An impossible date is never sent; the message below the field says why.
  const guardedSave = (text: string) => (problemOf(text) ? Promise.resolve() : onSave(text));
  const { draft, setDraft, state, flush, retry } = useAutosave(value, guardedSave, type === 'date' ? 300 : 500);
  const problem = problemOf(draft);
  const id = useId();
  const statusId = `${id}-status`;
  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const common = {
    id,
    value: draft,
    dir,
    placeholder,
    'aria-invalid': state.status === 'error' || problem ? true : undefined,
    'aria-describedby':
      [help ? helpId : '', state.status === 'error' ? statusId : '', problem ? problemId : ''].filter(Boolean).join(' ') ||
      undefined,
    onBlur: () => void flush(),
  };
  return (
    <div className={`wb-field${className ? ` ${className}` : ''}`}>
      <div className="wb-field-head">
        <label htmlFor={id}>{label}</label>
        {state.status !== 'error' && !problem && <FieldStatus state={state} id={statusId} onRetry={retry} />}
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
          {...(type === 'date' ? { min: '1000-01-01', max: allowFuture ? '9999-12-31' : localCalendarDate() } : {})}
          onChange={(event) => setDraft(event.target.value)}
        />
      )}
      {help && (
        <span className="field-help" id={helpId}>
          {help}
        </span>
      )}
      {problem && (
        <span className="field-error" id={problemId} role="alert">
          {problem}
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
