import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import Redis from 'ioredis';
import { appKeyPrefix, redisOptionsFromUrl } from './redis-connection';

/**
 * The newsroom's own Redis client (counters, caches, pub/sub publishing); every
 * key it writes carries the deployment's prefix. Queues use BullMQ's connections.
 */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  constructor(@Inject(BaseConfig) config: BaseConfig) {
    super({ ...redisOptionsFromUrl(config.REDIS_URL), keyPrefix: appKeyPrefix(config.NEWSROOM_REDIS_PREFIX), lazyConnect: false });
  }

  /** A channel name under the deployment's prefix (keyPrefix does not apply to PUBLISH/SUBSCRIBE). */
  channel(name: string): string {
    return `${this.options.keyPrefix}${name}`;
  }

  /** A separate connection for SUBSCRIBE (a subscribed connection can do nothing else). */
  subscriber(): Redis {
    return this.duplicate();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.quit().catch(() => this.disconnect());
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
