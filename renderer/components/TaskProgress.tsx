import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskProgress as Progress } from '../../shared/api/contract.tasks';
import { api } from '../api';
import { formatPercent } from '../format/dates';
import './taskProgress.css';

/** A task id for one long call (shared/api/contract.tasks.ts: letters, digits, '-'). */
function newTaskId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `task-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export interface LongTask {
  /** True between begin() and end(). */
  running: boolean;
  /** The last 'task.progress' main sent for the running call (null before the first). */
  progress: Progress | null;
  /** Cancel was asked for; the call has not answered yet. */
  cancelling: boolean;
  /** A new task id, to send as the long call's `taskId`; progress for it is followed from now. */
  begin(): string;
  /** Asks main to stop the running call ('tasks.cancel'); the call then answers 'cancelled'. */
  cancel(): void;
  /** The call answered (whatever it answered). */
  end(): void;
}

/**
 * Progress and cancel of one long call at a time (import, export): listens to 'task.progress' for
 * as long as the dialog is open, so no event of the call is missed.
 */
export function useLongTask(): LongTask {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<string | null>(null);
  useEffect(
    () =>
      api.on('task.progress', (event) => {
        if (event.taskId === current.current) setProgress(event);
      }),
    [],
  );
  const begin = useCallback(() => {
    const taskId = newTaskId();
    current.current = taskId;
    setRunning(true);
    setProgress(null);
    setCancelling(false);
    return taskId;
  }, []);
  const end = useCallback(() => {
    current.current = null;
    setRunning(false);
    setProgress(null);
    setCancelling(false);
  }, []);
  const cancel = useCallback(() => {
    const taskId = current.current;
    if (!taskId) return;
    setCancelling(true);
    // The call itself answers 'cancelled' (or its result, when it had already finished).
    void api.call('tasks.cancel', { taskId }).catch(() => undefined);
  }, []);
  return { running, progress, cancelling, begin, cancel, end };
}

/** "Writing … 42 %", a progress bar and Cancel, while a long call runs. */
export function TaskProgressBar({ task, what }: { task: LongTask; what: string }) {
  if (!task.running) return null;
  const { progress } = task;
  const percent = progress && progress.total > 0 ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
  const label = task.cancelling ? 'Cancelling…' : (progress?.label ?? `${what}…`);
  return (
    <div className="task-progress" role="status" aria-live="polite">
      <div className="task-progress-line">
        <span className="task-progress-label" dir="auto">
          {label}
        </span>
        {percent !== null && !task.cancelling && <span className="task-progress-percent">{formatPercent(percent)}</span>}
      </div>
      <div className="task-progress-row">
        {/* Without a value the bar shows work going on whose size is not known yet. */}
        <progress aria-label={`${what}: progress`} max={100} {...(percent === null ? {} : { value: percent })} />
        <button type="button" className="button button-small" onClick={task.cancel} disabled={task.cancelling}>
          Cancel {what.toLowerCase()}
        </button>
      </div>
    </div>
  );
}
