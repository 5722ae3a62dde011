import { Injectable } from '@nestjs/common';
import { RedisClient } from '@newsroom/redis';
import { randomUUID } from 'node:crypto';
import { ViewKeys } from '../view-keys';

/** Long enough for a flush; short enough that a flusher killed while holding it delays counts by seconds only. */
const LOCK_MS = 10_000;

/** Deletes or extends the lock only while it is still ours (it may have run out and been taken). */
const IF_OURS = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

export interface HeldLock {
  /** pushes the expiry out again, for long work (a ranking rebuild) */
  extend(): Promise<void>;
  release(): Promise<void>;
}

/**
 * One flush at a time across every replica. Flushes would be correct side by
 * side (each step is idempotent), but a ranking rebuild reads Postgres and
 * must not miss a flush committed meanwhile, nor see one twice; a tick that
 * finds the lock taken simply skips, since the running flush takes its counts.
 */
@Injectable()
export class FlushLock {
  constructor(private readonly redis: RedisClient) {
    redis.defineCommand('flushLockIfOurs', { numberOfKeys: 1, lua: IF_OURS });
  }

  async tryAcquire(): Promise<HeldLock | null> {
    const token = randomUUID();
    if ((await this.redis.set(ViewKeys.flushLock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') return null;
    const ifOurs = (expiry: string) => (this.redis as unknown as { flushLockIfOurs(k: string, t: string, e: string): Promise<number> }).flushLockIfOurs(ViewKeys.flushLock, token, expiry);
    return {
      extend: async () => void (await ifOurs(String(LOCK_MS))),
      release: async () => void (await ifOurs('')),
    };
  }
}
