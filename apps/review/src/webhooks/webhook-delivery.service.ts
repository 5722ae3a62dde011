import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DeliverWebhookPayload } from '@newsroom/contracts';
import { OutboxEvent, Webhook, WebhookDelivery } from '@newsroom/database';
import { egressAgent, TARGET_REFUSED } from '@newsroom/egress';
import { currentTrace, currentTraceHeaders } from '@newsroom/telemetry';
import { randomUUID } from 'node:crypto';
import { Agent, fetch } from 'undici';
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

/** An internal target, refused before any byte was sent; retrying cannot change that. */
export class WebhookTargetRefused extends WebhookAttemptFailed {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

/**
 * One attempt to deliver one event to one webhook, recorded whatever happens.
 * A webhook deleted, paused or no longer subscribed to the event gets nothing.
 * Connections go through the egress rule (the registration's check, again,
 * on the addresses actually connected to), and the recorded error is only a
 * category, so the delivery log cannot be used to probe the network.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleDestroy {
  private readonly dispatcher: Agent;

  constructor(
    private readonly em: EntityManager,
    private readonly config: ReviewConfig,
  ) {
    this.dispatcher = egressAgent(config.webhookAllowList, { connectTimeoutMs: config.NEWSROOM_WEBHOOK_TIMEOUT_MS });
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.destroy();
  }

  async deliver(payload: DeliverWebhookPayload, attempt: number): Promise<DeliveryOutcome> {
    const em = this.em.fork();
    const [webhook, event] = await Promise.all([em.findOne(Webhook, { id: payload.webhookId }), em.findOne(OutboxEvent, { id: payload.eventId })]);
    // the delivery's job names the event only: its lines get the article's id from here on
    const trace = currentTrace();
    if (trace && event?.articleId) trace.articleId = event.articleId;
    if (!webhook || !webhook.active || !event || !webhook.events.includes(event.type)) return 'skipped';

    const body = JSON.stringify(webhookEnvelope(event));
    const deliveryId = randomUUID();
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      const response = await fetch(webhook.url, {
        dispatcher: this.dispatcher,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'newsroom-webhooks/1',
          'x-newsroom-signature': webhookSignature(webhook.secret, body),
          'x-newsroom-event': event.type,
          'x-newsroom-delivery': deliveryId,
          // the request the event came from (X-Request-Id, W3C traceparent): a receiver's logs meet ours
          ...currentTraceHeaders(),
        },
        body,
        // A redirect is not a delivery: following it would send the signed body somewhere nobody subscribed.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.NEWSROOM_WEBHOOK_TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel();
    } catch (e) {
      refused = isEgressRefusal(e);
      error = refused ? TARGET_REFUSED : failureCategory(e);
    }
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const delivery = new WebhookDelivery({
      webhook,
      eventId: event.id,
      eventType: event.type,
      attempt,
      ok,
      statusCode,
      error: ok ? null : (error ?? `HTTP ${statusCode}`),
      durationMs: Math.round(performance.now() - started),
    });
    delivery.id = deliveryId;
    await em.persist(delivery).flush();
    const failure = `webhook ${webhook.id}, event ${event.id}, attempt ${attempt}: ${delivery.error}`;
    if (refused) throw new WebhookTargetRefused(failure);
    if (!ok) throw new WebhookAttemptFailed(failure);
    return 'delivered';
  }
}

/** The error and its causes, outermost first (fetch wraps the socket's error in a TypeError). */
function causes(e: unknown): { name?: string; code?: string }[] {
  const chain: { name?: string; code?: string; cause?: unknown }[] = [];
  for (let at = e as { cause?: unknown } | undefined; at && typeof at === 'object' && chain.length < 5; at = at.cause as typeof at) chain.push(at);
  return chain;
}

function isEgressRefusal(e: unknown): boolean {
  return causes(e).some((c) => c.code === 'ERR_EGRESS_REFUSED');
}

/**
 * What the delivery log says about a failed connection: a category, never the
 * socket's or resolver's message (`connect ECONNREFUSED 10.0.0.7:6379` would
 * tell an admin which internal ports are open).
 */
function failureCategory(e: unknown): string {
  const chain = causes(e);
  if (chain.some((c) => c.name === 'TimeoutError' || c.code === 'UND_ERR_CONNECT_TIMEOUT' || c.code === 'UND_ERR_HEADERS_TIMEOUT' || c.code === 'ETIMEDOUT')) return 'timed out';
  if (chain.some((c) => c.code === 'ENOTFOUND' || c.code === 'EAI_AGAIN')) return 'name not resolved';
  return 'connection failed';
}
