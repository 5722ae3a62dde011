import { Module } from '@nestjs/common';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { viewCounterProvider } from '@newsroom/view-counting';
import { ViewShardWorkers } from './counting/view-shard-workers';
import { FlushSchedule } from './flushing/flush-schedule';
import { FlushLock } from './flushing/flush-lock';
import { ViewFlusher } from './flushing/view-flusher.service';
import { PopularRanking } from './popular/popular-ranking.service';
import { RankingRebuild } from './popular/ranking-rebuild';
import { PublishedArticleIndex } from './published-index/published-article-index.service';
import { FlushPruning } from './flushing/flush-pruning';
import { RubricChanges } from './popular/rubric-changes';
import { SiteContentAnnouncer } from './site-content/site-content-announcer';
import { TrendingRefresh } from './trending/trending-refresh';
import { ViewCountingProcessor } from './view-counting.processor';
import { ViewUpkeepProcessor } from './view-upkeep.processor';
import { ViewsConfig } from './views.config';

/**
 * The view-count service: dedups and counts view batches in Redis (the
 * view-counting queue of each view shard), flushes the counts to Postgres and the Populer ranking every
 * second and follows article changes (queue view-upkeep, never behind the
 * batches), and keeps the published-article index the gateway's beacon
 * resolves articles with.
 */
@Module({
  imports: [NewsroomConfigModule.forRoot(ViewsConfig), DatabaseModule.forRoot({ poolMax: 4 }), RedisModule, QueueModule.forRoot()],
  providers: [
    ViewCountingProcessor,
    ViewUpkeepProcessor,
    viewCounterProvider(ViewsConfig),
    ViewShardWorkers,
    ViewFlusher,
    FlushLock,
    FlushSchedule,
    FlushPruning,
    PopularRanking,
    RankingRebuild,
    RubricChanges,
    PublishedArticleIndex,
    SiteContentAnnouncer,
    TrendingRefresh,
  ],
})
export class ViewsModule {}
