import type { SaveState } from './useAutosave';

/** "Saving…", "Saved", or the error with a retry: a failed save is always shown. */
export function FieldStatus({ state, id, onRetry }: { state: SaveState; id: string; onRetry(): void }) {
  if (state.status === 'error') {
    return (
      <span className="field-status field-status-error" id={id} role="alert">
        {state.message}{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      </span>
    );
  }
  return (
    <span className="field-status" id={id} aria-hidden={state.status === 'idle' ? true : undefined}>
      {state.status === 'pending' || state.status === 'saving'
        ? 'Saving…'
        : state.status === 'saved'
          ? 'Saved'
          : ''}
    </span>
  );
}
