import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { EventType, SITE_CONTENT_CHANNEL, SiteContentChange, type ArticleView } from '@newsroom/contracts';
import { Article, logSafeError, OutboxEvent } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { RedisClient } from '@newsroom/redis';
import { ArticleAccess } from './article-access.service';

/** Changes of what readers see: the replicas' caches drop what holds the article. */
const VISIBLE_CHANGES: readonly string[] = [EventType.ArticlePublished, EventType.ArticleUnpublished, EventType.ArticleCorrected, EventType.ArticleUpdated];

/**
 * The end of every change the gateway makes to an article: one flush commits
 * the article, its history and its outbox events together (the optimistic lock
 * on `version` turns a lost race into a 409), then the events are relayed and
 * the article presented as it now is.
 */
@Injectable()
export class ArticleChangeCommitter {
  private readonly logger = new Logger(ArticleChangeCommitter.name);

  constructor(
    private readonly relay: OutboxRelay,
    private readonly access: ArticleAccess,
    private readonly redis: RedisClient,
  ) {}

  async commit(em: EntityManager, article: Article, events: OutboxEvent | OutboxEvent[]): Promise<ArticleView> {
    await em.flush();
    return this.committed(em, article, events);
  }

  /**
   * The rest of `commit` for a change the caller committed in a transaction
   * of its own (rows locked before they were read): relay, present, announce.
   */
  async committed(em: EntityManager, article: Article, events: OutboxEvent | OutboxEvent[]): Promise<ArticleView> {
    const all = Array.isArray(events) ? events : [events];
    this.relay.relayInBackground(all);
    const view = await this.access.present(article, em);
    if (all.some((event) => VISIBLE_CHANGES.includes(event.type))) await this.announce(view);
    return view;
  }

  /**
   * Tells the readers' caches before answering, so whoever made the change
   * sees it on the site at once. The views service announces the same change
   * again from the outbox (and every change the gateway does not make, such as
   * a scheduled publication): a lost announcement here costs nothing.
   */
  private async announce(view: ArticleView): Promise<void> {
    const change: SiteContentChange = {
      kind: 'article',
      articleId: view.id,
      slug: view.slug,
      rubricSlug: view.rubric.slug,
      version: view.version,
      live: view.status === 'published',
    };
    await this.redis
      .publish(this.redis.channel(SITE_CONTENT_CHANNEL), JSON.stringify(change))
      .catch((error: unknown) => this.logger.warn(`could not announce an article change to the readers' caches: ${logSafeError(error)}`));
  }
}
