import type { RedisClient } from '@newsroom/redis';

/*
 * The ranking's keys depend on the rows (an hour's bucket, a rubric's window),
 * so the scripts get them as names already carrying the client's key prefix,
 * all under the same hash tag: one Cluster slot. Each script declares one key
 * of that slot (KEYS[1]), which is what sends it to the slot's master on a
 * cluster. Per window, three names: the key holding its oldest hour, its
 * all-rubrics zset and the stem of its per-rubric zsets (the rubric id is
 * appended).
 */

/**
 * Adds one flush's counts to the ranking, atomically and once: the marker
 * KEYS[1] of the flush id is set with the counts, and if it was set already
 * (a crash after this script and before the shards forgot the flush) nothing
 * happens. A count joins a window only if its hour is still inside it, and
 * its hour's bucket only while some window holds that hour, so that expiring
 * the hour later subtracts exactly what was added.
 *
 * KEYS[1] the flush's marker
 * ARGV[1] marker seconds, ARGV[2] bucket key stem (hour appended), ARGV[3] bucket TTL seconds,
 * ARGV[4] number of windows W, then 3 x W window names, then 4 per count: hour, rubric id, article id, views
 * Returns 1 if the counts were added, 0 if they had been.
 */
const APPLY_FLUSH = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
local windows = tonumber(ARGV[4])
local from, all, rubric = {}, {}, {}
for w = 1, windows do
  local base = 4 + (w - 1) * 3
  from[w] = tonumber(redis.call('GET', ARGV[base + 1]) or '0')
  all[w] = ARGV[base + 2]
  rubric[w] = ARGV[base + 3]
end
for i = 5 + windows * 3, #ARGV, 4 do
  local hour, rubricId, articleId, views = tonumber(ARGV[i]), ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local held = false
  for w = 1, windows do
    if hour >= from[w] then
      redis.call('ZINCRBY', all[w], views, articleId)
      redis.call('ZINCRBY', rubric[w] .. rubricId, views, articleId)
      held = true
    end
  end
  if held then
    local bucket = ARGV[2] .. ARGV[i]
    redis.call('ZINCRBY', bucket, views, rubricId .. '|' .. articleId)
    redis.call('EXPIRE', bucket, ARGV[3])
  end
end
return 1
`;

/**
 * Moves a window past its oldest hour: subtracts that hour's bucket from the
 * window (dropping articles left with nothing) and records the next hour as
 * the oldest. Does nothing if the window's oldest hour is no longer ARGV[1]
 * (another flusher moved it already), so it is safe to run twice.
 *
 * KEYS[1] the window's oldest-hour key (the same as ARGV[4])
 * ARGV[1] the oldest hour expected, ARGV[2] the next one, ARGV[3] the hour's bucket,
 * ARGV[4..6] the window's names (oldest-hour key, all-rubrics zset, per-rubric stem)
 */
const EXPIRE_HOUR = `
if (redis.call('GET', ARGV[4]) or '') ~= ARGV[1] then return 0 end
local counts = redis.call('ZRANGE', ARGV[3], 0, -1, 'WITHSCORES')
for i = 1, #counts, 2 do
  local member, views = counts[i], counts[i + 1]
  local sep = string.find(member, '|', 1, true)
  local articleId = string.sub(member, sep + 1)
  for _, key in ipairs({ ARGV[5], ARGV[6] .. string.sub(member, 1, sep - 1) }) do
    if tonumber(redis.call('ZINCRBY', key, -views, articleId)) <= 0 then redis.call('ZREM', key, articleId) end
  end
end
redis.call('SET', ARGV[4], ARGV[2])
return 1
`;

/**
 * Files an article's counts under its rubric `ARGV[2]`: whatever the per-rubric
 * windows hold of it under any other rubric given moves to that rubric's, and
 * so do its members in the hour buckets from ARGV[4] to ARGV[5], so that an
 * hour leaving a window later is subtracted from the rubric that holds it.
 * Moving to the rubric it is filed under already changes nothing, so it is
 * safe to run twice. A bucket gains the new member before it loses the old,
 * so it never empties (which would drop its TTL).
 *
 * KEYS[1] any key of the ranking's slot (only to route the script there)
 * ARGV[1] article id, ARGV[2] its rubric id, ARGV[3] bucket key stem, ARGV[4] the oldest
 * hour any window holds, ARGV[5] the newest hour, ARGV[6] number of windows W, then W
 * per-rubric stems, then every other rubric id the article could be filed under
 * Returns how many rubrics it was moved from.
 */
const MOVE_RUBRIC = `
local article, target = ARGV[1], ARGV[2]
local first, last = tonumber(ARGV[4]), tonumber(ARGV[5])
local windows = tonumber(ARGV[6])
local moved = 0
for r = 7 + windows, #ARGV do
  local old = ARGV[r]
  local found = false
  if old ~= target then
    for w = 1, windows do
      local views = redis.call('ZSCORE', ARGV[6 + w] .. old, article)
      if views then
        redis.call('ZINCRBY', ARGV[6 + w] .. target, views, article)
        redis.call('ZREM', ARGV[6 + w] .. old, article)
        found = true
      end
    end
  end
  if found then
    for hour = first, last, 3600 do
      local bucket = ARGV[3] .. hour
      local views = redis.call('ZSCORE', bucket, old .. '|' .. article)
      if views then
        redis.call('ZINCRBY', bucket, views, target .. '|' .. article)
        redis.call('ZREM', bucket, old .. '|' .. article)
      end
    end
    moved = moved + 1
  end
end
return moved
`;

interface WithRankingScripts {
  applyFlushToRanking(marker: string, ...args: (string | number)[]): Promise<number>;
  expireRankingHour(fromKey: string, ...args: (string | number)[]): Promise<number>;
  moveRankingRubric(routingKey: string, ...args: (string | number)[]): Promise<number>;
}

export function rankingScripts(redis: RedisClient): WithRankingScripts {
  redis.defineCommand('applyFlushToRanking', { numberOfKeys: 1, lua: APPLY_FLUSH });
  redis.defineCommand('expireRankingHour', { numberOfKeys: 1, lua: EXPIRE_HOUR });
  redis.defineCommand('moveRankingRubric', { numberOfKeys: 1, lua: MOVE_RUBRIC });
  return redis as unknown as WithRankingScripts;
}
