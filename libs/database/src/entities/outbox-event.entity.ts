import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { currentTraceIds } from '@newsroom/telemetry';

/**
 * Transactional outbox: written in the same transaction as the state change it
 * announces, relayed to the queues afterwards. Its id is the event id webhook
 * receivers deduplicate on.
 */
@Entity({ tableName: 'outbox_events' })
@Index({ name: 'outbox_events_pending_idx', expression: `create index "outbox_events_pending_idx" on "outbox_events" ("occurred_at") where "relayed_at" is null` })
export class OutboxEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 60 })
  type: string;

  @Property({ type: 'uuid', nullable: true })
  articleId: string | null;

  @Property({ type: 'json' })
  payload: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt: Date & Opt = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  relayedAt: Date | null = null;

  constructor(type: string, articleId: string | null, payload: Record<string, unknown>) {
    this.type = type;
    this.articleId = articleId;
    // the request that caused the event: its jobs and webhook deliveries carry it on (outbox-relay.service.ts)
    const trace = currentTraceIds();
    this.payload = trace ? { ...payload, trace } : payload;
  }
}
