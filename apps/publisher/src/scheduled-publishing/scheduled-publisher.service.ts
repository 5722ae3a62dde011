import { OptimisticLockError } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Article, databaseNow, publishArticle } from '@newsroom/database';
import { OutboxRelay } from '@newsroom/outbox';
import { decidePublish, PublishDecision, PublishTarget } from './publish-decision';

/**
 * Makes one scheduled article go live, if it still should: the guard
 * (decidePublish) on a fresh read, then the shared publish step, committed by
 * a flush that the optimistic lock on `version` lets through for one writer
 * only. Safe to call any number of times, from any replica, for the same slot.
 */
@Injectable()
export class ScheduledPublisher {
  private readonly logger = new Logger(ScheduledPublisher.name);

  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  async publish(target: PublishTarget): Promise<PublishDecision> {
    const em = this.em.fork();
    const now = await databaseNow(em);
    const article = await em.findOne(Article, { id: target.articleId }, { populate: ['rubric', 'author'] });
    const decision = decidePublish(article, target, now);
    if (decision.action === 'skip') {
      this.logger.debug(`not publishing ${target.articleId} v${target.version}: ${decision.reason}`);
      return decision;
    }
    if (decision.action === 'wait') return decision;
    const event = publishArticle(em, article as Article, { actor: null, now });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        this.logger.debug(`not publishing ${target.articleId} v${target.version}: another publisher got there first`);
        return { action: 'skip', reason: 'another publisher got there first' };
      }
      throw error;
    }
    this.logger.log(`published ${target.articleId} (scheduled for ${target.scheduledFor}, live at ${now.toISOString()})`);
    // Awaited rather than in the background, so a graceful shutdown waits for it; the sweep covers a failure.
    await this.relay.relay([event.id]).catch((error: unknown) => this.logger.warn(`outbox relay deferred to the sweep: ${(error as Error).message}`));
    return decision;
  }
}
