import { DomainError } from '@newsroom/domain';
import type { RedisClient } from '@newsroom/redis';

/** How long a request waits for Redis before it is refused. */
const TIMEOUT_MS = 2000;
const RETRY_AFTER_SECONDS = 5;

/**
 * One Redis call that sessions and logins depend on, refused with 503 and
 * Retry-After when Redis is away or slow. Our client queues commands while
 * disconnected (BullMQ's settings): without this a request would hang until
 * Redis came back instead of failing closed.
 */
export async function redisAnswer<T>(redis: RedisClient, call: () => Promise<T>): Promise<T> {
  if (redis.status !== 'ready') throw unavailable();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(unavailable()), TIMEOUT_MS)));
  try {
    return await Promise.race([call(), timeout]);
  } catch (error) {
    throw error instanceof DomainError ? error : unavailable();
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(): DomainError {
  return new DomainError('unavailable', 'AUTH.REDIS_UNAVAILABLE', 'sign-in and sessions cannot be checked right now; try again shortly', RETRY_AFTER_SECONDS);
}
