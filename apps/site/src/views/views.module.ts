import { Module } from '@nestjs/common';
import { JobName } from '@newsroom/contracts';
import { HIGH_VOLUME_JOB_OPTIONS, JobProducer } from '@newsroom/queue';
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
      inject: [JobProducer],
      // the batch id doubles as the job id: adding the same batch twice adds one job
      useFactory: (producer: JobProducer) =>
        new ViewLanes(
          new ViewBatcher((batch) => producer.enqueue(JobName.CountViews, batch, { jobId: batch.batchId, ...HIGH_VOLUME_JOB_OPTIONS })),
          new ViewBatcher((batch) =>
            producer.enqueue(JobName.CountViews, batch, { jobId: batch.batchId, priority: BULK_LANE_PRIORITY, ...HIGH_VOLUME_JOB_OPTIONS }),
          ),
        ),
    },
  ],
})
export class ViewsModule {}
