import { Injectable } from '@nestjs/common';
import { ViewCountingQueues } from '@newsroom/queue';
import { viewCountingBacklog } from './view-counting-backlog';

/** Readers' views show within this long of the beacon (API.md); a prompt batch older than that breaks it. */
export const COUNTS_PROMISE_SECONDS = 2;

export interface LaneBacklog {
  /** view batches accepted (each answered 202) and not yet counted */
  batches: number;
  /** how long the oldest of them has waited */
  oldestWaitSeconds: number;
}

export interface ViewCountingHealth {
  /** `behind`: readers' views wait longer than the 2 s promise (the views service is down or needs replicas) */
  status: 'up' | 'behind';
  /** readers' beacons, counted first */
  promptLane: LaneBacklog;
  /** collectors' large batches, counted when no readers' batch waits (and refused with 503 once too far behind) */
  bulkLane: LaneBacklog;
  shards: number;
}

/**
 * The view-counting backlog on /health: what has been accepted and not yet
 * counted, per lane, and its age. Nothing in it is lost (it waits in Redis);
 * a growing age is counts showing late.
 */
@Injectable()
export class ViewCountingHealthIndicator {
  constructor(private readonly queues: ViewCountingQueues) {}

  async check(): Promise<ViewCountingHealth> {
    const backlog = await viewCountingBacklog(this.queues.all());
    const round = (seconds: number) => Math.round(seconds * 10) / 10;
    return {
      status: backlog.prompt > COUNTS_PROMISE_SECONDS ? 'behind' : 'up',
      promptLane: { batches: backlog.batches.prompt, oldestWaitSeconds: round(backlog.prompt) },
      bulkLane: { batches: backlog.batches.bulk, oldestWaitSeconds: round(backlog.bulk) },
      shards: this.queues.shards.length,
    };
  }
}
