import type { RedisConnection } from '@newsroom/redis';

/**
 * Counts one batch (the part of it in one view shard: every key below has
 * the shard's hash tag, so the script runs in one slot), atomically: either the whole batch is counted and marked,
 * or (a redelivery, the marker exists) nothing happens. A view counts only if
 * its client address has not brought its cap of visitors to the article yet
 * and its visitor's dedup key for the article could be set; both keys then
 * live for the dedup window (the client's from its first counted visitor).
 * A counted view goes to the pending counter of its article and hour (what
 * the flusher takes to Postgres) and to its article's count in the minute's
 * bucket, which lives for ARGV[5] seconds after its last write.
 *
 * KEYS[1] batch marker, KEYS[2] pending hash, then per view its dedup key and its client key
 * ARGV[1] dedup seconds, ARGV[2] batch marker seconds, ARGV[3] visitors per client and
 * article, ARGV[4] the minute buckets' key stem (in full, under the shard's tag:
 * the bucket names depend on the views, like the ranking scripts' names), ARGV[5]
 * minute bucket seconds, then per view (in the order of the views) its pending
 * field, its article id and its minute (epoch seconds; '' for a view older than
 * the buckets are kept, whose bucket is gone or about to go: it would come back
 * holding only that view)
 * Returns the number of views counted, or -1 for a batch counted before.
 */
const LUA = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then return -1 end
local counted = 0
local cap = tonumber(ARGV[3])
local minutes = {}
for i = 3, #KEYS, 2 do
  if tonumber(redis.call('GET', KEYS[i + 1]) or '0') < cap and redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    if redis.call('INCR', KEYS[i + 1]) == 1 then redis.call('EXPIRE', KEYS[i + 1], ARGV[1]) end
    local arg = 6 + (i - 3) / 2 * 3
    redis.call('HINCRBY', KEYS[2], ARGV[arg], 1)
    if ARGV[arg + 2] ~= '' then
      local minute = ARGV[4] .. ARGV[arg + 2]
      redis.call('HINCRBY', minute, ARGV[arg + 1], 1)
      minutes[minute] = true
    end
    counted = counted + 1
  end
end
for minute in pairs(minutes) do redis.call('EXPIRE', minute, ARGV[5]) end
return counted
`;

interface WithCountViews {
  countViewBatch(numberOfKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
}

/** Registers the script on a client without key prefix (EVALSHA, loaded on first use): its keys are named in full. */
export function countViewsScript(redis: RedisConnection): WithCountViews {
  redis.defineCommand('countViewBatch', { lua: LUA });
  return redis as unknown as WithCountViews;
}
