import type { RedisOptions } from 'ioredis';

/**
 * ioredis options from a `redis://[:password@]host:port[/db]` URL. The `/N`
 * database index is honoured. `maxRetriesPerRequest: null` is what BullMQ's
 * blocking connections require, and is harmless for the others.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL has an invalid database index: ${u.pathname}`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

/**
 * Key prefix for the newsroom's own (non-queue) keys. The braces make it a
 * Redis Cluster hash tag, so multi-key commands over these keys stay in one slot.
 */
export function appKeyPrefix(prefix: string): string {
  return `{${prefix}}:`;
}

/** BullMQ prefix: a hash tag of its own, so queue keys can live on another slot than counters. */
export function queuePrefix(prefix: string): string {
  return `{${prefix}-queues}`;
}

/**
 * A pub/sub channel of one deployment. Redis delivers PUBLISH to subscribers
 * of every database index (channels have no database), and ioredis's
 * keyPrefix does not apply to channel names: so the name carries both the
 * prefix and the database index, and two newsrooms on one Redis, told apart
 * only by `/N` in REDIS_URL, never hear each other's drafts.
 */
export function deploymentChannel(prefix: string, db: number, name: string): string {
  return `${appKeyPrefix(prefix)}db${db}:${name}`;
}
