/**
 * The views service's own Redis keys (RedisClient adds the deployment prefix,
 * also to the KEYS of scripts). The published-article index, which the gateway
 * reads too, is named in @newsroom/contracts.
 */
export const ViewKeys = {
  /** hash of counts not yet in Postgres: field `<hour epoch seconds>|<article id>` -> views */
  pending: 'views:pending',
  /** the pending hash of one flush, moved aside until Postgres has it */
  flushing: (flushId: string) => `views:flushing:${flushId}`,
  /** set of flush ids whose `flushing` hash still exists (left over if a flush died) */
  flushes: 'views:flushes',
  /** present while a visitor's view of an article counts already */
  dedup: (articleId: string, visitor: string) => `views:dedup:${articleId}:${visitor}`,
  /** present once a CountViews batch was counted, so a redelivered batch counts nothing */
  batch: (batchId: string) => `views:batch:${batchId}`,
  /** bumped by every change to the published-article index, so a rebuild can tell it raced one */
  indexGeneration: 'published-articles:generation',
  /** present once the index was built; gone when Redis lost its data, which triggers a rebuild */
  indexBuilt: 'published-articles:built',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The start of the hour `at` falls in, in epoch seconds: the bucket a view is counted in. */
export function hourBucket(at: Date): number {
  return Math.floor(at.getTime() / 3_600_000) * 3600;
}

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
