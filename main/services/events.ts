import type { EventChannel } from '../../shared/api/channels';
import type { EventPayload } from '../../shared/api/contract';

/** Events main pushes to every open window (Electron) or page (harness, over server-sent events). */
export interface EventSink {
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
}

export function createEventHub(): EventSink & { subscribe(listener: (channel: EventChannel, payload: unknown) => void): () => void } {
  const listeners = new Set<(channel: EventChannel, payload: unknown) => void>();
  return {
    emit(channel, payload) {
      for (const listener of listeners) listener(channel, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
