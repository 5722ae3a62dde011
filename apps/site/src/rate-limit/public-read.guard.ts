import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { DomainError } from '@newsroom/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_READ_LIMIT, PublicReadRateLimiter } from './readers-rate-limits.module';

export const PUBLIC_READ_LIMITED_MESSAGE = 'too many requests from this address; try again in a minute';

/** The public-read limit for requests Nest answers (the cache fast path counts its own in the same limiter). */
@Injectable()
export class PublicReadGuard implements CanActivate {
  constructor(private readonly limiter: PublicReadRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const decision = this.limiter.hit(http.getRequest<FastifyRequest>().ip);
    if (decision.allowed) return true;
    // the name @nestjs/throttler gave this header when it kept the limit, for clients that read it
    void http.getResponse<FastifyReply>().header(`retry-after-${PUBLIC_READ_LIMIT}`, String(decision.retryAfterSeconds));
    throw new DomainError('rate_limited', 'RATE_LIMIT.PUBLIC_READ', PUBLIC_READ_LIMITED_MESSAGE, decision.retryAfterSeconds);
  }
}

/** The public-read limit on a controller or route: 429 in the contract's error shape past it. */
export function PublicReadLimited() {
  return applyDecorators(UseGuards(PublicReadGuard), ApiTooManyRequestsResponse({ description: 'rate limit for this client address hit' }));
}
