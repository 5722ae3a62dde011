import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article, OutboxEvent } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { ArticleAccess } from '../article-access/article-access.service';

/**
 * The end of every publishing action: one flush commits the article, its
 * history and its outbox event together (the optimistic lock on `version`
 * turns a lost race into a 409), then the event is relayed and the article
 * presented as it now is.
 */
@Injectable()
export class ArticleChangeCommitter {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly access: ArticleAccess,
  ) {}

  async commit(em: EntityManager, article: Article, event: OutboxEvent): Promise<ArticleView> {
    await em.flush();
    this.relay.relayInBackground([event]);
    return this.access.present(article, em);
  }
}
