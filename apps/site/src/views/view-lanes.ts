import { BeforeApplicationShutdown } from '@nestjs/common';
import { ViewBatcher } from './view-batcher';

/** A beacon request with at most this many views is a reader's page (or a page's few beacons sent together). */
export const PROMPT_LANE_MAX_VIEWS = 10;

/**
 * BullMQ priority of the bulk lane's jobs. Any priority puts a job among the
 * queue's prioritized ones, which BullMQ takes only when no plain job waits;
 * one value for all keeps bulk batches first in, first out among themselves.
 */
export const BULK_LANE_PRIORITY = 1;

/**
 * Two group commits, so that a flood of large batches cannot make readers'
 * views late. Views of small requests (POST /views, a page's few beacons) go
 * to the prompt lane, which counts them as they arrive (countOnArrival);
 * views of large ones (POST /views/batch from a collector catching up) go to
 * the bulk lane, as prioritized jobs on the view-counting queues, which the
 * views service counts when no plain job waits (plain jobs: batches queued by
 * earlier versions). So a backlog of bulk batches builds up in the queue,
 * and the flood itself is what arrives late. Counting does not depend on
 * order (each batch is deduplicated and capped on its own), so nothing but
 * timing changes.
 */
export class ViewLanes implements BeforeApplicationShutdown {
  constructor(
    readonly prompt: ViewBatcher,
    readonly bulk: ViewBatcher,
  ) {}

  /** The lane for a request of `views` views. */
  for(views: number): ViewBatcher {
    return views <= PROMPT_LANE_MAX_VIEWS ? this.prompt : this.bulk;
  }

  /** Sends what is pending in both lanes (shutdown: requests still waiting get their answer). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.prompt.flush(), this.bulk.flush()]);
  }
}
