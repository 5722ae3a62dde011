import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { QueueChange, REVIEW_QUEUE_CHANNEL, ReviewQueueMessage } from '@newsroom/contracts';
import { loadReviewQueueItem } from '@newsroom/database';
import { RedisClient } from '@newsroom/redis';

/**
 * Publishes a queue change to every gateway (each relays it to its editors'
 * streams). The item is read fresh, so a late or repeated announcement carries
 * the current state rather than a stale one; null once the article left review.
 */
@Injectable()
export class QueueAnnouncer {
  constructor(
    private readonly em: EntityManager,
    private readonly redis: RedisClient,
  ) {}

  async announce(articleId: string, change: QueueChange): Promise<ReviewQueueMessage> {
    const item = await loadReviewQueueItem(this.em.fork(), articleId);
    const message: ReviewQueueMessage = { change, articleId, item, at: new Date().toISOString() };
    await this.redis.publish(this.redis.channel(REVIEW_QUEUE_CHANNEL), JSON.stringify(message));
    return message;
  }
}
