import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAppStore } from '../store';

export type SaveState =
  { status: 'idle' | 'pending' | 'saving' | 'saved' } | { status: 'error'; message: string };

/**
 * One field that saves itself as the user types: a local draft, a debounced save, an immediate
 * save on blur, and a failed save shown (never swallowed) with the draft kept for a retry. When the
 * stored value changes from elsewhere (undo, a shortcut) and nothing is pending, the draft follows.
 */
export function useAutosave<T>(stored: T, save: (value: T) => Promise<unknown>, delay = 500) {
  const [draft, setDraftState] = useState(stored);
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const draftRef = useRef(stored);
  const storedRef = useRef(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef(false);
  // The latest `save`, for saves that run after a render (timers, blur, unmount); set once committed.
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  }, [save]);
  const mounted = useRef(true);

  const flush = useCallback(
    async function flushDraft(): Promise<void> {
      clearTimeout(timer.current);
      timer.current = undefined;
      if (saving.current) return;
      const value = draftRef.current;
      if (Object.is(value, storedRef.current)) {
        if (mounted.current)
          setState((current) => (current.status === 'pending' ? { status: 'idle' } : current));
        return;
      }
      saving.current = true;
      if (mounted.current) setState({ status: 'saving' });
      try {
        await saveRef.current(value);
        storedRef.current = value;
        if (mounted.current) setState({ status: 'saved' });
      } catch (error) {
        const message = error instanceof Error ? error.message : 'The change could not be saved.';
        if (mounted.current) setState({ status: 'error', message });
        else useAppStore.getState().reportError(error);
      } finally {
        saving.current = false;
      }
      // Typed on while the save was running: save the newer draft too.
      if (
        mounted.current &&
        !Object.is(draftRef.current, value) &&
        !Object.is(draftRef.current, storedRef.current) &&
        timer.current === undefined
      ) {
        timer.current = setTimeout(() => void flushDraft(), delay);
      }
    },
    [delay],
  );

  const setDraft = useCallback(
    (value: T) => {
      draftRef.current = value;
      setDraftState(value);
      setState((current) => (current.status === 'error' ? current : { status: 'pending' }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delay);
    },
    [delay, flush],
  );

  // The stored value changed from elsewhere: follow it unless the user has unsaved typing.
  useEffect(() => {
    if (Object.is(stored, storedRef.current)) return;
    storedRef.current = stored;
    if (timer.current === undefined && !saving.current) {
      draftRef.current = stored;
      setDraftState(stored);
    }
  }, [stored]);

  // Leaving (another claim selected, the panel closed): save what is pending.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current !== undefined) void flush();
    };
  }, [flush]);

  return { draft, setDraft, state, flush, retry: flush };
}
