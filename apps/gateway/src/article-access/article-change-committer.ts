import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article, OutboxEvent } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { ArticleAccess } from './article-access.service';

/**
 * The end of every change the gateway makes to an article: one flush commits
 * the article, its history and its outbox events together (the optimistic lock
 * on `version` turns a lost race into a 409), then the events are relayed and
 * the article presented as it now is.
 */
@Injectable()
export class ArticleChangeCommitter {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly access: ArticleAccess,
  ) {}

  async commit(em: EntityManager, article: Article, events: OutboxEvent | OutboxEvent[]): Promise<ArticleView> {
    await em.flush();
    this.relay.relayInBackground(Array.isArray(events) ? events : [events]);
    return this.access.present(article, em);
  }
}
