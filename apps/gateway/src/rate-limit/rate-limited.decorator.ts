import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { RateLimit } from './rate-limit.module';

/**
 * Applies one of the per-IP limits to a controller or route (and only that
 * one: the others are skipped). Answers 429 in the contract's error shape.
 * Counted by @nestjs/throttler in Redis.
 */
export function RateLimited(limit: RateLimit) {
  const skipOthers = Object.fromEntries(Object.values(RateLimit).map((name) => [name, name !== limit]));
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(skipOthers),
    ApiTooManyRequestsResponse({ description: 'rate limit for this client address hit' }),
  );
}
