import type { Redis } from 'ioredis';

/**
 * Moves the pending counters aside under a new flush id, atomically: views
 * counted from then on go to a fresh pending hash, and the flush id is
 * remembered (KEYS[3]) until Postgres has its counts, so a flush that dies
 * half-way is found and finished by the next one.
 *
 * KEYS[1] pending hash, KEYS[2] the flush's hash, KEYS[3] set of open flushes; ARGV[1] flush id
 * Returns 1 if there was anything to move, else 0.
 */
const LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
`;

interface WithClaimPending {
  claimPendingViews(pending: string, flushing: string, flushes: string, flushId: string): Promise<number>;
}

export function claimPendingScript(redis: Redis): WithClaimPending {
  redis.defineCommand('claimPendingViews', { numberOfKeys: 3, lua: LUA });
  return redis as unknown as WithClaimPending;
}
