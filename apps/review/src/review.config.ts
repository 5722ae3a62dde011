import { IsInt, Max, Min } from 'class-validator';
import { WebhookTargetsConfig } from '@newsroom/egress';

export class ReviewConfig extends WebhookTargetsConfig {
  /** how long a webhook receiver may take to answer before the attempt counts as failed */
  @IsInt()
  @Min(1000)
  @Max(60_000)
  NEWSROOM_WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** webhook deliveries in flight at once per process; each waits on a remote server, not on us */
  @IsInt()
  @Min(1)
  @Max(100)
  NEWSROOM_WEBHOOK_CONCURRENCY: number = 10;
}
