import type { ArticleView, WebhookEnvelope } from '@newsroom/contracts';
import type { OutboxEvent } from '@newsroom/database';

/**
 * What a receiver gets for an outbox event. The id is the event's, so every
 * retry carries the same one and receivers can drop duplicates; the article is
 * the snapshot taken when the event was written, not the article as it is now.
 */
export function webhookEnvelope(event: Pick<OutboxEvent, 'id' | 'type' | 'occurredAt' | 'payload'>): WebhookEnvelope {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    data: { article: event.payload.article as ArticleView },
  };
}
