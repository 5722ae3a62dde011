import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { UiModule } from '@newsroom/html';
import { HttpExceptionFilter, HttpServerConfig } from '@newsroom/http';
import { OperationsModule } from '@newsroom/operations';
import { OutboxModule } from '@newsroom/outbox';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { ArticleAccessModule } from './article-access/article-access.module';
import { AuthModule } from './auth/auth.module';
import { DeskModule } from './desk/desk.module';
import { DraftsModule } from './drafts/drafts.module';
import { PreviewLinksModule } from './preview-links/preview-links.module';
import { GatewayConfig } from './gateway.config';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { LiveUpdatesModule } from './live-updates/live-updates.module';
import { PublishingModule } from './publishing/publishing.module';
import { ReviewQueueModule } from './review-queue/review-queue.module';
import { ReviewStatsModule } from './review-stats/review-stats.module';
import { RubricsModule } from './rubrics/rubrics.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    NewsroomConfigModule.forRoot(GatewayConfig, { alsoAs: [HttpServerConfig] }),
    DatabaseModule.forRoot(),
    RedisModule,
    QueueModule.forRoot(),
    OutboxModule,
    RateLimitModule,
    OperationsModule.forRoot({ app: 'gateway' }),
    AuthModule,
    ArticleAccessModule,
    UsersModule,
    RubricsModule,
    DraftsModule,
    PreviewLinksModule,
    PublishingModule,
    LiveUpdatesModule,
    ReviewStatsModule,
    ReviewQueueModule,
    WebhooksModule,
    UiModule,
    DeskModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class GatewayModule {}
