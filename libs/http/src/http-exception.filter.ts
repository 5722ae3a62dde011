import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { NotFoundError, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { logSafeError, logSafeStack } from '@newsroom/database';
import { DomainError, DomainErrorKind } from '@newsroom/domain';
import type { FastifyReply } from 'fastify';
import { errorBody, ErrorBody } from './error-body';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * The one place errors become HTTP: domain errors by their kind, optimistic
 * lock and unique violations as 409, Nest and Fastify errors with their own
 * status, and anything else as a logged 500 without a stack trace in the body.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toErrorBody(exception);
    // a DomainError (503: Redis away) is expected and answered; only the unexpected needs its stack in the log,
    // and never its message as is: a database error's carries the SQL with its values (an email, a password hash)
    if (body.statusCode >= 500 && !(exception instanceof DomainError)) this.logger.error(logSafeError(exception), logSafeStack(exception));
    if (reply.sent) return;
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

}

/** The contract's error body for anything thrown (also used by the plain Fastify routes, which Nest's filters do not see). */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) return errorBody(STATUS_BY_KIND[exception.kind], exception.message, exception.code);
  if (exception instanceof OptimisticLockError) {
    return errorBody(409, 'the article was changed by someone else meanwhile; reload it and try again', 'ARTICLE.STALE_VERSION');
  }
  if (exception instanceof UniqueConstraintViolationException) return errorBody(409, 'that already exists', 'UNIQUE_VIOLATION');
  if (exception instanceof NotFoundError) return errorBody(404, 'not found', 'NOT_FOUND');
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
    return errorBody(status, message);
  }
  // Fastify's own errors (body too large, bad content type, malformed JSON) carry a 4xx statusCode.
  const fastify = exception as { statusCode?: number; message?: string; code?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return errorBody(fastify.statusCode, fastify.message ?? 'bad request', fastify.code);
  }
  return errorBody(500, 'internal error');
}
