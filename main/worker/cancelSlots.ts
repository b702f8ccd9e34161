/**
 * Cancel flags shared between the host thread and the library worker (a SharedArrayBuffer of
 * Int32 slots). The worker is busy in a synchronous SQLite transaction during a big import, so it
 * cannot read a 'tasks.cancel' message until the import is over; the host therefore sets the
 * task's slot itself, and the worker's Task.step() sees it at its next check (main/tasks/tasks.ts).
 *
 * The host picks a slot for every call that carries a taskId and sends it with the dispatch
 * message; the slot is cleared and given back when the call answers.
 */
import { createCancelFlags, type CancelFlags } from '../tasks/tasks';

/** Long calls running at once, at most (a call beyond this still runs, but cannot be cancelled). */
export const CANCEL_SLOTS = 64;

export function createCancelBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(CANCEL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** The host's side: which task has which slot. */
export interface CancelSlots {
  /** A slot for the call of taskId, or undefined (none free, or the id already has one). */
  acquire(taskId: string): number | undefined;
  /** Sets the task's flag; false when no running call has that taskId. */
  cancel(taskId: string): boolean;
  /** The call answered: the slot is cleared and free again. */
  release(taskId: string): void;
  /** Every running call is cancelled (closing). */
  cancelAll(): void;
}

export function createCancelSlots(buffer: SharedArrayBuffer): CancelSlots {
  const flags = new Int32Array(buffer);
  const slotOf = new Map<string, number>();
  const free = Array.from({ length: flags.length }, (_, slot) => flags.length - 1 - slot);
  return {
    acquire(taskId) {
      if (slotOf.has(taskId)) return undefined;
      const slot = free.pop();
      if (slot === undefined) return undefined;
      Atomics.store(flags, slot, 0);
      slotOf.set(taskId, slot);
      return slot;
    },
    cancel(taskId) {
      const slot = slotOf.get(taskId);
      if (slot === undefined) return false;
      Atomics.store(flags, slot, 1);
      return true;
    },
    release(taskId) {
      const slot = slotOf.get(taskId);
      if (slot === undefined) return;
      slotOf.delete(taskId);
      Atomics.store(flags, slot, 0);
      free.push(slot);
    },
    cancelAll() {
      for (const slot of slotOf.values()) Atomics.store(flags, slot, 1);
    },
  };
}

/** The worker's side: CancelFlags that read the shared slots (and keep ids without one in memory). */
export interface SharedCancelFlags extends CancelFlags {
  bind(taskId: string, slot: number): void;
  unbind(taskId: string): void;
}

export function createSharedCancelFlags(buffer: SharedArrayBuffer): SharedCancelFlags {
  const flags = new Int32Array(buffer);
  const slotOf = new Map<string, number>();
  const local = createCancelFlags();
  return {
    bind: (taskId, slot) => void slotOf.set(taskId, slot),
    unbind: (taskId) => void slotOf.delete(taskId),
    isCancelled(taskId) {
      const slot = slotOf.get(taskId);
      return (slot !== undefined && Atomics.load(flags, slot) === 1) || local.isCancelled(taskId);
    },
    cancel(taskId) {
      const slot = slotOf.get(taskId);
      if (slot !== undefined) Atomics.store(flags, slot, 1);
      local.cancel(taskId);
    },
    release: (taskId) => local.release(taskId),
  };
}
