import { ApiProperty } from '@nestjs/swagger';
import { WebhookDelivery } from '@newsroom/database';

/** One attempt to deliver one event (retries of an event share its eventId). */
export class WebhookDeliveryResponse {
  @ApiProperty({ description: 'this attempt; sent as X-Newsroom-Delivery' }) id: string;
  @ApiProperty({ description: 'the event, the body\'s `id`: the same on every retry' }) eventId: string;
  @ApiProperty({ example: 'review.approved' }) eventType: string;
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty() at: string;
  @ApiProperty({ description: 'the receiver answered 2xx' }) ok: boolean;
  @ApiProperty({ nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the attempt failed, as a category only: `HTTP <status>`, `timed out`, `connection failed`, `name not resolved`, or `target refused: internal address` (the target resolved to a loopback, private or otherwise internal address at delivery; not retried)' }) error: string | null;
  @ApiProperty() durationMs: number;

  static of(d: WebhookDelivery): WebhookDeliveryResponse {
    return { id: d.id, eventId: d.eventId, eventType: d.eventType, attempt: d.attempt, at: d.at.toISOString(), ok: d.ok, statusCode: d.statusCode, error: d.error, durationMs: d.durationMs };
  }
}
