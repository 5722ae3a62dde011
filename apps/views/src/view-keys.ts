/**
 * The views service's own Redis keys under the deployment's prefix, one hash
 * tag (RedisClient adds the prefix, also to the KEYS of scripts): the flush
 * lock, the Populer ranking's buckets and windows, the index bookkeeping. The
 * published-article index, the Populer ranking and the minute buckets, which
 * the gateway reads too, are named in @newsroom/contracts.
 */
export const ViewKeys = {
  /** held by the one flush running (any replica), so a ranking rebuild never races a flush */
  flushLock: 'views:flush-lock',
  /** present once a flush's counts are in the Populer ranking, until every shard has forgotten that flush */
  rankedFlush: (flushId: string) => `views:ranked:${flushId}`,
  /** zset of one hour's views, member `<rubric id>|<article id>`, kept while a Populer window holds that hour */
  hourViews: (hour: number) => `views:hour:${hour}`,
  /** what hourViews puts before the hour (the ranking scripts build bucket names from it) */
  hourViewsStem: 'views:hour:',
  /** hash of articles whose rubric may have changed, field article id -> a mark the flush forgets once it moved them */
  rubricChecks: 'views:rubric-checks',
  /** the oldest hour bucket a Populer window still holds (epoch seconds) */
  windowFrom: (window: string) => `popular:${window}:from`,
  /** bumped by every change to the published-article index, so a rebuild can tell it raced one */
  indexGeneration: 'published-articles:generation',
  /** present once the index was built; gone when Redis lost its data, which triggers a rebuild */
  indexBuilt: 'published-articles:built',
} as const;
