import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { BeforeApplicationShutdown, Global, Module, OnModuleInit } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisClient } from '@newsroom/redis';
import { Cluster } from 'ioredis';
import { GatewayConfig } from '../gateway.config';
import { RedisHitStore } from './redis-hit-store';
import { SharedRateLimiter } from './shared-rate-limiter';

/** The per-IP limits: each Nest route picks the one that fits it with @RateLimited(). */
export enum RateLimit {
  PublicRead = 'public-read',
  Login = 'login',
}

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

/**
 * Per client IP limits, counted in Redis so that every gateway replica shares
 * them (an in-memory counter per replica would multiply the limit by the
 * number of replicas).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [GatewayConfig, RedisClient],
      useFactory: (config: GatewayConfig, redis: RedisClient) => ({
        throttlers: [
          { name: RateLimit.Login, ttl: MINUTE_MS, limit: config.NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE },
        ],
        // Our client carries the deployment's key prefix, so limits never mix across deployments
        // (and on a cluster its hash tag, which keeps the storage's two-key script in one slot).
        storage: redis.connection instanceof Cluster ? new ThrottlerStorageRedisService(redis.connection) : new ThrottlerStorageRedisService(redis.connection),
        // One budget per client address across all routes of a limit (the default counts each route apart).
        generateKey: (_context, tracker, throttlerName) => `${throttlerName}-${tracker}`,
        errorMessage: 'too many requests from this address; try again in a minute',
      }),
    }),
  ],
  providers: [
    {
      provide: ViewBeaconRateLimiter,
      inject: [GatewayConfig, RedisClient],
      useFactory: (config: GatewayConfig, redis: RedisClient) =>
        new ViewBeaconRateLimiter(new RedisHitStore(redis, 'view-beacon'), {
          limit: config.NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE,
          windowMs: MINUTE_MS,
          flushEveryMs: 100,
        }),
    },
    {
      provide: PublicReadRateLimiter,
      inject: [GatewayConfig, RedisClient],
      useFactory: (config: GatewayConfig, redis: RedisClient) =>
        new PublicReadRateLimiter(new RedisHitStore(redis, RateLimit.PublicRead), {
          limit: config.NEWSROOM_RATE_LIMIT_READS_PER_MINUTE,
          windowMs: MINUTE_MS,
          flushEveryMs: 100,
        }),
    },
  ],
  exports: [ThrottlerModule, ViewBeaconRateLimiter, PublicReadRateLimiter],
})
export class RateLimitModule {}
