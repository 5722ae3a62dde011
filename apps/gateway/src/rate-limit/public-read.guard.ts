import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicReadRateLimiter, RateLimit } from './rate-limit.module';

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
    void http.getResponse<FastifyReply>().header(`retry-after-${RateLimit.PublicRead}`, String(decision.retryAfterSeconds));
    throw new DomainError('rate_limited', 'RATE_LIMIT.PUBLIC_READ', PUBLIC_READ_LIMITED_MESSAGE, decision.retryAfterSeconds);
  }
}
