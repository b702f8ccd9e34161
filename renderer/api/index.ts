import { createApiClient } from '../../shared/api/client';
import { pickTransport } from './transport';

/** The one way the renderer reaches main. */
export const api = createApiClient(pickTransport());
export { ApiCallError } from '../../shared/api/client';
