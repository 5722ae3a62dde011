import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Webhook } from './webhook.entity';

/** One attempt to deliver one event to one webhook. */
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['webhook', 'at'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Webhook, { deleteRule: 'cascade' })
  webhook: Webhook;

  @Property({ type: 'uuid' })
  eventId: string;

  @Property({ type: 'string', length: 60 })
  eventType: string;

  @Property({ type: 'integer' })
  attempt: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  @Property({ type: 'boolean' })
  ok: boolean;

  @Property({ type: 'integer', nullable: true })
  statusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'integer' })
  durationMs: number;

  constructor(init: { webhook: Webhook; eventId: string; eventType: string; attempt: number; ok: boolean; statusCode?: number | null; error?: string | null; durationMs: number }) {
    this.webhook = init.webhook;
    this.eventId = init.eventId;
    this.eventType = init.eventType;
    this.attempt = init.attempt;
    this.ok = init.ok;
    this.durationMs = init.durationMs;
    this.statusCode = init.statusCode ?? null;
    this.error = init.error ?? null;
  }
}
