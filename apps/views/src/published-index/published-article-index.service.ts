import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PUBLISHED_INDEX_CHANNEL, PUBLISHED_INDEX_REBUILT, PublishedArticleIndexKey } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';
import { randomUUID } from 'node:crypto';
import { ViewKeys } from '../view-keys';
import { publishedIndexScripts } from './published-index.scripts';

const BUILD_ATTEMPTS = 5;
const WRITE_CHUNK = 1000;
/** a half-written build of a crashed process disappears by itself */
const BUILD_KEY_SECONDS = 600;

/**
 * The index of published articles (slug <-> id) the gateway resolves view
 * beacons with, so that no view needs Postgres. This service is its only
 * writer: each ArticleVisibilityChanged job re-reads that article from
 * Postgres (so jobs arriving late or out of order still leave the truth), and
 * the whole index is rebuilt from Postgres at start-up and whenever Redis has
 * lost it. The gateway falls back to Postgres on a miss, so a gap costs a
 * lookup, never a view.
 */
@Injectable()
export class PublishedArticleIndex implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublishedArticleIndex.name);
  private readonly scripts;

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {
    this.scripts = publishedIndexScripts(redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
  }

  /** Brings one article's entry in line with Postgres. */
  async refresh(articleId: string): Promise<void> {
    const [row]: { slug: string; status: string }[] = await this.em
      .fork()
      .getConnection()
      .execute('select slug, status from articles where id = ?', [articleId]);
    const slug = row?.status === 'published' ? row.slug : '';
    await this.scripts.setPublishedEntry(
      PublishedArticleIndexKey.BySlug,
      PublishedArticleIndexKey.ById,
      ViewKeys.indexGeneration,
      articleId,
      slug,
      this.redis.channel(PUBLISHED_INDEX_CHANNEL),
    );
  }

  async rebuildIfMissing(): Promise<void> {
    if (!(await this.redis.exists(ViewKeys.indexBuilt))) await this.rebuild();
  }

  /** Builds the index aside from Postgres and swaps it in, unless an entry changed meanwhile (then again). */
  async rebuild(): Promise<void> {
    for (let attempt = 1; attempt <= BUILD_ATTEMPTS; attempt++) {
      const generation = (await this.redis.get(ViewKeys.indexGeneration)) ?? '0';
      const rows: { id: string; slug: string }[] = await this.em
        .fork()
        .getConnection()
        .execute(`select id, slug from articles where status = 'published'`);
      const build = randomUUID();
      const newBySlug = `${PublishedArticleIndexKey.BySlug}:build:${build}`;
      const newById = `${PublishedArticleIndexKey.ById}:build:${build}`;
      for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
        const chunk = rows.slice(i, i + WRITE_CHUNK);
        await this.redis
          .multi()
          .hset(newBySlug, Object.fromEntries(chunk.map((r) => [r.slug, r.id])))
          .hset(newById, Object.fromEntries(chunk.map((r) => [r.id, r.slug])))
          .expire(newBySlug, BUILD_KEY_SECONDS)
          .expire(newById, BUILD_KEY_SECONDS)
          .exec();
      }
      const replaced = await this.scripts.replacePublishedIndex(
        newBySlug,
        newById,
        PublishedArticleIndexKey.BySlug,
        PublishedArticleIndexKey.ById,
        ViewKeys.indexGeneration,
        ViewKeys.indexBuilt,
        generation,
        this.redis.channel(PUBLISHED_INDEX_CHANNEL),
        PUBLISHED_INDEX_REBUILT,
      );
      if (replaced) {
        this.logger.log(`published-article index rebuilt: ${rows.length} articles`);
        return;
      }
    }
    // Entries kept changing; the live index stays as the jobs left it and the next check tries again.
    this.logger.warn(`published-article index not rebuilt after ${BUILD_ATTEMPTS} attempts (it kept changing)`);
  }
}
