import type { Redis } from 'ioredis';

/**
 * Counts one batch, atomically: either the whole batch is counted and marked,
 * or (a redelivery, the marker exists) nothing happens. A view counts only if
 * its visitor's dedup key for the article could be set, which then lives for
 * the dedup window.
 *
 * KEYS[1] batch marker, KEYS[2] pending hash, KEYS[3..] one dedup key per view
 * ARGV[1] dedup seconds, ARGV[2] batch marker seconds, ARGV[3..] the pending
 * field of each view (aligned with its dedup key)
 * Returns the number of views counted, or -1 for a batch counted before.
 */
const LUA = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then return -1 end
local counted = 0
for i = 3, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
    counted = counted + 1
  end
end
return counted
`;

interface WithCountViews {
  countViewBatch(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
}

/** Registers the script on the client (EVALSHA, loaded on first use); its keys get the client's prefix. */
export function countViewsScript(redis: Redis): WithCountViews {
  redis.defineCommand('countViewBatch', { lua: LUA });
  return redis as unknown as WithCountViews;
}
