import { EntityManager } from '@mikro-orm/postgresql';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobName, PAYLOAD_SCHEMA_VERSION, PUBLISHED_INDEX_CHANNEL, PUBLISHED_INDEX_REBUILT, PublishedArticleIndexKey } from '@newsroom/contracts';
import { JobProducer } from '@newsroom/queue';
import { logSafeError, pgArray } from '@newsroom/database';
import { ChannelListener, RedisClient } from '@newsroom/redis';

/** How long a resolved article is remembered: the bound on staleness should a change announcement be lost. */
const REMEMBER_MS = 5000;
/** Articles remembered at most; past that the memory starts over (a flood of made-up slugs is never remembered: misses are not). */
const REMEMBERED = 50_000;

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
 * turn, not per request.
 *
 * What was found is remembered for a few seconds, so most beacons cost no
 * round trip at all. The views service announces every change of an entry
 * (PUBLISHED_INDEX_CHANNEL) and every site forgets it as soon as the
 * announcement arrives (milliseconds after the index changed; on a Redis
 * Cluster it crosses the cluster bus first), so an article taken down is a
 * 404 here all but as soon as the index says so; a lookup that was under way when a change came in is not
 * remembered, and after a lost subscription everything is forgotten. Only the
 * short expiry is left for an announcement lost outright. Counting does not
 * check publication again.
 */
@Injectable()
export class PublishedArticleLookup implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(PublishedArticleLookup.name);
  /** target key -> the article id and until when it is remembered */
  private readonly remembered = new Map<string, { articleId: string; until: number }>();
  /** article id -> its target keys in `remembered` (its slug's and its id's), to forget an article at once */
  private readonly keysOf = new Map<string, Set<string>>();
  /** bumped by every announced change: a lookup begun before one is not remembered */
  private changes = 0;
  private listener?: ChannelListener;
  /** the beacons of the current turn, resolved together at its end */
  private waiting: { targets: ViewTarget[]; resolve: (ids: (string | null)[]) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
    private readonly producer: JobProducer,
  ) {}

  onModuleInit(): void {
    this.listener = this.redis.listen(
      PUBLISHED_INDEX_CHANNEL,
      (change) => this.forget(change),
      // announcements missed while the subscription was down: nothing remembered can be trusted
      () => this.forget(PUBLISHED_INDEX_REBUILT),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }

  /** The published article id for each target, or null where there is none. */
  resolve(targets: ViewTarget[], now = Date.now()): Promise<(string | null)[]> {
    const known = this.recall(targets, now);
    if (known) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ targets, resolve, reject }) === 1) setImmediate(() => void this.resolveWaiting());
    });
  }

  /**
   * The remembered ids of all targets, or undefined when any is not
   * remembered (then resolve() looks them all up): answered at once, for the
   * beacon's one view that needs no promise when it is remembered.
   */
  recall(targets: ViewTarget[], now = Date.now()): string[] | undefined {
    const ids: string[] = [];
    for (const target of targets) {
      const entry = this.remembered.get(targetKey(target));
      if (!entry || entry.until <= now) return undefined;
      ids.push(entry.articleId);
    }
    return ids;
  }

  private remember(targets: ViewTarget[], ids: (string | null)[]): void {
    const until = Date.now() + REMEMBER_MS;
    targets.forEach((target, i) => {
      const articleId = ids[i];
      if (!articleId) return;
      if (this.remembered.size >= REMEMBERED) this.forgetAll();
      const key = targetKey(target);
      this.remembered.set(key, { articleId, until });
      let keys = this.keysOf.get(articleId);
      if (!keys) this.keysOf.set(articleId, (keys = new Set()));
      keys.add(key);
    });
  }

  /** An article's entry changed (or, for PUBLISHED_INDEX_REBUILT, every entry may have). */
  private forget(change: string): void {
    this.changes++;
    if (change === PUBLISHED_INDEX_REBUILT) return this.forgetAll();
    for (const key of this.keysOf.get(change) ?? []) this.remembered.delete(key);
    this.keysOf.delete(change);
  }

  private forgetAll(): void {
    this.remembered.clear();
    this.keysOf.clear();
  }

  private async resolveWaiting(): Promise<void> {
    const requests = this.waiting;
    this.waiting = [];
    const changesBefore = this.changes;
    try {
      const targets = requests.length === 1 ? requests[0].targets : requests.flatMap((r) => r.targets);
      const ids = await this.resolveAll(targets);
      if (this.changes === changesBefore) this.remember(targets, ids);
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
      .catch((error: unknown) => this.logger.warn(`could not ask the views service to index articles: ${logSafeError(error)}`));
  }
}

function targetKey(target: ViewTarget): string {
  return 'slug' in target ? `slug:${target.slug}` : `id:${target.articleId}`;
}
