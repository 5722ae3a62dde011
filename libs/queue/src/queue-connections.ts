import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import { connectRedis, RedisConnection, redisOptionsFromUrl, RedisTarget, redisTarget } from '@newsroom/redis';
import type { ConnectionOptions, Queue } from 'bullmq';

/**
 * BullMQ's Redis connections. On a single node BullMQ is given options and
 * opens (and closes) a connection per queue and worker itself, as it always
 * has. On a cluster it must be given an ioredis Cluster client, which it
 * shares and never closes: so this opens one per queue (its workers share it
 * and duplicate it for their blocking reads) and closes them all once the
 * workers and queues have stopped (QueueModule is a global module, whose
 * shutdown hooks run after BullMQ's).
 */
@Injectable()
export class QueueConnections implements OnApplicationShutdown {
  private readonly target: RedisTarget;
  private readonly owned: RedisConnection[] = [];

  constructor(@Inject(BaseConfig) config: BaseConfig) {
    this.target = redisTarget(config);
  }

  get cluster(): boolean {
    return this.target.clusterNodes !== undefined;
  }

  /** The `connection` option of one queue and the workers Nest gives it. */
  forQueue(): ConnectionOptions {
    // bullmq's own options type is structurally the same as ioredis's
    return this.cluster ? this.open() : (redisOptionsFromUrl(this.target.url) as ConnectionOptions);
  }

  /** A client of our own for BullMQ queues and workers to share (never with a key prefix: BullMQ does not support one). */
  open(): RedisConnection {
    const connection = connectRedis(this.target);
    this.owned.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.owned.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/**
 * The ioredis client a queue sends its commands down (BullMQ hands out a
 * proxy of it, which takes the same commands): for WAIT, which must go down
 * the connection that wrote.
 */
export async function connectionOf(queue: Queue): Promise<RedisConnection> {
  return (await queue.getBackend().client) as unknown as RedisConnection;
}
