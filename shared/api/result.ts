/** The envelope every API call answers with; thrown errors never cross the boundary raw. */
export const ERROR_CODES = [
  'invalid_request',
  'not_found',
  'conflict',
  'too_large',
  'storage_full',
  'storage_read_only',
  'database_corrupt',
  'database_too_new',
  'unknown_channel',
  'forbidden',
  'cancelled',
  /** Approving needs the approver's name (Settings); the window asks for it. */
  'author_required',
  /** "Second pair of eyes": the approver last changed the verdict. */
  'second_pair_of_eyes',
  /** A published claim changed: it needs a correction or update note before approval. */
  'correction_required',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** Written for the person using the app. */
  message: string;
  /** The request field at fault, when there is one (e.g. "title"), so a form can point at it. */
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, field?: string): ApiResult<never> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message },
});
