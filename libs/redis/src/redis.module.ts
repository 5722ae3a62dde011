import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import Redis from 'ioredis';
import { appKeyPrefix, deploymentChannel, redisOptionsFromUrl } from './redis-connection';

/** A channel being listened to; closed on shutdown. */
export interface ChannelListener {
  close(): Promise<void>;
}

/**
 * The newsroom's own Redis client (counters, caches, pub/sub publishing); every
 * key it writes carries the deployment's prefix. Queues use BullMQ's connections.
 */
@Injectable()
export class RedisClient extends Redis implements OnApplicationShutdown {
  /** NEWSROOM_REDIS_PREFIX (not `config`: Redis has a CONFIG command method of that name) */
  private readonly deploymentPrefix: string;

  constructor(@Inject(BaseConfig) config: BaseConfig) {
    super({ ...redisOptionsFromUrl(config.REDIS_URL), keyPrefix: appKeyPrefix(config.NEWSROOM_REDIS_PREFIX), lazyConnect: false });
    this.deploymentPrefix = config.NEWSROOM_REDIS_PREFIX;
  }

  /** A channel name of this deployment: its prefix and database index (see deploymentChannel). */
  channel(name: string): string {
    return deploymentChannel(this.deploymentPrefix, this.options.db ?? 0, name);
  }

  /**
   * Hands every message on a channel under the deployment's prefix to
   * `onMessage`, over a connection of its own (a subscribed connection can do
   * nothing else). Not awaited: with Redis down the app still starts, and
   * ioredis subscribes once connected and again after every reconnect.
   * `onReady` hears every (re)connection, after which messages sent
   * meanwhile may have been missed.
   */
  listen(name: string, onMessage: (message: string) => void, onReady?: () => void): ChannelListener {
    const channel = this.channel(name);
    const subscriber = this.duplicate();
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) onMessage(message);
    });
    if (onReady) subscriber.on('ready', onReady);
    subscriber.subscribe(channel).catch((error: unknown) => new Logger(RedisClient.name).warn(`subscribing to ${name} failed: ${(error as Error).message}`));
    return { close: () => subscriber.quit().then(() => undefined, () => subscriber.disconnect()) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.quit().catch(() => this.disconnect());
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
