import { Module } from '@nestjs/common';
import { ViewCountingQueues } from '@newsroom/queue';
import { ViewCounter, viewCounterProvider } from '@newsroom/view-counting';
import { SiteConfig } from '../site.config';
import { BeaconMetrics } from './beacon.metrics';
import { BulkLaneBacklog } from './bulk-lane-backlog';
import { countOnArrival } from './count-on-arrival';
import { PublishedArticleLookup } from './published-article-lookup';
import { BatchLimits, DEFAULT_BATCH_LIMITS, ViewBatcher } from './view-batcher';
import { ViewBeacon } from './view-beacon';
import { BULK_LANE_PRIORITY, ViewLanes } from './view-lanes';
import { ViewsService } from './views.service';

/** The view beacon: POST /views and /views/batch (a plain Node handler in front of Nest, see view-beacon.ts). */
@Module({
  providers: [
    ViewBeacon,
    ViewsService,
    PublishedArticleLookup,
    BulkLaneBacklog,
    BeaconMetrics,
    viewCounterProvider(SiteConfig),
    {
      provide: ViewLanes,
      inject: [ViewCountingQueues, ViewCounter, SiteConfig],
      // readers' views are counted as they arrive; large batches go to the view shards' queues, split by article (ViewCountingQueues)
      useFactory: (queues: ViewCountingQueues, counter: ViewCounter, config: SiteConfig) => {
        const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, maxWaitMs: config.NEWSROOM_VIEW_GROUP_COMMIT_MS };
        return new ViewLanes(
          new ViewBatcher(countOnArrival(counter), limits),
          new ViewBatcher((batch) => queues.add(batch, { priority: BULK_LANE_PRIORITY }), limits),
        );
      },
    },
  ],
})
export class ViewsModule {}
