import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { JobName, PAYLOAD_SCHEMA_VERSION, PublishedArticleIndexKey } from '@newsroom/contracts';
import { pgArray } from '@newsroom/database';
import { JobProducer } from '@newsroom/queue';
import { RedisClient } from '@newsroom/redis';

/** What a beacon names: an article by slug or by id. */
export type ViewTarget = { slug: string } | { articleId: string };

/**
 * Resolves beacon targets to published article ids without touching Postgres
 * on the hot path: the views service keeps an index of published articles in
 * Redis (PublishedArticleIndexKey) and this reads it, one HMGET per kind.
 *
 * A miss falls back to one indexed Postgres query for all missed targets, so a
 * Redis that lost the index (or an article it has not heard of yet) costs a
 * lookup but never drops a real view; an unknown slug is then a genuine miss.
 * A hit on a miss also asks the views service to index that article, which is
 * the only writer of the index, so the next view is served from Redis again.
 *
 * Beacons arriving in the same turn of the event loop are resolved together
 * (one HMGET per kind for all of them), so the lookup costs a round trip per
 * turn, not per request. There is no local cache: counting does not check
 * publication again, so only the index can stop an unpublished article's
 * views at once.
 */
@Injectable()
export class PublishedArticleLookup {
  private readonly logger = new Logger(PublishedArticleLookup.name);
  /** the beacons of the current turn, resolved together at its end */
  private waiting: { targets: ViewTarget[]; resolve: (ids: (string | null)[]) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
    private readonly producer: JobProducer,
  ) {}

  /** The published article id for each target, or null where there is none. */
  resolve(targets: ViewTarget[]): Promise<(string | null)[]> {
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ targets, resolve, reject }) === 1) setImmediate(() => void this.resolveWaiting());
    });
  }

  private async resolveWaiting(): Promise<void> {
    const requests = this.waiting;
    this.waiting = [];
    try {
      const ids = await this.resolveAll(requests.length === 1 ? requests[0].targets : requests.flatMap((r) => r.targets));
      let from = 0;
      for (const request of requests) request.resolve(ids.slice(from, (from += request.targets.length)));
    } catch (error) {
      for (const request of requests) request.reject(error);
    }
  }

  private async resolveAll(targets: ViewTarget[]): Promise<(string | null)[]> {
    const slugs = [...new Set(targets.flatMap((t) => ('slug' in t ? [t.slug] : [])))];
    const ids = [...new Set(targets.flatMap((t) => ('articleId' in t ? [t.articleId] : [])))];
    const [idsBySlug, slugsById] = await Promise.all([
      slugs.length ? this.redis.hmget(PublishedArticleIndexKey.BySlug, ...slugs) : [],
      ids.length ? this.redis.hmget(PublishedArticleIndexKey.ById, ...ids) : [],
    ]);
    const fromIndex = new Map<string, string>();
    slugs.forEach((slug, i) => idsBySlug[i] && fromIndex.set(`slug:${slug}`, idsBySlug[i]!));
    ids.forEach((id, i) => slugsById[i] && fromIndex.set(`id:${id}`, id));

    const missed = targets.filter((t) => !fromIndex.has(targetKey(t)));
    const fromDatabase = missed.length ? await this.findPublished(missed) : new Map<string, string>();
    return targets.map((t) => fromIndex.get(targetKey(t)) ?? fromDatabase.get(targetKey(t)) ?? null);
  }

  private async findPublished(targets: ViewTarget[]): Promise<Map<string, string>> {
    const slugs = [...new Set(targets.flatMap((t) => ('slug' in t ? [t.slug] : [])))];
    const ids = [...new Set(targets.flatMap((t) => ('articleId' in t ? [t.articleId] : [])))];
    const rows: { id: string; slug: string }[] = await this.em
      .getConnection()
      .execute(`select id, slug from articles where status = 'published' and (slug = any(?::text[]) or id = any(?::uuid[]))`, [
        pgArray(slugs),
        pgArray(ids),
      ]);
    this.askToIndex(rows.map((r) => r.id));
    return new Map(rows.flatMap((r) => [[`slug:${r.slug}`, r.id] as const, [`id:${r.id}`, r.id] as const]));
  }

  /** Fire and forget: the view does not wait for the index; one job per article and minute at most. */
  private askToIndex(articleIds: string[]): void {
    if (articleIds.length === 0) return;
    const minute = Math.floor(Date.now() / 60_000);
    this.producer
      .enqueueMany(
        articleIds.map((articleId) => ({
          name: JobName.ArticleVisibilityChanged,
          data: { schema: PAYLOAD_SCHEMA_VERSION, articleId, published: true },
          opts: { jobId: `visibility-reindex-${articleId}-${minute}` },
        })),
      )
      .catch((error: unknown) => this.logger.warn(`could not ask the views service to index articles: ${(error as Error).message}`));
  }
}

function targetKey(target: ViewTarget): string {
  return 'slug' in target ? `slug:${target.slug}` : `id:${target.articleId}`;
}
