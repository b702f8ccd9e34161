import type { Channel, EventChannel } from './channels';
import type { EventPayload, RequestOf, ResponseOf } from './contract';
import type { ApiError, ApiResult } from './result';

/** How the renderer reaches main: Electron IPC in the app, HTTP in the browser harness. */
export interface Transport {
  invoke(channel: Channel, request: unknown): Promise<ApiResult<unknown>>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** An API error as a thrown value, so UI code can `try/await` and show `message`. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly field: string | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.field = error.field;
  }
}

export interface ApiClient {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(channel, request) {
      let result: ApiResult<unknown>;
      try {
        result = await transport.invoke(channel, request);
      } catch {
        throw new ApiCallError({
          code: 'internal',
          message: 'The app could not reach its storage. Your last change may not be saved; try again.',
        });
      }
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
    },
    on(channel, listener) {
      return transport.subscribe(channel, listener as (payload: unknown) => void);
    },
  };
}
