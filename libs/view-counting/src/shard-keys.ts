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
  /**
   * `<stem><article id>:<visitor>`, present while a visitor's view of an article counts already; the counting
   * script names these from the stem (count-views.script)
   */
  dedupStem: 'views:dedup:',
  /**
   * `<stem><article id>:<client>`, how many distinct visitors of an article one client address brought in the
   * dedup window (the flood cap); named by the counting script likewise
   */
  clientStem: 'views:client:',
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

/** Reads a pending field (`<hour>|<article id>`, written by the counting script) back; null for anything it would never have written. */
export function parsePendingField(field: string): { hour: number; articleId: string } | null {
  const [hour, articleId, ...rest] = field.split('|');
  if (rest.length || !/^\d+$/.test(hour ?? '') || !UUID.test(articleId ?? '') || Number(hour) % 3600 !== 0) return null;
  return { hour: Number(hour), articleId };
}

export function isArticleId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
