import type { Channel, EventChannel } from './channels';
import type { ApiResult } from './result';

/**
 * What the Electron preload exposes as `window.factcheck` (contextBridge). A pure type, so the
 * renderer can type the bridge without importing the preload.
 */
export interface FactcheckBridge {
  /**
   * Calls main. Only channels of the contract are sent; any other name resolves to
   * { ok: false, error: { code: 'unknown_channel' } } without reaching main.
   */
  invoke(channel: Channel, request: unknown): Promise<ApiResult<unknown>>;
  /**
   * Listens to an event main pushes (EVENT_CHANNELS only; any other name throws). The listener gets
   * the payload alone. Returns the unsubscribe function.
   */
  on(eventName: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** The global the bridge lives under. */
export type FactcheckWindow = { factcheck?: FactcheckBridge };
