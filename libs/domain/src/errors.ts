/**
 * Errors the domain raises, each with a stable code. One exception filter in the
 * gateway maps the kind to an HTTP status; services never throw HttpException.
 */
export type DomainErrorKind =
  | 'invalid' // 400: the input itself is wrong
  | 'unauthenticated' // 401
  | 'forbidden' // 403: role or rule (four-eyes)
  | 'not_found' // 404
  | 'conflict' // 409: stale version, claim held, duplicate
  | 'unprocessable' // 422: well-formed but not allowed now
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a part we depend on is away; try again later

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** when to try again (429, 503): sent as Retry-After */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const unprocessable = (code: string, message: string) => new DomainError('unprocessable', code, message);
export const invalid = (code: string, message: string) => new DomainError('invalid', code, message);
export const unavailable = (code: string, message: string, retryAfterSeconds: number) => new DomainError('unavailable', code, message, retryAfterSeconds);
