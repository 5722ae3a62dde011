import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisClient } from '@newsroom/redis';
import { Cluster } from 'ioredis';
import { GatewayConfig } from '../gateway.config';

/** The per-IP limits of the staff side: each Nest route picks the one that fits it with @RateLimited() (the readers' limits are the site's). */
export enum RateLimit {
  Login = 'login',
}

const MINUTE_MS = 60_000;

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
        // (the two branches only pick the storage constructor's overload for each kind of client)
        storage: redis.connection instanceof Cluster ? new ThrottlerStorageRedisService(redis.connection) : new ThrottlerStorageRedisService(redis.connection),
        // One budget per client address across all routes of a limit (the default counts each route apart).
        generateKey: (_context, tracker, throttlerName) => `${throttlerName}-${tracker}`,
        errorMessage: 'too many requests from this address; try again in a minute',
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
