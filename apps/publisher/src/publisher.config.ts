import { IsInt, Max, Min } from 'class-validator';
import { BaseConfig } from '@newsroom/config';

export class PublisherConfig extends BaseConfig {
  /**
   * How often Postgres and the queue are compared: the longest an article
   * waits to go live when its delayed job was lost (Redis lost its data).
   */
  @IsInt()
  @Min(1000)
  @Max(60_000)
  PUBLISHER_RECONCILE_EVERY_MS: number = 5000;

  /** How often outbox events a writer failed to relay are swept onto the queues. */
  @IsInt()
  @Min(500)
  @Max(60_000)
  PUBLISHER_OUTBOX_SWEEP_EVERY_MS: number = 2000;
}
