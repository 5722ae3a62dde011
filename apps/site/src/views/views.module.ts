import { Module } from '@nestjs/common';
import { ViewCountingQueues } from '@newsroom/queue';
import { SiteConfig } from '../site.config';
import { BeaconMetrics } from './beacon.metrics';
import { BulkLaneBacklog } from './bulk-lane-backlog';
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
    {
      provide: ViewLanes,
      inject: [ViewCountingQueues, SiteConfig],
      // each batch goes to the view shards' queues, split by article (ViewCountingQueues)
      useFactory: (queues: ViewCountingQueues, config: SiteConfig) => {
        const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, maxWaitMs: config.NEWSROOM_VIEW_GROUP_COMMIT_MS };
        return new ViewLanes(
          new ViewBatcher((batch) => queues.add(batch), limits),
          new ViewBatcher((batch) => queues.add(batch, { priority: BULK_LANE_PRIORITY }), limits),
        );
      },
    },
  ],
})
export class ViewsModule {}
