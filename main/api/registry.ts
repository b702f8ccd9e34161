import type { z } from 'zod';
import { CHANNELS, isChannel, type Channel } from '../../shared/api/channels';
import { contract, type ParsedRequestOf, type ResponseOf } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { toAppError } from '../errors';

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

/** One registry, two transports: Electron's ipcMain and the harness's HTTP server both call dispatch. */
export interface ApiRegistry {
  readonly channels: readonly Channel[];
  dispatch(channel: unknown, request: unknown): Promise<ApiResult<unknown>>;
}

export interface RegistryOptions {
  /** Check every response against the contract too (tests and the harness; costs a little time). */
  validateResponses?: boolean;
  /** Where unexpected errors are logged; the person sees only the message. */
  log?: (message: string, error: unknown) => void;
}

export function createRegistry(handlers: Handlers, options: RegistryOptions = {}): ApiRegistry {
  const log = options.log ?? ((message, error) => console.error(message, error));
  return {
    channels: CHANNELS,
    async dispatch(channel, request) {
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: `The app has no action called “${String(channel)}”.` } };
      }
      const parsed = contract[channel].request.safeParse(request ?? {});
      if (!parsed.success) return { ok: false, error: describeInvalid(parsed.error) };
      try {
        const handler = handlers[channel] as (request: unknown) => unknown;
        const value = await handler(parsed.data);
        if (options.validateResponses) contract[channel].response.parse(value);
        return { ok: true, value };
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'internal') log(`Handler ${channel} failed`, error);
        return { ok: false, error: appError.toApiError() };
      }
    },
  };
}

/** The first problem zod found, phrased for a person, with the field it concerns. */
function describeInvalid(error: z.ZodError): { code: 'invalid_request'; message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid_request', message: 'The request was not valid.' };
  const field = issue.path.map(String).join('.');
  const custom = issue.code === 'custom' || (issue.message && !issue.message.startsWith('Invalid') && !issue.message.startsWith('Too ') && !issue.message.startsWith('Unrecognized'));
  const message = custom ? issue.message : `${field ? `“${field}”: ` : ''}${issue.message}.`;
  return field ? { code: 'invalid_request', message, field } : { code: 'invalid_request', message };
}
