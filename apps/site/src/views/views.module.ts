import { Module } from '@nestjs/common';
import { ViewCountingQueues } from '@newsroom/queue';
import { BulkLaneBacklog } from './bulk-lane-backlog';
import { PublishedArticleLookup } from './published-article-lookup';
import { ViewBatcher } from './view-batcher';
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
    {
      provide: ViewLanes,
      inject: [ViewCountingQueues],
      // each batch goes to the view shards' queues, split by article (ViewCountingQueues)
      useFactory: (queues: ViewCountingQueues) =>
        new ViewLanes(
          new ViewBatcher((batch) => queues.add(batch)),
          new ViewBatcher((batch) => queues.add(batch, { priority: BULK_LANE_PRIORITY })),
        ),
    },
  ],
})
export class ViewsModule {}
