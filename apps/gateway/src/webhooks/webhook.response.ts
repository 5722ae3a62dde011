import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '@newsroom/contracts';
import { Webhook } from '@newsroom/database';

/** A subscription as admins see it: never its secret. */
export class WebhookResponse {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events: string[];
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;

  static of(webhook: Webhook): WebhookResponse {
    return { id: webhook.id, url: webhook.url, events: webhook.events, active: webhook.active, createdAt: webhook.createdAt.toISOString() };
  }
}
