/**
 * Long work that reports progress and can be cancelled (issue 10, "Off the main thread").
 *
 * A long handler (project-file import, export, report export) gets the optional `taskId` of its
 * request and calls `startTask`. The task sends 'task.progress' events ({taskId, label, done,
 * total}) now and then, and its `check()`/`step()` throw the 'cancelled' AppError once 'tasks.cancel'
 * asked for it — inside the write transaction, so SQLite rolls everything back, or before a file
 * is renamed into place, so no file is left (main/files/atomicWrite.ts).
 *
 * Who may cancel is kept in CancelFlags. In one thread a flag can only be seen between awaits; in
 * the library worker (main/worker/) the flags live in a SharedArrayBuffer that the host thread sets
 * while the worker is busy in a synchronous transaction, so a cancel reaches it mid-import.
 */
import type { EventSink } from '../services/events';
import { AppError } from '../errors';

export interface CancelFlags {
  isCancelled(taskId: string): boolean;
  /** Marks the task as cancelled (also one that has not started yet: it stops at its first check). */
  cancel(taskId: string): void;
  /** The task is over; its flag is forgotten. */
  release(taskId: string): void;
}

/** How many cancelled-but-unknown task ids are remembered (a cancel may arrive before its call). */
const REMEMBERED = 64;

/** Flags in this thread's memory: the in-process library, tests. */
export function createCancelFlags(): CancelFlags {
  const cancelled = new Set<string>();
  return {
    isCancelled: (taskId) => cancelled.has(taskId),
    cancel(taskId) {
      cancelled.add(taskId);
      while (cancelled.size > REMEMBERED) cancelled.delete(cancelled.values().next().value!);
    },
    release: (taskId) => void cancelled.delete(taskId),
  };
}

/** Progress reports are sent at most this often (and at the end of every stage). */
const REPORT_EVERY_MS = 100;
/** step() looks at the clock and the flag once per this many steps: both are cheap, not free. */
const CHECK_EVERY_STEPS = 128;

export interface Task {
  /** The request's taskId; null when the caller gave none (then nothing is reported or cancelled). */
  readonly id: string | null;
  /** Throws the 'cancelled' AppError when the task was cancelled. */
  check(): void;
  /** A new stage: what is done now, and how many steps it has (0 when not known). Checks first. */
  stage(label: string, total?: number): void;
  /** `count` steps of the stage are done: reports now and then, and checks for a cancel. */
  step(count?: number): void;
  /** The stage is complete: reports done = total. */
  finish(): void;
}

export interface TaskDeps {
  events?: EventSink | undefined;
  cancelFlags?: CancelFlags | undefined;
  /** For tests: the clock that throttles reports. */
  now?: () => number;
}

/**
 * A task for one long call. `cancelledMessage` is what the person reads when they cancelled it
 * ("The import was cancelled. Nothing in your library was changed.").
 */
export function startTask(deps: TaskDeps, taskId: string | undefined, cancelledMessage: string): Task {
  if (!taskId) return NO_TASK;
  const { events, cancelFlags } = deps;
  const now = deps.now ?? (() => performance.now());
  let label = '';
  let total = 0;
  let done = 0;
  let sinceCheck = 0;
  let lastReport = -Infinity;
  const report = () => {
    lastReport = now();
    events?.emit('task.progress', { taskId, label, done: total > 0 ? Math.min(done, total) : done, total });
  };
  const check = () => {
    if (cancelFlags?.isCancelled(taskId)) throw new AppError('cancelled', cancelledMessage);
  };
  return {
    id: taskId,
    check,
    stage(nextLabel, nextTotal = 0) {
      check();
      label = nextLabel;
      total = Math.max(0, Math.floor(nextTotal));
      done = 0;
      sinceCheck = 0;
      report();
    },
    step(count = 1) {
      done += count;
      sinceCheck += count;
      if (sinceCheck < CHECK_EVERY_STEPS) return;
      sinceCheck = 0;
      check();
      if (now() - lastReport >= REPORT_EVERY_MS) report();
    },
    finish() {
      if (total > 0) done = total;
      report();
    },
  };
}

const NO_TASK: Task = {
  id: null,
  check: () => undefined,
  stage: () => undefined,
  step: () => undefined,
  finish: () => undefined,
};

/** Runs `work` as the task `taskId`, forgetting its cancel flag afterwards. */
export async function runTask<T>(
  deps: TaskDeps,
  taskId: string | undefined,
  cancelledMessage: string,
  work: (task: Task) => T | Promise<T>,
): Promise<T> {
  const task = startTask(deps, taskId, cancelledMessage);
  try {
    return await work(task);
  } finally {
    if (taskId) deps.cancelFlags?.release(taskId);
  }
}
