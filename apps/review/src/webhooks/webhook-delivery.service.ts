import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DeliverWebhookPayload } from '@newsroom/contracts';
import { OutboxEvent, Webhook, WebhookDelivery } from '@newsroom/database';
import { randomUUID } from 'node:crypto';
import { ReviewConfig } from '../review.config';
import { webhookEnvelope } from './webhook-envelope';
import { webhookSignature } from './webhook-signature';

export type DeliveryOutcome = 'delivered' | 'skipped';

/** A failed attempt; thrown so BullMQ retries with the webhook queue's backoff. */
export class WebhookAttemptFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookAttemptFailed';
  }
}

/**
 * One attempt to deliver one event to one webhook, recorded whatever happens.
 * A webhook deleted, paused or no longer subscribed to the event gets nothing.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: ReviewConfig,
  ) {}

  async deliver(payload: DeliverWebhookPayload, attempt: number): Promise<DeliveryOutcome> {
    const em = this.em.fork();
    const [webhook, event] = await Promise.all([em.findOne(Webhook, { id: payload.webhookId }), em.findOne(OutboxEvent, { id: payload.eventId })]);
    if (!webhook || !webhook.active || !event || !webhook.events.includes(event.type)) return 'skipped';

    const body = JSON.stringify(webhookEnvelope(event));
    const deliveryId = randomUUID();
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'newsroom-webhooks/1',
          'x-newsroom-signature': webhookSignature(webhook.secret, body),
          'x-newsroom-event': event.type,
          'x-newsroom-delivery': deliveryId,
        },
        body,
        // A redirect is not a delivery: following it would send the signed body somewhere nobody subscribed.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.NEWSROOM_WEBHOOK_TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel();
    } catch (e) {
      error = describeFailure(e);
    }
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const delivery = new WebhookDelivery({
      webhook,
      eventId: event.id,
      eventType: event.type,
      attempt,
      ok,
      statusCode,
      error: ok ? null : (error ?? `the receiver answered ${statusCode}`),
      durationMs: Math.round(performance.now() - started),
    });
    delivery.id = deliveryId;
    await em.persist(delivery).flush();
    if (!ok) throw new WebhookAttemptFailed(`webhook ${webhook.id}, event ${event.id}, attempt ${attempt}: ${delivery.error}`);
    return 'delivered';
  }
}

function describeFailure(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  const cause = err.cause?.code ?? err.cause?.message;
  return (cause ? `${err.message}: ${cause}` : (err.message ?? String(e))).slice(0, 500);
}
