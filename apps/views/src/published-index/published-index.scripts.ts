import type { RedisClient } from '@newsroom/redis';

/**
 * Sets one article's entry from its current state: drops whatever slug it was
 * indexed under, then indexes it under `slug` (ARGV[2]) if published (not
 * empty). Bumps the generation so a rebuild running meanwhile starts over.
 * An entry that existed, and any article that is not published, is announced
 * on the channel ARGV[3] in the same step, so no gateway can see the index
 * changed and still act on what it remembered (gateways also remember articles
 * found in Postgres before the index had them; only a newly indexed article
 * needs no announcement).
 * KEYS: by-slug, by-id, generation; ARGV: article id, slug or '', channel.
 */
const SET_ENTRY = `
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then
  if redis.call('HGET', KEYS[1], old) == ARGV[1] then redis.call('HDEL', KEYS[1], old) end
  redis.call('HDEL', KEYS[2], ARGV[1])
end
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
end
if old or ARGV[2] == '' then redis.call('PUBLISH', ARGV[3], ARGV[1]) end
return redis.call('INCR', KEYS[3])
`;

/**
 * Puts a freshly built index in place, unless an entry changed since the
 * build began (the generation moved on): then the build is thrown away, since
 * it could bring back an article that was unpublished meanwhile. A swap is
 * announced on the channel ARGV[2] with the message ARGV[3] (gateways forget everything).
 * KEYS: new by-slug, new by-id, by-slug, by-id, generation, built marker; ARGV: generation at the start, channel, message.
 */
const REPLACE_INDEX = `
if (redis.call('GET', KEYS[5]) or '0') ~= ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 0
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RENAME', KEYS[1], KEYS[3])
  redis.call('RENAME', KEYS[2], KEYS[4])
  redis.call('PERSIST', KEYS[3])
  redis.call('PERSIST', KEYS[4])
else
  redis.call('DEL', KEYS[3], KEYS[4])
end
redis.call('SET', KEYS[6], '1')
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`;

interface WithIndexScripts {
  setPublishedEntry(bySlug: string, byId: string, generation: string, articleId: string, slug: string, channel: string): Promise<number>;
  replacePublishedIndex(
    newBySlug: string,
    newById: string,
    bySlug: string,
    byId: string,
    generation: string,
    built: string,
    startGeneration: string,
    channel: string,
    message: string,
  ): Promise<number>;
}

export function publishedIndexScripts(redis: RedisClient): WithIndexScripts {
  redis.defineCommand('setPublishedEntry', { numberOfKeys: 3, lua: SET_ENTRY });
  redis.defineCommand('replacePublishedIndex', { numberOfKeys: 6, lua: REPLACE_INDEX });
  return redis as unknown as WithIndexScripts;
}
