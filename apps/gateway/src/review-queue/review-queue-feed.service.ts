import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { REVIEW_QUEUE_CHANNEL, ReviewQueueMessage } from '@newsroom/contracts';
import { ChannelListener, RedisClient } from '@newsroom/redis';
import { Observable, Subject } from 'rxjs';

/**
 * The review service's queue announcements, as this gateway process hears them.
 * One Redis subscription per process, however many editors are connected: each
 * stream subscribes to `messages` instead of to Redis. Nothing is kept: state
 * lives in Postgres, and a client that reconnects re-reads GET /review-queue.
 */
@Injectable()
export class ReviewQueueFeed implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReviewQueueFeed.name);
  private readonly subject = new Subject<ReviewQueueMessage>();
  private listener?: ChannelListener;

  readonly messages: Observable<ReviewQueueMessage> = this.subject.asObservable();

  constructor(private readonly redis: RedisClient) {}

  onModuleInit(): void {
    // with Redis down the gateway still starts (and /health says so); the subscription follows once it answers
    this.listener = this.redis.listen(REVIEW_QUEUE_CHANNEL, (raw) => this.forward(raw));
  }

  /** Ends every open stream before the HTTP server closes, which would otherwise wait for them. */
  async beforeApplicationShutdown(): Promise<void> {
    this.subject.complete();
    await this.listener?.close();
  }

  private forward(raw: string): void {
    try {
      this.subject.next(JSON.parse(raw) as ReviewQueueMessage);
    } catch {
      this.logger.warn(`ignored a malformed review-queue message: ${raw.slice(0, 200)}`);
    }
  }
}
