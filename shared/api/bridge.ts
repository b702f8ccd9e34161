import type { Channel, EventChannel } from './channels';
import type { ApiResult } from './result';

/** What the preload exposes as window.factcheck (types only; the renderer never imports the preload). */
export interface FactcheckBridge {
  invoke(channel: Channel, request: unknown): Promise<ApiResult<unknown>>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
}
