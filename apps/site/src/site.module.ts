import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule, ReadReplicas, ReadReplicasModule } from '@newsroom/database';
import { UiModule } from '@newsroom/html';
import { HttpExceptionFilter, HttpServerConfig } from '@newsroom/http';
import { OperationsModule } from '@newsroom/operations';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { FeedsModule } from './feeds/feeds.module';
import { PageCacheModule } from './page-cache/page-cache.module';
import { ReadersCache } from './page-cache/readers-cache.service';
import { PagesModule } from './pages/pages.module';
import { PublicModule } from './public/public.module';
import { SearchModule } from './search/search.module';
import { ReadersRateLimitsModule } from './rate-limit/readers-rate-limits.module';
import { SiteConfig } from './site.config';
import { StaffForwarder } from './staff-forwarding/staff-forwarder';
import { ViewsModule } from './views/views.module';

/**
 * The readers' side: the pages (home, rubrics, articles, the lists), the
 * public JSON, GET /rubrics and the view beacon, each replica with its own
 * cache, purged by the changes announced on Redis. It reads Postgres and
 * Redis and hands views to the views service's queue; it never writes an
 * article. Scaled by replicas apart from the gateway (the staff side).
 */
@Module({
  imports: [
    NewsroomConfigModule.forRoot(SiteConfig, { alsoAs: [HttpServerConfig] }),
    // the readers' reads may go to the streaming replicas (DATABASE_REPLICA_URLS)
    DatabaseModule.forRoot({ readReplicas: true }),
    ReadReplicasModule,
    RedisModule,
    QueueModule.forRoot(),
    OperationsModule.forRoot({
      app: 'site',
      healthExtras: {
        inject: [ReadersCache, ReadReplicas],
        // this replica's cache of readers' pages and JSON (404 pages and side blocks included), and where its reads go
        useFactory: (cache: ReadersCache, reads: ReadReplicas) => () => {
          const caches = Object.values(cache.stats());
          return {
            siteCache: { bytes: caches.reduce((sum, c) => sum + c.bytes, 0), entries: caches.reduce((sum, c) => sum + c.entries, 0) },
            database: reads.health(),
          };
        },
      },
    }),
    ReadersRateLimitsModule,
    PageCacheModule,
    PublicModule,
    SearchModule,
    FeedsModule,
    ViewsModule,
    UiModule,
    PagesModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }, StaffForwarder],
})
export class SiteAppModule {}
