import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { OutboxModule } from '@newsroom/outbox';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { ArticleAccessModule } from './article-access/article-access.module';
import { AuthModule } from './auth/auth.module';
import { DeskModule } from './desk/desk.module';
import { DraftsModule } from './drafts/drafts.module';
import { GatewayConfig } from './gateway.config';
import { HealthModule } from './health/health.module';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { MetricsModule } from './metrics/metrics.module';
import { PageCacheModule } from './page-cache/page-cache.module';
import { PublicModule } from './public/public.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { PublishingModule } from './publishing/publishing.module';
import { ReviewQueueModule } from './review-queue/review-queue.module';
import { RubricsModule } from './rubrics/rubrics.module';
import { SiteModule } from './site/site.module';
import { UiModule } from './ui/ui.module';
import { UsersModule } from './users/users.module';
import { ViewsModule } from './views/views.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    NewsroomConfigModule.forRoot(GatewayConfig),
    DatabaseModule.forRoot(),
    RedisModule,
    QueueModule.forRoot(),
    OutboxModule,
    RateLimitModule,
    PageCacheModule,
    AuthModule,
    ArticleAccessModule,
    UsersModule,
    RubricsModule,
    HealthModule,
    DraftsModule,
    MetricsModule,
    PublishingModule,
    ReviewQueueModule,
    WebhooksModule,
    PublicModule,
    ViewsModule,
    UiModule,
    SiteModule,
    DeskModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class GatewayModule {}
