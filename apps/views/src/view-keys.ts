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

/**
 * The keys of one view shard, under the shard's own hash tag
 * (RedisKeyspace.viewShardKey names them in full, for the client without
 * prefix): every key a counting script or a claim touches is here, so each
 * runs in one slot. With one shard on a single node the tag is the
 * deployment's prefix, and these are the names of earlier versions.
 */
export const ShardKeys = {
  /** hash of counts not yet in Postgres: field `<hour epoch seconds>|<article id>` -> views */
  pending: 'views:pending',
  /** the pending hash of one flush, moved aside until Postgres and the ranking have it */
  flushing: (flushId: string) => `views:flushing:${flushId}`,
  /** set of flush ids whose `flushing` hash still exists in this shard (left over if a flush died) */
  flushes: 'views:flushes',
  /** present while a visitor's view of an article counts already */
  dedup: (articleId: string, visitor: string) => `views:dedup:${articleId}:${visitor}`,
  /** how many distinct visitors of an article one client address brought in the dedup window (the flood cap) */
  client: (articleId: string, client: string) => `views:client:${articleId}:${client}`,
  /** present once a CountViews batch was counted in this shard, so a redelivered batch counts nothing */
  batch: (batchId: string) => `views:batch:${batchId}`,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The start of the hour `at` falls in, in epoch seconds: the bucket a view is counted in. */
export function hourBucket(at: Date): number {
  return Math.floor(at.getTime() / 3_600_000) * 3600;
}

/** How long a minute bucket (ViewMinuteKey) lives after its last write: a couple of hours; past that, the hourly rows answer. */
export const MINUTE_BUCKET_SECONDS = 2 * 3600;

export function pendingField(hour: number, articleId: string): string {
  return `${hour}|${articleId}`;
}

/** Reads a pending field back; null for anything this service would never have written. */
export function parsePendingField(field: string): { hour: number; articleId: string } | null {
  const [hour, articleId, ...rest] = field.split('|');
  if (rest.length || !/^\d+$/.test(hour ?? '') || !UUID.test(articleId ?? '') || Number(hour) % 3600 !== 0) return null;
  return { hour: Number(hour), articleId };
}

export function isArticleId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
