import { BeforeApplicationShutdown, Global, Module, OnModuleInit, Provider } from '@nestjs/common';
import { RedisHitStore, SharedRateLimiter, SharedRateLimitOptions } from '@newsroom/http';
import { RedisClient } from '@newsroom/redis';
import { SiteConfig } from '../site.config';

const MINUTE_MS = 60_000;

/** A SharedRateLimiter that starts and stops with the application. */
abstract class ManagedRateLimiter extends SharedRateLimiter implements OnModuleInit, BeforeApplicationShutdown {
  onModuleInit(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }
}

/**
 * The view beacon's per-IP limit. The beacon is served outside Nest's pipeline
 * (view-beacon.ts) and is too hot for a Redis round trip per request, so it
 * counts locally and shares its counts every 100 ms (SharedRateLimiter).
 */
export class ViewBeaconRateLimiter extends ManagedRateLimiter {}

/**
 * The public-read per-IP limit (site pages, public JSON, rubrics), one budget
 * whether a request is answered by the cache fast path in front of Nest
 * (readers-cache-fast-path.ts) or by Nest (PublicReadGuard). Readers' hits are
 * too hot for a Redis round trip each, so it counts like the beacon's.
 */
export class PublicReadRateLimiter extends ManagedRateLimiter {}

/** The Redis key names of the two limits' shared counts (under the deployment's prefix): stored, never renamed. */
export const PUBLIC_READ_LIMIT = 'public-read';
const VIEW_BEACON_LIMIT = 'view-beacon';

/** A limit per client address and minute, its counts shared through Redis every 100 ms. */
function perClientLimit(
  limiter: new (store: RedisHitStore, options: SharedRateLimitOptions) => ManagedRateLimiter,
  name: string,
  perMinute: (config: SiteConfig) => number,
): Provider {
  return {
    provide: limiter,
    inject: [SiteConfig, RedisClient],
    useFactory: (config: SiteConfig, redis: RedisClient) => new limiter(new RedisHitStore(redis, name), { limit: perMinute(config), windowMs: MINUTE_MS, flushEveryMs: 100 }),
  };
}

/**
 * Per client IP limits of the readers' side, counted in Redis so that every
 * site replica shares them (an in-memory counter per replica would multiply
 * the limit by the number of replicas).
 */
@Global()
@Module({
  providers: [
    perClientLimit(ViewBeaconRateLimiter, VIEW_BEACON_LIMIT, (config) => config.NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE),
    perClientLimit(PublicReadRateLimiter, PUBLIC_READ_LIMIT, (config) => config.NEWSROOM_RATE_LIMIT_READS_PER_MINUTE),
  ],
  exports: [ViewBeaconRateLimiter, PublicReadRateLimiter],
})
export class ReadersRateLimitsModule {}
