import type { Channel, EventChannel } from '../../shared/api/channels';
import type { FactcheckBridge } from '../../shared/api/bridge';
import type { Transport } from '../../shared/api/client';
import type { ApiResult } from '../../shared/api/result';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser harness. */
    factcheck?: FactcheckBridge;
  }
}

/** In the app: the preload's IPC bridge. In the browser harness: HTTP with the page's token. */
export function pickTransport(): Transport {
  const bridge = window.factcheck;
  if (bridge) {
    return {
      invoke: (channel, request) => bridge.invoke(channel, request),
      subscribe: (channel, listener) => bridge.on(channel, listener),
    };
  }
  return createHttpTransport();
}

function createHttpTransport(): Transport {
  const token = document.querySelector<HTMLMetaElement>('meta[name="factcheck-harness-token"]')?.content ?? '';
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureStream = (channel: EventChannel) => {
    source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    if (listeners.has(channel)) return;
    listeners.set(channel, new Set());
    source.addEventListener(channel, (event) => {
      const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    });
  };

  return {
    async invoke(channel: Channel, request: unknown): Promise<ApiResult<unknown>> {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-factcheck-token': token },
        body: JSON.stringify(request ?? {}),
      });
      return (await response.json()) as ApiResult<unknown>;
    },
    subscribe(channel, listener) {
      ensureStream(channel);
      listeners.get(channel)!.add(listener);
      return () => listeners.get(channel)?.delete(listener);
    },
  };
}
