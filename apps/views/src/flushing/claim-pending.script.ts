import type { RedisConnection } from '@newsroom/redis';

/**
 * Moves a shard's pending counters aside under a new flush id, atomically:
 * views counted from then on go to a fresh pending hash, and the flush id is
 * remembered (KEYS[3]) until Postgres and the ranking have its counts, so a
 * flush that dies half-way is found and finished by the next one.
 *
 * KEYS[1] pending hash, KEYS[2] the flush's hash, KEYS[3] set of open flushes
 * (all three of one shard, one slot); ARGV[1] flush id
 * Returns 1 if there was anything to move, else 0.
 */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
`;

/**
 * Forgets a flush in one shard once Postgres and the ranking have it: its
 * hash goes, and its id leaves the shard's open flushes.
 * KEYS[1] the flush's hash, KEYS[2] set of open flushes; ARGV[1] flush id
 */
const FORGET = `
redis.call('DEL', KEYS[1])
return redis.call('SREM', KEYS[2], ARGV[1])
`;

interface WithClaimScripts {
  claimPendingViews(pending: string, flushing: string, flushes: string, flushId: string): Promise<number>;
  forgetViewFlush(flushing: string, flushes: string, flushId: string): Promise<number>;
}

/** On a client without key prefix: the keys are named in full, under their shard's tag. */
export function claimScripts(redis: RedisConnection): WithClaimScripts {
  redis.defineCommand('claimPendingViews', { numberOfKeys: 3, lua: CLAIM });
  redis.defineCommand('forgetViewFlush', { numberOfKeys: 2, lua: FORGET });
  return redis as unknown as WithClaimScripts;
}
