import { Logger } from '@nestjs/common';
import type { CountViewsPayload } from '@newsroom/contracts';
import { logSafeError } from '@newsroom/database';
import { ViewCounter, viewsNotStored } from '@newsroom/view-counting';

/**
 * The prompt lane's end: readers' views are counted as they arrive, one
 * counting script per view shard a batch touches, and a request is answered
 * 202 once its batch is counted in Redis (and on the replicas
 * NEWSROOM_REDIS_WAIT_REPLICAS asks for). Through a queue, each batch of a
 * few views cost three BullMQ scripts (add, take, finish) and a views service
 * turn, more than counting it (docs/benchmarks/views.md); what the queue gave
 * the prompt lane, redelivery, the counting script gives by itself (a view
 * sent again finds its dedup key and counts once: BatchOrigin). Collectors' large batches
 * still wait on the bulk lane's queue, where a flood of them builds up behind
 * readers' views instead of in front of them.
 */
export function countOnArrival(counter: ViewCounter): (batch: CountViewsPayload) => Promise<void> {
  const logger = new Logger('ViewCounting');
  return async (batch) => {
    try {
      await counter.count(batch, 'arrival');
    } catch (error) {
      logger.warn(`view batch ${batch.batchId} not counted: ${logSafeError(error)}`);
      throw viewsNotStored();
    }
  };
}
